package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.DomainMemoryAccess;
import org.virtxml.model.YesNo;
import org.virtxml.model.bind.Scaling;
import org.virtxml.model.devices.DomainMemoryDevice;
import org.virtxml.model.devices.DomainMemoryDeviceSource;
import org.virtxml.model.devices.DomainMemoryDeviceTarget;
import org.virtxml.model.DomainScaledKiB;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * Memory devices (libvirt's qemuBuildMemoryDeviceCommandLine): a backend {@code memALIAS} for each, then
 * {@code pc-dimm}, {@code nvdimm}, {@code virtio-pmem-pci} or {@code virtio-mem-pci} with its node, label, block
 * and requested sizes, UUID and read-only (unarmed) state. SGX EPC sections are {@code -machine} properties.
 */
public final class MemoryDeviceSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainMemoryDevice m : ctx.domain().getDevices().getMemories()) {
            String alias = ctx.prepared().alias(m);
            Props backend = MemoryBackends.build(ctx, request(ctx, m, "mem" + alias), true, false).props();
            Props tc = MemoryBackends.threadContext(ctx, backend);
            if (tc != null) {
                ctx.object(tc);
            }
            ctx.object(backend);
            String device = switch (m.getModel()) {
                case "dimm" -> "pc-dimm";
                case "nvdimm" -> "nvdimm";
                case "virtio-pmem" -> "virtio-pmem-pci";
                case "virtio-mem" -> "virtio-mem-pci";
                default -> null;
            };
            if (device == null) {
                continue;
            }
            DomainMemoryDeviceTarget t = m.getTarget();
            boolean prealloc = false;
            if (device.equals("virtio-mem-pci") && ctx.has(QemuCapability.DEVICE_VIRTIO_MEM_PCI_PREALLOC)) {
                prealloc = MemoryBackends.build(ctx, request(ctx, m, "mem" + alias), true, false).props()
                        .has("prealloc");
            }
            Props p = Props.of("driver", device);
            if (t != null && t.getNode() != null && t.getNode() >= 0) {
                p.num("node", t.getNode());
            }
            p.positive("label-size", t == null || t.getLabel() == null ? null : bytes(t.getLabel().getSize()))
                    .positive("block-size", t == null ? null : bytes(t.getBlock()))
                    .positive("requested-size", t == null ? null : bytes(t.getRequested()))
                    .str("uuid", m.getUuid());
            if (t != null && t.getReadonly() != null) {
                p.bool("unarmed", true);
            }
            p.str("memdev", "mem" + alias).trueOnly("prealloc", prealloc).str("id", alias);
            ctx.deviceProps().address(p, m);
            ctx.device(p);
        }
    }

    private static MemoryBackends.Request request(BuildContext ctx, DomainMemoryDevice m, String alias) {
        DomainMemoryDeviceSource s = m.getSource();
        DomainMemoryDeviceTarget t = m.getTarget();
        DomainMemoryAccess access = m.getAccess() == null ? null : DomainMemoryAccess.fromXml(m.getAccess());
        YesNo discard = m.getDiscard();
        long pagesize = s == null || s.getPagesize() == null ? 0 : kib(s.getPagesize());
        long align = s == null || s.getAlignsize() == null ? 0 : kib(s.getAlignsize());
        boolean nvdimmLike = "nvdimm".equals(m.getModel()) || "virtio-pmem".equals(m.getModel());
        String path = nvdimmLike && s != null ? s.getPath() : null;
        String nodes = s == null ? null : s.getNodemask();
        int node = t == null || t.getNode() == null ? -1 : t.getNode();
        return new MemoryBackends.Request(alias, ctx.prepared().memory().module(m), node, access, discard, pagesize,
                nodes, path, s != null && s.getPmem() != null, align, m.getModel());
    }

    private static long kib(DomainScaledKiB v) {
        return Scaling.toKiB(v.getValue(), v.getUnit());
    }

    private static Long bytes(DomainScaledKiB v) {
        return v == null || v.getValue() == null ? null : kib(v) * 1024;
    }
}
