package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainFilesystem;
import org.virtxml.model.devices.DomainFilesystemAccessMode;
import org.virtxml.model.devices.DomainFilesystemDriver;
import org.virtxml.model.devices.DomainFilesystemDriverType;
import org.virtxml.model.devices.DomainFilesystemMultidevs;
import org.virtxml.model.devices.DomainFilesystemSource;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildFilesystemCommandLine}: 9p shares as a {@code
 * -fsdev} ({@code local} or {@code handle}) with a {@code virtio-9p-*} device, virtiofs as a vhost-user socket
 * {@code -chardev} with a {@code vhost-user-fs-*} device. Other drivers (loop, nbd, ploop) are not QEMU's.
 */
public final class FilesystemSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainFilesystem fs : ctx.domain().getDevices().getFilesystems()) {
            DomainFilesystemDriver drv = fs.getDriver();
            DomainFilesystemDriverType type = drv == null ? null : drv.getType();
            if (type == null || type == DomainFilesystemDriverType.PATH
                    || type == DomainFilesystemDriverType.HANDLE) {
                ninep(ctx, fs, type);
            } else if (type == DomainFilesystemDriverType.VIRTIOFS) {
                virtiofs(ctx, fs);
            }
        }
    }

    /** {@code -fsdev} (qemuBuildFSStr) and {@code virtio-9p-*} (qemuBuildFSDevCmd). */
    private static void ninep(BuildContext ctx, DomainFilesystem fs, DomainFilesystemDriverType type) {
        String alias = ctx.prepared().alias(fs);
        KeyValue kv = KeyValue.create();
        if (type == DomainFilesystemDriverType.HANDLE) {
            kv.raw("handle");
        } else {
            kv.raw("local");
            DomainFilesystemAccessMode am = fs.getAccessmode();
            if (am != null) {
                kv.raw("security_model=" + switch (am) {
                    case MAPPED -> "mapped";
                    case PASSTHROUGH -> "passthrough";
                    case SQUASH -> "none";
                });
            }
            DomainFilesystemMultidevs md = fs.getMultidevs();
            if (md != null && md != DomainFilesystemMultidevs.DEFAULT) {
                kv.raw("multidevs=" + md.xml());
            }
            // file and directory modes are octal, as in the XML
            if (fs.getFmode() != null && fs.getFmode() != 0) {
                kv.raw(String.format("fmode=%04o", fs.getFmode()));
            }
            if (fs.getDmode() != null && fs.getDmode() != 0) {
                kv.raw(String.format("dmode=%04o", fs.getDmode()));
            }
        }
        if (fs.getDriver() != null && fs.getDriver().getWrpolicy() != null) {
            kv.raw("writeout=" + fs.getDriver().getWrpolicy().xml());
        }
        kv.raw("id=fsdev-" + alias);
        kv.add("path", sourcePath(fs.getSource()));
        if (fs.getReadonly() != null) {
            kv.raw("readonly");
        }
        ctx.add("-fsdev", kv);
        Props p = virtio(ctx, fs, "virtio-9p");
        p.str("id", alias).str("fsdev", "fsdev-" + alias).str("mount_tag", target(fs));
        ctx.deviceProps().address(p, fs);
        ctx.device(p);
    }

    /** The vhost-user socket and {@code vhost-user-fs-*} (qemuBuildVHostUserFsCommandLine). */
    private static void virtiofs(BuildContext ctx, DomainFilesystem fs) {
        String alias = ctx.prepared().alias(fs);
        String chardev = "chr-vu-" + alias;
        String socket = fs.getSource() != null && fs.getSource().getSocket() != null ? fs.getSource().getSocket()
                : ctx.prepared().libDir() + "/" + alias + "-fs.sock";
        ctx.chardev(KeyValue.of("socket").add("id", chardev).add("path", socket));
        Props p = virtio(ctx, fs, "vhost-user-fs");
        p.str("id", alias).str("chardev", chardev);
        p.positive("queue-size", fs.getDriver() == null ? null : fs.getDriver().getQueue());
        p.str("tag", target(fs));
        p.positive("bootindex", fs.getBoot() == null ? null : fs.getBoot().getOrder());
        ctx.deviceProps().address(p, fs);
        ctx.device(p);
    }

    private static Props virtio(BuildContext ctx, DomainFilesystem fs, String base) {
        DomainFilesystemDriver d = fs.getDriver();
        DeviceProps.VirtioOptions opts = d == null ? DeviceProps.VirtioOptions.NONE
                : new DeviceProps.VirtioOptions(d.getIommu(), d.getAts(), d.getPacked(), d.getPagePerVq());
        return ctx.deviceProps().virtio(base, fs.getAddress(), fs.getModel(), opts, true);
    }

    private static String target(DomainFilesystem fs) {
        return fs.getTarget() == null ? null : fs.getTarget().getDir();
    }

    /** libvirt's fs->src->path: whichever of dir, file, dev or name the source type uses. */
    private static String sourcePath(DomainFilesystemSource s) {
        if (s == null) {
            return null;
        }
        if (s.getDir() != null) {
            return s.getDir();
        }
        if (s.getFile() != null) {
            return s.getFile();
        }
        return s.getDev() != null ? s.getDev() : s.getName();
    }
}
