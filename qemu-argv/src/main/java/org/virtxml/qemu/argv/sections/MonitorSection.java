package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/**
 * The QMP monitor libvirt talks to: a listening unix socket {@code monitor.sock} in the domain's directory as
 * chardev {@code charmonitor}, and {@code -mon} in control mode (libvirt's qemuBuildMonitorCommandLine).
 */
public final class MonitorSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        ctx.chardev(KeyValue.of("socket").add("id", "charmonitor").add("path", ctx.prepared().monitorPath())
                .raw("server=on").raw("wait=off"));
        ctx.add("-mon", KeyValue.create().add("chardev", "charmonitor").add("id", "monitor").add("mode", "control"));
    }
}
