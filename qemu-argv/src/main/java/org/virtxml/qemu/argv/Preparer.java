package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;

/**
 * Runs the preparation steps in the order of libvirt's domxml-to-native: its interface conversion, then
 * {@code qemuProcessPrepareDomain} (aliases, boot order, graphics, storage, host devices, chardev sources,
 * secrets, firmware, guest CPU), then domxml-to-native's host step for SCSI host devices.
 */
final class Preparer {
    private static final List<PrepareStep> STEPS = List.of(
            new NetPreparation(),
            new StartValidation(),
            new PciMultifunction(),
            new DeviceAliases(),
            new BootOrder(),
            new GraphicsPreparation(),
            new StoragePreparation(),
            new HostdevPreparation(),
            new ChardevPreparation(),
            new SecretPreparation(),
            new FirmwarePreparation(),
            new MemorySizes.Step(),
            new CpuPreparation(),
            // domxml-to-native's host step, after qemuProcessPrepareDomain
            new HostdevPreparation.Host());

    private Preparer() {
    }

    /** The prepared state of {@code domain} for the emulator described by {@code caps}. */
    static Prepared prepare(Domain domain, QemuCaps caps) {
        Prepared p = new Prepared(domain, caps);
        for (PrepareStep s : STEPS) {
            s.prepare(p);
        }
        return p;
    }

    /** The prepared state of {@code domain} for a real start whose runtime files are at {@code paths}. */
    static Prepared prepare(Domain domain, QemuCaps caps, RuntimePaths paths) {
        Prepared p = new Prepared(domain, caps, paths);
        for (PrepareStep s : STEPS) {
            s.prepare(p);
        }
        return p;
    }
}
