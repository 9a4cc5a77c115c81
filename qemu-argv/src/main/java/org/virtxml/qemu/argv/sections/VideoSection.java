package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainVideo;
import org.virtxml.model.devices.DomainVideoDriver;
import org.virtxml.model.devices.DomainVideoModel;
import org.virtxml.model.devices.DomainVideoModelType;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Displays;

/**
 * The part of the command line libvirt builds in {@code qemuBuildVideoCommandLine}: one {@code -device} per video
 * device. The primary one gets the model's VGA-compatible device ({@code VGA}, {@code cirrus-vga},
 * {@code qxl-vga}, {@code virtio-vga}, ...), the others the plain one ({@code qxl}, {@code virtio-gpu-pci});
 * memory sizes go in the units each device wants (QXL bytes and MiB, VGA MiB, bochs bytes).
 */
public final class VideoSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainVideo video : ctx.domain().getDevices().getVideos()) {
            DomainVideoModel model = video.getModel();
            DomainVideoModelType type = model == null || model.getType() == null ? DomainVideoModelType.DEFAULT
                    : model.getType();
            if (type == DomainVideoModelType.NONE) {
                continue;
            }
            if (vhostUser(video)) {
                // preparing the vhost-user-gpu process picks a render node when the XML names none (QEMU 7.2's
                // vhost-user-gpu can render); then libvirt hands QEMU the process's socket as a descriptor that
                // only exists once the process runs, which a command line that is only printed never starts
                if (model.getAcceleration() == null || model.getAcceleration().getRendernode() == null) {
                    Displays.autoRenderNode(ctx.prepared());
                }
                throw new ArgvException("internal error: invalid use of command API");
            }
            ctx.device(props(ctx, video, model, type));
        }
    }

    /** Whether the device is driven by an external vhost-user-gpu process. */
    static boolean vhostUser(DomainVideo video) {
        return video.getDriver() != null && "vhostuser".equals(video.getDriver().getName());
    }

    private static Props props(BuildContext ctx, DomainVideo video, DomainVideoModel model,
            DomainVideoModelType type) {
        String alias = ctx.prepared().alias(video);
        boolean accel3d = model.getAcceleration() != null && model.getAcceleration().getAccel3d() == YesNo.YES;
        boolean primary = model.getPrimary() == YesNo.YES
                && (type != DomainVideoModelType.VIRTIO || ctx.has(QemuCapability.DEVICE_VIRTIO_VGA));
        String driver = driver(ctx, type, primary, accel3d);
        Props p;
        if (type == DomainVideoModelType.VIRTIO) {
            // virtio-vga has no bus suffix; virtio-gpu is virtio-gpu-pci on PCI
            p = ctx.deviceProps().virtio(driver, video.getAddress(), null, options(video.getDriver()), !primary);
        } else {
            p = Props.of("driver", driver);
        }
        p.str("id", alias);
        if (type == DomainVideoModelType.VIRTIO && model.getAcceleration() != null
                && ctx.has(QemuCapability.VIRTIO_GPU_VIRGL)) {
            p.bool("virgl", DeviceProps.yesNo(model.getAcceleration().getAccel3d()));
        }
        if (type == DomainVideoModelType.QXL || type == DomainVideoModelType.VIRTIO) {
            p.positive("max_outputs", model.getHeads());
        }
        switch (type) {
            case QXL -> {
                p.positive("ram_size", kib(model.getRam()) * 1024);
                p.positive("vram_size", kib(model.getVram()) * 1024);
                if (ctx.has(QemuCapability.QXL_VRAM64)) {
                    p.num("vram64_size_mb", kib(model.getVram64()) / 1024);
                }
                if (ctx.has(QemuCapability.QXL_VGAMEM)) {
                    p.num("vgamem_mb", kib(model.getVgamem()) / 1024);
                }
            }
            case VGA -> {
                if (ctx.has(QemuCapability.VGA_VGAMEM)) {
                    p.positive("vgamem_mb", kib(model.getVram()) / 1024);
                }
            }
            case VMVGA -> {
                if (ctx.has(QemuCapability.VMWARE_SVGA_VGAMEM)) {
                    p.positive("vgamem_mb", kib(model.getVram()) / 1024);
                }
            }
            case BOCHS -> p.positive("vgamem", kib(model.getVram()) * 1024);
            case DEFAULT, CIRRUS, XEN, VBOX, PARALLELS, VIRTIO, GOP, NONE, RAMFB -> {
            }
        }
        if (model.getResolution() != null) {
            p.positive("xres", model.getResolution().getX());
            p.positive("yres", model.getResolution().getY());
        }
        ctx.deviceProps().address(p, video);
        return p;
    }

    /** libvirt's qemuDeviceVideoGetModel: the VGA-compatible device for the primary video, else the plain one. */
    private static String driver(BuildContext ctx, DomainVideoModelType type, boolean primary, boolean accel3d) {
        String model = null;
        if (primary) {
            model = switch (type) {
                case VGA -> "VGA";
                case CIRRUS -> "cirrus-vga";
                case VMVGA -> "vmware-svga";
                case QXL -> "qxl-vga";
                case VIRTIO -> ctx.has(QemuCapability.VIRTIO_VGA_GL) && accel3d ? "virtio-vga-gl" : "virtio-vga";
                case BOCHS -> "bochs-display";
                case RAMFB -> "ramfb";
                case DEFAULT, XEN, VBOX, PARALLELS, GOP, NONE -> null;
            };
        } else {
            model = switch (type) {
                case QXL -> "qxl";
                case VIRTIO -> ctx.has(QemuCapability.VIRTIO_GPU_GL_PCI) && accel3d ? "virtio-gpu-gl" : "virtio-gpu";
                case DEFAULT, VGA, CIRRUS, VMVGA, XEN, VBOX, PARALLELS, GOP, NONE, BOCHS, RAMFB -> null;
            };
        }
        if (model == null) {
            throw new ArgvException("internal error: invalid model for video type '" + type.xml() + "'");
        }
        return model;
    }

    private static DeviceProps.VirtioOptions options(DomainVideoDriver d) {
        return d == null ? DeviceProps.VirtioOptions.NONE
                : new DeviceProps.VirtioOptions(d.getIommu(), d.getAts(), d.getPacked(), d.getPagePerVq());
    }

    private static long kib(Integer v) {
        return v == null ? 0 : v;
    }
}
