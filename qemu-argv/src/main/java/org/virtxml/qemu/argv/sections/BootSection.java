package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsAcpiTable;
import org.virtxml.model.YesNo;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.KeyValue;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -boot} (menu, reboot timeout, splash time, always {@code strict=on}: only the devices with a boot index
 * may boot) and direct kernel boot: {@code -kernel}, {@code -initrd}, {@code -append}, {@code -dtb}, and the SLIC
 * ACPI table (libvirt's qemuBuildBootCommandLine).
 */
public final class BootSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainOs os = ctx.domain().getOs();
        KeyValue boot = KeyValue.create();
        if (os.getBootmenu() != null && os.getBootmenu().getEnable() != null) {
            boot.raw("menu=" + (os.getBootmenu().getEnable() == YesNo.YES ? "on" : "off"));
        }
        if (os.getBios() != null && os.getBios().getRebootTimeout() != null) {
            boot.add("reboot-timeout", os.getBios().getRebootTimeout());
        }
        if (os.getBootmenu() != null && os.getBootmenu().getTimeout() != null) {
            boot.add("splash-time", Integer.toUnsignedLong(os.getBootmenu().getTimeout()));
        }
        ctx.add("-boot", boot.raw("strict=on"));
        if (os.getKernel() != null) {
            ctx.add("-kernel", os.getKernel());
        }
        if (os.getInitrd() != null) {
            ctx.add("-initrd", os.getInitrd());
        }
        if (os.getCmdline() != null) {
            ctx.add("-append", os.getCmdline());
        }
        if (os.getDtb() != null) {
            ctx.add("-dtb", os.getDtb());
        }
        if (os.getAcpi() != null) {
            for (DomainOsAcpiTable t : os.getAcpi().getTables()) {
                if ("slic".equals(t.getType())) {
                    ctx.add("-acpitable", KeyValue.create().raw("sig=SLIC").add("file", t.getValue()));
                }
            }
        }
    }
}
