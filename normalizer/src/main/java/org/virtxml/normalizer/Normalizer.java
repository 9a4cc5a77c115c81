package org.virtxml.normalizer;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.normalizer.device.DefaultDevices;
import org.virtxml.normalizer.device.DeviceChecks;
import org.virtxml.normalizer.device.DeviceFormat;
import org.virtxml.normalizer.device.DeviceParse;
import org.virtxml.normalizer.device.DeviceParseChecks;
import org.virtxml.normalizer.device.DeviceSetChecks;
import org.virtxml.normalizer.device.DevicePostParse;
import org.virtxml.normalizer.device.ImplicitDevices;
import org.virtxml.normalizer.device.IsaSerialPorts;
import org.virtxml.normalizer.device.VirtioSerialAddresses;

/**
 * Normalizes a domain as libvirt 9.0.0's {@code virsh define} + {@code virsh dumpxml --inactive} does for the
 * QEMU driver: the stages run in the order of libvirt's {@code virDomainDefPostParse} followed by its
 * validation (basic defaults, controller indexes, hypervisor defaults, per-device defaults, implicit devices,
 * address assignment, checks).
 */
public final class Normalizer {
    private final CapsProvider caps;
    private final RandomSource random;
    private final List<Stage> stages;

    /** A normalizer using the built-in QEMU 7.2 profiles, with secure randomness. */
    public Normalizer() {
        this(CapsProvider.builtin(), RandomSource.secure());
    }

    /** A normalizer with the given profiles and randomness (tests use a seeded source). */
    public Normalizer(CapsProvider caps, RandomSource random) {
        this.caps = caps;
        this.random = random;
        this.stages = List.of(
                // parse: what libvirt's XML parser refuses and converts while reading devices
                new DeviceParseChecks(),
                new DeviceParse(),
                // qemuDomainDefPostParse: the devices every guest of the machine gets
                new DefaultDevices(),
                // virDomainChrIsaSerialDefPostParse, then the per-device post-parse callbacks
                new IsaSerialPorts(),
                new DevicePostParse(),
                // virDomainDefPostParseCommon: implicit devices and their defaults
                new ImplicitDevices(),
                // qemuDomainAssignAddresses: virtio-serial ports first
                new VirtioSerialAddresses(),
                // validation: each device, then the checks across devices
                new DeviceChecks(),
                new DeviceSetChecks(),
                // what the formatter writes differently from what libvirt holds
                new DeviceFormat());
    }

    /**
     * Normalizes {@code domain} in place and returns it.
     *
     * @throws NormalizeException with libvirt's message when libvirt would refuse to define it
     */
    public Domain normalize(Domain domain) {
        NormalizeContext ctx = new NormalizeContext(domain, caps.forArch(guestArch(domain)), random);
        for (Stage s : stages) {
            s.apply(ctx);
        }
        return domain;
    }

    /** The architecture whose emulator's profile applies: the one the domain asks for, x86_64 by default. */
    static String guestArch(Domain domain) {
        if (domain.getOs() != null && domain.getOs().getType() != null && domain.getOs().getType().getArch() != null) {
            return domain.getOs().getType().getArch();
        }
        return "x86_64";
    }
}
