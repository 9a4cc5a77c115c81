package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildMemoryDeviceCommandLine}: memory devices: DIMMs,
 * NVDIMMs, virtio-mem, virtio-pmem and SGX EPC with their backends.
 */
public final class MemoryDeviceSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        // platform half: written in the commits after the skeleton
    }
}
