package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.caps.HostFacts;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsFirmwareFeature;
import org.virtxml.model.DomainOsLoader;
import org.virtxml.model.DomainOsNvram;
import org.virtxml.model.DomainOsNvramPath;
import org.virtxml.model.DomainOsNvramSource;
import org.virtxml.model.OnOff;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainDiskSourceBlock;
import org.virtxml.model.devices.DomainDiskSourceFile;

/**
 * libvirt's {@code qemuFirmwareFillDomain} for a new start. With {@code <os firmware='efi|bios'>} it takes the
 * first of the host's firmware descriptors (host facts, in libvirt's search order) that fits the interface,
 * machine, PM and firmware features, secure loader, flash mode and launch security, and refuses when none fits.
 * A read-only pflash loader given by path with neither NVRAM template nor an existing store is matched the same way
 * but may stay as it is. A chosen flash firmware brings its image, NVRAM store ({@code nvram/NAME_VARS.fd}) and,
 * when it requires SMM, SMM and a secure loader.
 */
final class FirmwarePreparation implements PrepareStep {

    @Override
    public void prepare(Prepared p) {
        Domain d = p.domain();
        DomainOs os = d.getOs();
        DomainOsLoader l = os.getLoader();
        String type = l == null || l.getType() == null ? null : l.getType().xml();
        String path = l == null ? null : l.getValue();
        boolean readonly = l != null && l.getReadonly() == YesNo.YES;
        boolean secure = l != null && l.getSecure() == YesNo.YES;
        String nvramPath = null;
        boolean nvramNetwork = false;
        boolean nvramBlock = false;
        String template = null;
        DomainOsNvram nv = os.getNvram();
        if (nv instanceof DomainOsNvramPath np) {
            nvramPath = np.getValue();
            template = np.getTemplate();
        } else if (nv instanceof DomainOsNvramSource ns) {
            template = ns.getTemplate();
            if (ns.getSource() instanceof DomainDiskSourceFile f) {
                nvramPath = f.getFile();
            } else if (ns.getSource() instanceof DomainDiskSourceBlock b) {
                nvramPath = b.getDev();
                nvramBlock = true;
            } else {
                nvramNetwork = true;
            }
        }
        String smm = d.getFeatures() == null || d.getFeatures().getSmm() == null
                || d.getFeatures().getSmm().getState() == null ? null : d.getFeatures().getSmm().getState().xml();
        String want = os.getFirmwareType() == null ? null : os.getFirmwareType().xml();
        boolean needResult = true;
        if (want == null) {
            // old-style read-only UEFI given by path, without template and without an existing store: libvirt looks
            // for a descriptor to learn the template, but does not insist
            if (!"pflash".equals(type) || !readonly || template != null || nvramNetwork
                    || (nvramPath != null && p.caps().host().pathExists(nvramPath))) {
                p.put(Firmware.KEY, new Firmware(type, path, readonly, secure, nvramPath, nvramBlock, nvramNetwork, smm));
                return;
            }
            needResult = false;
        }
        HostFacts.Firmware chosen = null;
        for (HostFacts.Firmware fw : p.caps().host().firmware()) {
            if (matches(p, fw, want, type, path, secure)) {
                chosen = fw;
                break;
            }
        }
        if (chosen == null) {
            if (needResult) {
                throw new ArgvException("operation failed: Unable to find any firmware to satisfy '" + want + "'");
            }
            p.put(Firmware.KEY, new Firmware(type, path, readonly, secure, nvramPath, nvramBlock, nvramNetwork, smm));
            return;
        }
        switch (chosen.device()) {
            case "flash" -> {
                type = "pflash";
                readonly = true;
                path = chosen.executable();
                if (chosen.nvramTemplate() != null && nvramPath == null && !nvramNetwork) {
                    nvramPath = p.caps().host().qemuConf().libDir() + "/nvram/" + d.getName() + "_VARS.fd";
                }
            }
            case "memory" -> {
                type = "rom";
                path = chosen.executable();
            }
            default -> {
                // a kernel firmware replaces the kernel, which this backend reads from the domain
            }
        }
        if (chosen.features().contains("requires-smm")) {
            if ("off".equals(smm)) {
                throw new ArgvException("Requested operation is not valid: domain has SMM turned off but chosen "
                        + "firmware requires it");
            }
            smm = OnOff.ON.xml();
            secure = true;
        }
        p.put(Firmware.KEY, new Firmware(type, path, readonly, secure, nvramPath, nvramBlock, nvramNetwork, smm));
    }

    /** libvirt's qemuFirmwareMatchDomain. */
    private static boolean matches(Prepared p, HostFacts.Firmware fw, String want, String loaderType,
            String loaderPath, boolean secure) {
        String iface;
        if (want != null) {
            iface = want.equals("efi") ? "uefi" : "bios";
        } else {
            iface = "pflash".equals(loaderType) ? "uefi" : "bios";
            if (!"flash".equals(fw.device()) || !fw.executable().equals(loaderPath)) {
                return false;
            }
        }
        if (!fw.interfaceTypes().contains(iface) || !fw.matches(p.arch(), p.machine())) {
            return false;
        }
        List<String> f = fw.features();
        Domain d = p.domain();
        if (d.getPm() != null && d.getPm().getSuspendToMem() != null
                && d.getPm().getSuspendToMem().getEnabled() == YesNo.YES && !f.contains("acpi-s3")) {
            return false;
        }
        if (d.getPm() != null && d.getPm().getSuspendToDisk() != null
                && d.getPm().getSuspendToDisk().getEnabled() == YesNo.YES && !f.contains("acpi-s4")) {
            return false;
        }
        if (d.getOs().getFirmware() != null) {
            for (DomainOsFirmwareFeature ff : d.getOs().getFirmware().getFeatures()) {
                String name = ff.getName();
                boolean has = f.contains(name);
                if ((name.equals("secure-boot") || name.equals("enrolled-keys")) && ff.getEnabled() != null
                        && (ff.getEnabled() == YesNo.YES) != has) {
                    return false;
                }
            }
        }
        if (secure && !f.contains("requires-smm")) {
            return false;
        }
        if ("flash".equals(fw.device())) {
            boolean stateless = d.getOs().getLoader() != null
                    && d.getOs().getLoader().getStateless() == YesNo.YES;
            // a descriptor with an NVRAM template is a split flash; one without is stateless
            if (stateless == (fw.nvramTemplate() != null)) {
                return false;
            }
        }
        if (d.getLaunchSecurity() != null && d.getLaunchSecurity().getType() != null
                && d.getLaunchSecurity().getType().xml().equals("sev")) {
            if (!f.contains("amd-sev")) {
                return false;
            }
            // SEV-ES guests (policy bit 2) need firmware that supports them
            Integer policy = d.getLaunchSecurity().getPolicy();
            if (policy != null && (policy & 0x4) != 0 && !f.contains("amd-sev-es")) {
                return false;
            }
        }
        return true;
    }
}
