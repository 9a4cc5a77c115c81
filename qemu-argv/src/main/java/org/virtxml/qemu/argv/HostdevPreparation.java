package org.virtxml.qemu.argv;

/**
 * Preparation step for libvirt's qemuProcessPrepareDomainHostdevs and domxml-to-native's SCSI generic lookup.
 */
final class HostdevPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // left to the storage half of the argv work (its own branch); runs at its place in Preparer's order
    }
}
