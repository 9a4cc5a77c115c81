package org.virtxml.qemu.argv;

import org.virtxml.qemu.argv.storage.DiskStorage;

/**
 * Preparation step for libvirt's qemuProcessPrepareDomainStorage (blockdev node names, storage source types,
 * pool/volume translation, secrets and TLS of images, persistent reservations), preceded by the disk checks of
 * qemuProcessStartValidateDisks that libvirt makes before anything is prepared. The result is in
 * {@link DiskStorage#of}.
 */
final class StoragePreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        if (prepared.domain().getDevices() == null) {
            return;
        }
        DiskStorage.validateAtStart(prepared);
        DiskStorage.prepare(prepared);
    }
}
