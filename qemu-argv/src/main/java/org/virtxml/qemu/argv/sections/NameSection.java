package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/** {@code -name guest=NAME,debug-threads=on} (libvirt's qemuBuildNameCommandLine). */
public final class NameSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        String name = ctx.domain().getName();
        // 'guest=' lets a name contain '=' itself
        KeyValue kv = KeyValue.create().add("guest", name);
        if (ctx.caps().host().qemuConf().setProcessName()) {
            kv.add("process", "qemu:" + name);
        }
        ctx.add("-name", kv.raw("debug-threads=on"));
    }
}
