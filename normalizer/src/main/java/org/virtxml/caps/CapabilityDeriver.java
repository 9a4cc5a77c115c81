package org.virtxml.caps;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Computes libvirt's capability flags from a profile's raw QEMU answers: first every flag whose evidence is present,
 * then the rules libvirt applies on top (architecture, version, TPM, KVM, and flags implied or cancelled by others).
 */
final class CapabilityDeriver {
    private CapabilityDeriver() {
    }

    static Set<QemuCapability> derive(QemuCaps q) {
        EnumSet<QemuCapability> f = EnumSet.noneOf(QemuCapability.class);
        for (QemuCapability c : QemuCapability.values()) {
            for (CapabilityEvidence e : c.evidence()) {
                if (present(q, e)) {
                    f.add(c);
                    break;
                }
            }
        }
        boolean x86 = q.arch.equals("x86_64") || q.arch.equals("i686");

        // what only the architecture tells
        if (x86 || q.arch.equals("aarch64")) {
            f.add(QemuCapability.NO_ACPI);
        }
        if (x86) {
            f.add(QemuCapability.NO_HPET);
        }
        if (q.arch.equals("aarch64")) {
            f.add(QemuCapability.CPU_AARCH64_OFF);
            f.add(QemuCapability.MACH_VIRT_GIC_VERSION);
        }
        if (q.arch.equals("s390") || q.arch.equals("s390x")) {
            f.add(QemuCapability.AES_KEY_WRAP);
            f.add(QemuCapability.DEA_KEY_WRAP);
            f.add(QemuCapability.LOADPARM);
        }
        // -enable-fips was deprecated in 5.2; FIPS mode follows the crypto library since
        if (!q.version.atLeast(5, 2, 0)) {
            f.add(QemuCapability.ENABLE_FIPS);
        }

        if (q.kvmPresent && q.kvmEnabled) {
            f.add(QemuCapability.KVM);
        }
        // the first probe runs with KVM when it works, so its CPU list decides
        AccelCaps primary = q.accel(f.contains(QemuCapability.KVM) ? VirtType.KVM : VirtType.QEMU);
        if (primary.cpuDefinitions().stream().anyMatch(c -> c.name().equals("max"))) {
            f.add(QemuCapability.CPU_MAX);
        }
        if (q.tpmModels.contains("tpm-tis")) {
            f.add(QemuCapability.DEVICE_TPM_TIS);
        }
        if (q.tpmModels.contains("tpm-crb")) {
            f.add(QemuCapability.DEVICE_TPM_CRB);
        }
        if (q.tpmModels.contains("tpm-spapr")) {
            f.add(QemuCapability.DEVICE_TPM_SPAPR);
        }
        if (q.tpmTypes.contains("passthrough")) {
            f.add(QemuCapability.DEVICE_TPM_PASSTHROUGH);
        }
        if (q.tpmTypes.contains("emulator")) {
            f.add(QemuCapability.DEVICE_TPM_EMULATOR);
        }
        DeviceProperty scsi = q.deviceProperties("virtio-blk-pci").get("scsi");
        if (scsi != null && Boolean.FALSE.equals(scsi.defaultValue())) {
            f.add(QemuCapability.VIRTIO_BLK_SCSI_DEFAULT_DISABLED);
        }
        // the types exist in every build; whether the host can use them is what the queries answered
        if (q.sev == null) {
            f.remove(QemuCapability.SEV_GUEST);
        }
        if (q.sgx == null) {
            f.remove(QemuCapability.SGX_EPC);
        }

        // flags implied by others
        if (x86 && f.contains(QemuCapability.QUERY_CPU_MODEL_EXPANSION)) {
            f.add(QemuCapability.CPU_CACHE);
        }
        if (f.contains(QemuCapability.CPU_UNAVAILABLE_FEATURES)) {
            f.add(QemuCapability.CANONICAL_CPU_FEATURES);
        }
        if (List.of("sparc", "m68k", "mips").contains(q.arch)) {
            f.add(QemuCapability.SCSI_NCR53C90);
        }
        if (f.contains(QemuCapability.BLOCKDEV_REOPEN)
                && f.contains(QemuCapability.MIGRATION_PARAM_BLOCK_BITMAP_MAPPING)) {
            f.add(QemuCapability.INCREMENTAL_BACKUP);
        }
        // -compat is not visible in query-command-line-options; object JSON support came in the same release
        if (f.contains(QemuCapability.OBJECT_JSON)) {
            f.add(QemuCapability.COMPAT_DEPRECATED);
        }
        // '-machine hpet=' supersedes '-no-hpet'
        if (f.contains(QemuCapability.MACHINE_HPET)) {
            f.remove(QemuCapability.NO_HPET);
        }
        return f;
    }

    private static boolean present(QemuCaps q, CapabilityEvidence e) {
        if (e instanceof CapabilityEvidence.QomType t) {
            return q.qomTypes.containsKey(t.type());
        } else if (e instanceof CapabilityEvidence.Command c) {
            return q.commands.contains(c.name());
        } else if (e instanceof CapabilityEvidence.Migration m) {
            return q.migrationCapabilities.contains(m.capability());
        } else if (e instanceof CapabilityEvidence.DeviceProp d) {
            return q.deviceProperties(d.type()).containsKey(d.property());
        } else if (e instanceof CapabilityEvidence.ObjectProp o) {
            return q.objectProperties(o.type()).contains(o.property());
        } else if (e instanceof CapabilityEvidence.MachineProp m) {
            return q.machineProperties(m.machine()).contains(m.property());
        } else if (e instanceof CapabilityEvidence.CommandLine c) {
            List<String> params = q.commandLineOptions.get(c.option());
            return params != null && (c.parameter() == null || params.contains(c.parameter()));
        } else if (e instanceof CapabilityEvidence.Schema s) {
            return Boolean.TRUE.equals(q.schemaQueries.get(s.query()));
        } else if (e instanceof CapabilityEvidence.Derived) {
            return false; // rules are applied after the evidence
        }
        throw new AssertionError(e);
    }
}
