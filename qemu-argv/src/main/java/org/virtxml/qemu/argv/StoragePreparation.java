package org.virtxml.qemu.argv;

/**
 * Preparation step for libvirt's qemuProcessPrepareDomainStorage (blockdev node names, storage source types,
 * pool/volume translation, managed persistent reservations).
 */
final class StoragePreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // left to the storage half of the argv work (its own branch); runs at its place in Preparer's order
    }
}
