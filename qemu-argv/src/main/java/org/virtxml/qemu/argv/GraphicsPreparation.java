package org.virtxml.qemu.argv;

/**
 * Preparation step for libvirt's qemuProcessSetupGraphics (VNC/SPICE ports for autoport, listen addresses,
 * /dev/dri render nodes).
 */
final class GraphicsPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // left to the front-end half of the argv work (its own branch); runs at its place in Preparer's order
    }
}
