package org.virtxml.qemu.argv;

/**
 * Preparation step for libvirt's qemuDomainSecretPrepare (secrets of disks, hostdevs, graphics TLS; refusals when
 * a secret is not defined on the host).
 */
final class SecretPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // left to the storage half of the argv work (its own branch); runs at its place in Preparer's order
    }
}
