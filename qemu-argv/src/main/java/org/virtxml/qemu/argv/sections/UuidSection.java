package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/** {@code -uuid UUID}: always written, the normalized domain always has one. */
public final class UuidSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        ctx.add("-uuid", ctx.domain().getUuid());
    }
}
