package org.virtxml.normalizer.device;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVideoModel;
import org.virtxml.model.devices.DomainVideoModelType;
import org.virtxml.normalizer.NormalizeException;

/**
 * Video defaults: the model QEMU can offer (cirrus before VGA on x86), {@code heads='1'}, memory sizes per model
 * rounded up to a power of two, the first adapter marked primary.
 */
final class Videos {
    /** QEMU's default VGA memory of a QXL device, in KiB. */
    private static final int QXL_VGAMEM_KIB = 16 * 1024;

    private Videos() {
    }

    /** The parser puts a video marked {@code primary='yes'} first. */
    static void parsePrimaryFirst(java.util.List<DomainVideo> videos) {
        java.util.List<DomainVideo> in = new java.util.ArrayList<>(videos);
        videos.clear();
        for (DomainVideo v : in) {
            if (v.getModel() != null && v.getModel().getPrimary() == YesNo.YES) {
                videos.add(0, v);
            } else {
                videos.add(v);
            }
        }
    }

    /** The parser: zero sizes are "unset", only {@code primary='yes'} is kept, a missing model is the default. */
    static void parse(DomainVideo v) {
        DomainVideoModel m = v.getModel();
        if (m == null) {
            m = new DomainVideoModel();
            // a new video definition has one head until the XML says otherwise
            m.setHeads(1);
            v.setModel(m);
            return;
        }
        if (m.getHeads() == null) {
            m.setHeads(1);
        }
        m.setRam(nonZero(m.getRam()));
        m.setVram(nonZero(m.getVram()));
        m.setVram64(nonZero(m.getVram64()));
        m.setVgamem(nonZero(m.getVgamem()));
        m.setHeads(nonZero(m.getHeads()));
        if (m.getPrimary() != YesNo.YES) {
            m.setPrimary(null);
        }
    }

    private static Integer nonZero(Integer i) {
        return i == null || i == 0 ? null : i;
    }

    /** The effective model type ({@code default} when none is named). */
    static DomainVideoModelType type(DomainVideo v) {
        DomainVideoModelType t = v.getModel() == null ? null : v.getModel().getType();
        return t == null ? DomainVideoModelType.DEFAULT : t;
    }

    /** qemuDomainDeviceVideoDefPostParse followed by virDomainVideoDefPostParse. */
    static void postParse(DomainVideo v, GuestPlatform p) {
        DomainVideoModel m = v.getModel();
        if (type(v) == DomainVideoModelType.DEFAULT) {
            m.setType(defaultType(p));
        }
        if (m.getType() == DomainVideoModelType.QXL && m.getVgamem() == null) {
            m.setVgamem(QXL_VGAMEM_KIB);
        }
        if (m.getRam() == null && m.getType() == DomainVideoModelType.QXL) {
            m.setRam(nonZero(defaultRam(m.getType())));
        }
        if (m.getVram() == null) {
            m.setVram(nonZero(defaultRam(m.getType())));
        }
        m.setRam(nonZero(roundUpPowerOfTwo("ram", m.getRam(), m)));
        m.setVram(nonZero(roundUpPowerOfTwo("vram", m.getVram(), m)));
    }

    /** The model QEMU offers when none is named: cirrus, else VGA, on x86. */
    private static DomainVideoModelType defaultType(GuestPlatform p) {
        if (p.has(QemuCapability.DEVICE_CIRRUS_VGA)) {
            return DomainVideoModelType.CIRRUS;
        }
        if (p.has(QemuCapability.DEVICE_VGA)) {
            return DomainVideoModelType.VGA;
        }
        return DomainVideoModelType.DEFAULT;
    }

    /** libvirt's default video memory in KiB per model (QEMU's own defaults; 0 when QEMU decides). */
    static int defaultRam(DomainVideoModelType t) {
        return switch (t) {
            case VGA, CIRRUS, VMVGA, BOCHS -> 16 * 1024;
            // the original Xen PV framebuffer had 4 MiB
            case XEN -> 4 * 1024;
            // QEMU needs at least 64 MiB for a QXL device
            case QXL -> 64 * 1024;
            case DEFAULT, VBOX, PARALLELS, VIRTIO, GOP, NONE, RAMFB -> 0;
        };
    }

    /**
     * The next power of two (VIR_ROUND_UP_POWER_OF_TWO). Above 2^30 that is 2^31 KiB, which libvirt keeps in its
     * unsigned int but the model's int cannot hold: refused as a virtxml limit rather than wrapped.
     */
    private static Integer roundUpPowerOfTwo(String attribute, Integer v, org.virtxml.model.Located where) {
        if (v == null || v == 0) {
            return v;
        }
        int r = Integer.highestOneBit(v);
        if (r == v) {
            return v;
        }
        if (r == 1 << 30) {
            throw new NormalizeException(org.virtxml.xml.Limits.exceeded("video " + attribute + " (KiB)", v,
                    1 << 30), where);
        }
        return r << 1;
    }
}
