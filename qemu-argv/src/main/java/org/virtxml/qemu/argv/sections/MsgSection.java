package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/** {@code -msg timestamp=on}: timestamps in QEMU's log, unless qemu.conf's {@code log_timestamp} is 0. */
public final class MsgSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.caps().host().qemuConf().logTimestamp()) {
            ctx.add("-msg", "timestamp=on");
        }
    }
}
