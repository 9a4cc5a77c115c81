package org.virtxml.qemu.argv;

/**
 * libvirt's {@code qemuFirmwareFillDomain} for a start: with {@code <os firmware='...'>} (autoselection) it picks
 * a firmware descriptor of the host that fits the machine and the requested features, and refuses when none fits.
 */
final class FirmwarePreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // platform half: filled after the skeleton (firmware descriptors come from caps.host().firmware())
    }
}
