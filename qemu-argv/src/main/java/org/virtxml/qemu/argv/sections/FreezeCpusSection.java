package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/** {@code -S}: libvirt always starts QEMU with its vCPUs stopped and resumes them once set up. */
public final class FreezeCpusSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        ctx.add("-S");
    }
}
