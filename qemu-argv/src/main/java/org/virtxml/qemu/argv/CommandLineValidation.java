package org.virtxml.qemu.argv;

import java.util.HashMap;
import java.util.Map;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainType;
import org.virtxml.model.devices.DomainGraphics;

/**
 * libvirt's {@code qemuBuildCommandLineValidate}, the checks before anything is built: at most one graphics
 * device of each kind QEMU can show once (sdl, vnc, spice, egl-headless, dbus), and no Xen guest. (The session
 * daemon's tuning checks do not apply: domxml-to-native here talks to the system daemon.)
 */
final class CommandLineValidation {

    private CommandLineValidation() {
    }

    static void check(Prepared p) {
        Domain d = p.domain();
        Map<Class<?>, Integer> counts = new HashMap<>();
        if (d.getDevices() != null) {
            for (DomainGraphics g : d.getDevices().getGraphics()) {
                if (!(g instanceof org.virtxml.model.devices.DomainGraphicsRdp)
                        && !(g instanceof org.virtxml.model.devices.DomainGraphicsDesktop)
                        && counts.merge(g.getClass(), 1, Integer::sum) > 1) {
                    throw new ArgvException("unsupported configuration: only 1 graphics device of each type (sdl, "
                            + "vnc, spice, headless, dbus) is supported");
                }
            }
        }
        String osType = d.getOs().getType() == null || d.getOs().getType().getValue() == null ? "hvm"
                : d.getOs().getType().getValue().xml();
        if (d.getType() == DomainType.XEN || osType.equals("xen") || osType.equals("linux")) {
            throw new ArgvException("internal error: qemu emulator '" + emulator(p) + "' does not support xen");
        }
    }

    private static String emulator(Prepared p) {
        Domain d = p.domain();
        return d.getDevices() != null && d.getDevices().getEmulator() != null ? d.getDevices().getEmulator()
                : p.caps().emulator();
    }
}
