package org.virtxml.qemu.argv.sections;

import org.virtxml.model.bind.Scaling;
import org.virtxml.model.devices.DomainAddressPci;
import org.virtxml.model.devices.DomainShmem;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * Shared memory (libvirt's qemuBuildShmemCommandLine): {@code ivshmem-plain} on a {@code /dev/shm} file backend
 * {@code shmmem-ALIAS}, {@code ivshmem-doorbell} talking to an ivshmem server over chardev {@code charALIAS}
 * (by default {@code /var/lib/libvirt/shmem-NAME-sock}), or the legacy {@code ivshmem}.
 */
public final class ShmemSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainShmem shmem : ctx.domain().getDevices().getShmems()) {
            build(ctx, shmem);
        }
    }

    private static void build(BuildContext ctx, DomainShmem shmem) {
        long size = shmem.getSize() == null || shmem.getSize().getValue() == null ? 0
                : Scaling.toBytes(shmem.getSize().getValue(), shmem.getSize().getUnit(), 1024 * 1024, Long.MAX_VALUE);
        if (size != 0 && (size & (size - 1)) != 0) {
            throw new ArgvException("XML error: shmem size must be a power of two", shmem);
        }
        if (size != 0 && size < 1024 * 1024) {
            throw new ArgvException("XML error: shmem size must be at least 1 MiB (1024 KiB)", shmem);
        }
        if (!(shmem.getAddress() instanceof DomainAddressPci)) {
            throw new ArgvException("unsupported configuration: only 'pci' addresses are supported for the shared "
                    + "memory device", shmem);
        }
        String alias = ctx.prepared().alias(shmem);
        String model = shmem.getModel() == null || shmem.getModel().getType() == null ? "ivshmem-plain"
                : shmem.getModel().getType();
        boolean server = shmem.getServer() != null;
        Integer vectors = shmem.getMsi() == null ? null : shmem.getMsi().getVectors();
        Boolean ioeventfd = shmem.getMsi() == null ? null : DeviceProps.onOff(shmem.getMsi().getIoeventfd());
        Props dev;
        if (model.equals("ivshmem")) {
            // QEMU 4.0 dropped 'ivshmem'; libvirt keeps writing its old size syntax
            dev = Props.of("driver", "ivshmem").str("id", alias).str("size", (size >> 20) + "m")
                    .str("shm", server ? null : shmem.getName()).str("chardev", server ? "char" + alias : null)
                    .trueOnly("msi", shmem.getMsi() != null)
                    .positive("vectors", vectors).bool("ioeventfd", ioeventfd);
        } else {
            if (model.equals("ivshmem-plain")) {
                ctx.object(Props.object("memory-backend-file", "shmmem-" + alias).str("mem-path", "/dev/shm/"
                        + shmem.getName()).num("size", size).bool("share", true));
            }
            String master = null;
            if (!server && shmem.getRole() != null) {
                master = shmem.getRole().equals("master") ? "on" : shmem.getRole().equals("peer") ? "off" : null;
            }
            dev = Props.of("driver", model).str("id", alias).str("chardev", server ? "char" + alias : null)
                    .str("memdev", server ? null : "shmmem-" + alias).str("master", master)
                    .positive("vectors", vectors).bool("ioeventfd", ioeventfd);
        }
        ctx.deviceProps().address(dev, shmem);
        ctx.device(dev);
        if (server) {
            String path = shmem.getServer().getPath() != null ? shmem.getServer().getPath()
                    : "/var/lib/libvirt/shmem-" + shmem.getName() + "-sock";
            ctx.chardev(KeyValue.of("socket").add("id", "char" + alias).add("path", path));
        }
    }
}
