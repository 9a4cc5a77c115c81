package org.virtxml.caps;

import java.util.List;

/**
 * What {@code virsh capabilities} reports: the host (from {@link HostFacts}) and one {@code <guest>} per emulator
 * profile, formatted as libvirt formats it.
 */
public final class HostCapabilities {
    private HostCapabilities() {
    }

    /**
     * The capabilities document for a host and its emulators (one profile per guest architecture, in libvirt's
     * architecture order; the host facts of the first profile are used).
     */
    public static String toXml(List<QemuCaps> emulators) {
        if (emulators.isEmpty()) {
            throw new IllegalArgumentException("at least one emulator profile is needed");
        }
        HostFacts h = emulators.get(0).host();
        Xml x = new Xml();
        x.open("capabilities");
        x.line("");
        host(x, h);
        x.line("");
        for (QemuCaps q : emulators) {
            guest(x, q);
            x.line("");
        }
        x.close();
        // libvirt indents the blank separator lines too; strip them to what it prints: empty lines
        return x.toString().replaceAll("(?m)^ +$", "");
    }

    private static void host(Xml x, HostFacts h) {
        x.open("host");
        if (h.uuid() != null) {
            x.text("uuid", h.uuid());
        }
        HostFacts.Cpu c = h.cpu();
        x.open("cpu");
        x.text("arch", c.arch());
        if (c.model() != null) {
            x.text("model", c.model());
        }
        if (c.vendor() != null) {
            x.text("vendor", c.vendor());
        }
        if (c.microcode() != null) {
            x.line("<microcode version='" + c.microcode() + "'/>");
        }
        x.line("<signature family='" + c.family() + "' model='" + c.modelNumber() + "' stepping='" + c.stepping()
                + "'/>");
        if (c.tscFrequency() != null) {
            x.line("<counter name='tsc' frequency='" + c.tscFrequency() + "'"
                    + (c.tscScaling() == null ? "" : " scaling='" + (c.tscScaling() ? "yes" : "no") + "'") + "/>");
        }
        x.line("<topology sockets='" + c.sockets() + "' dies='" + c.dies() + "' cores='" + c.cores() + "' threads='"
                + c.threads() + "'/>");
        if (c.maxPhysAddrMode() != null) {
            x.line("<maxphysaddr mode='" + c.maxPhysAddrMode() + "'"
                    + (c.maxPhysAddrBits() == null ? "" : " bits='" + c.maxPhysAddrBits() + "'") + "/>");
        }
        for (String f : c.features()) {
            x.line("<feature name='" + Xml.escape(f) + "'/>");
        }
        for (long p : c.pageSizesKiB()) {
            x.line("<pages unit='KiB' size='" + p + "'/>");
        }
        x.close();
        if (h.powerManagement().isEmpty()) {
            x.line("<power_management/>");
        } else {
            x.open("power_management");
            h.powerManagement().forEach(p -> x.line("<" + p + "/>"));
            x.close();
        }
        x.line("<iommu support='" + (h.iommu() ? "yes" : "no") + "'/>");
        x.open("migration_features");
        x.line("<live/>");
        if (!h.migrationUriTransports().isEmpty()) {
            x.open("uri_transports");
            h.migrationUriTransports().forEach(t -> x.text("uri_transport", t));
            x.close();
        }
        x.close();
        if (!h.numa().isEmpty()) {
            x.open("topology");
            x.open("cells num='" + h.numa().size() + "'", "cells");
            for (HostFacts.NumaCell cell : h.numa()) {
                x.open("cell id='" + cell.id() + "'", "cell");
                x.line("<memory unit='KiB'>" + cell.memoryKiB() + "</memory>");
                for (HostFacts.Pages p : cell.pages()) {
                    x.line("<pages unit='KiB' size='" + p.sizeKiB() + "'>" + p.count() + "</pages>");
                }
                if (!cell.distances().isEmpty()) {
                    x.open("distances");
                    cell.distances().forEach(d -> x.line("<sibling id='" + d.id() + "' value='" + d.value() + "'/>"));
                    x.close();
                }
                x.open("cpus num='" + cell.cpus().size() + "'", "cpus");
                for (HostFacts.NumaCpu cpu : cell.cpus()) {
                    x.line("<cpu id='" + cpu.id() + "' socket_id='" + cpu.socketId() + "' die_id='" + cpu.dieId()
                            + "' core_id='" + cpu.coreId() + "' siblings='" + cpu.siblings() + "'/>");
                }
                x.close();
                x.close();
            }
            x.close();
            x.close();
        }
        if (!h.cache().isEmpty()) {
            x.open("cache");
            for (HostFacts.CacheBank b : h.cache()) {
                x.line("<bank id='" + b.id() + "' level='" + b.level() + "' type='" + b.type() + "' size='" + b.size()
                        + "' unit='" + b.unit() + "' cpus='" + b.cpus() + "'/>");
            }
            x.close();
        }
        for (HostFacts.SecModel s : h.secModels()) {
            x.open("secmodel");
            x.text("model", s.model());
            x.text("doi", s.doi());
            s.baseLabels().forEach((type, label) -> x.line("<baselabel type='" + type + "'>" + Xml.escape(label)
                    + "</baselabel>"));
            x.close();
        }
        x.close();
    }

    private static void guest(Xml x, QemuCaps q) {
        x.open("guest");
        x.text("os_type", "hvm");
        x.open("arch name='" + q.arch() + "'", "arch");
        x.line("<wordsize>" + (q.arch().equals("i686") ? 32 : 64) + "</wordsize>");
        x.text("emulator", q.emulator());
        // libvirt lists the machines it probed first: KVM's when KVM works
        VirtType first = q.has(QemuCapability.KVM) ? VirtType.KVM : VirtType.QEMU;
        for (MachineType m : q.machines(first)) {
            String attrs = (m.maxCpus() > 0 ? " maxCpus='" + m.maxCpus() + "'" : "")
                    + (m.deprecated() ? " deprecated='yes'" : "");
            // a machine with an alias is listed under its own name and again under the alias
            x.line("<machine" + attrs + ">" + m.name() + "</machine>");
            if (m.alias() != null) {
                x.line("<machine canonical='" + m.name() + "'" + attrs + ">" + m.alias() + "</machine>");
            }
        }
        for (VirtType t : q.virtTypes()) {
            x.line("<domain type='" + t.xml() + "'/>");
        }
        x.close();
        x.open("features");
        if (q.arch().equals("i686")) {
            x.line("<pae/>");
            x.line("<nonpae/>");
        }
        boolean x86 = q.arch().equals("i686") || q.arch().equals("x86_64");
        if (x86 || q.arch().equals("aarch64")) {
            x.line("<acpi default='on' toggle='yes'/>");
        }
        if (x86) {
            x.line("<apic default='on' toggle='no'/>");
        }
        x.line("<cpuselection/>");
        x.line("<deviceboot/>");
        x.line("<disksnapshot default='on' toggle='no'/>");
        x.close();
        x.close();
    }
}
