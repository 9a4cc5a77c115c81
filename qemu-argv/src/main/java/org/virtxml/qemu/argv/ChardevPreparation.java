package org.virtxml.qemu.argv;

/**
 * Preparation step for libvirt's qemuProcessPrepareChardevSource and qemuDomainPrepareChannel (channel socket
 * paths under channelTargetDir, logd).
 */
final class ChardevPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // left to the front-end half of the argv work (its own branch); runs at its place in Preparer's order
    }
}
