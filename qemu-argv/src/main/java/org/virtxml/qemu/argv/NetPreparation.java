package org.virtxml.qemu.argv;

/**
 * Preparation step for the conversion domxml-to-native applies to interfaces (every one becomes type 'ethernet'
 * keeping only model, MAC, script and boot order) and what the net sections need prepared (tap fds, vhost fds).
 */
final class NetPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared prepared) {
        // left to the front-end half of the argv work (its own branch); runs at its place in Preparer's order
    }
}
