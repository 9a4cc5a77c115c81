package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -sandbox}: QEMU's seccomp filter, denying obsolete calls, privilege changes, process spawning and resource
 * control, unless qemu.conf's {@code seccomp_sandbox} is 0 (libvirt's qemuBuildSeccompSandboxCommandLine).
 */
public final class SandboxSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (!ctx.has(QemuCapability.SECCOMP_SANDBOX)) {
            return;
        }
        if (ctx.caps().host().qemuConf().seccompSandbox() == 0) {
            ctx.add("-sandbox", "off");
        } else {
            ctx.add("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
        }
    }
}
