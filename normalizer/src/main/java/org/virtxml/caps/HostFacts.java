package org.virtxml.caps;

import java.util.List;
import java.util.Map;

/**
 * Everything about the host (not the emulator) that changes what libvirt answers, in one place: the host CPU as
 * libvirt sees it, NUMA cells and pages, hugetlbfs mounts, firmware descriptors, swtpm, VFIO, defined secrets and
 * the qemu.conf settings that matter. A probed profile fills it from this machine; the built-in profile holds the
 * facts of the machine the corpus was recorded on (an AMD EPYC seen through KVM, one NUMA node, no hugetlbfs, no
 * secrets, spice TLS off).
 *
 * @param uuid             the host UUID ({@code <host><uuid>})
 * @param cpu              the host CPU
 * @param powerManagement  suspend targets ({@code suspend_mem}, ...); empty when none
 * @param iommu            an IOMMU is enabled ({@code <iommu support='yes'/>})
 * @param vfio             PCI passthrough with VFIO is possible (IOMMU groups exist)
 * @param kvmMaxVcpus      the KVM limit on vCPUs per guest, or null when unknown (then only the machine limit applies)
 * @param migrationUriTransports URI transports libvirt can migrate over
 * @param numa             NUMA cells
 * @param cache            CPU cache banks
 * @param secModels        security models ({@code none}, {@code dac}, ...)
 * @param hugetlbfsMounts  hugetlbfs mount points; empty means hugepage-backed memory is refused
 * @param firmware         firmware descriptors in libvirt's search order
 * @param swtpm            the TPM emulator, or null when it is not installed
 * @param secrets          UUIDs of the secrets defined in libvirt (none on the corpus host)
 * @param qemuConf         qemu.conf settings that change results
 * @param devicePaths      which of {@link #CHECKED_PATHS} (device nodes and directories libvirt opens or lists while
 *                         preparing a start: /dev/tpm0, /dev/dri, /dev/vhost-scsi, ...) exist on the host
 * @param storagePools     names of the storage pools defined in libvirt (a {@code type='volume'} disk needs its
 *                         pool; none on the corpus host)
 * @param scsiGeneric      the SCSI generic node of each host SCSI device, keyed {@code HOST:BUS:TARGET:UNIT}
 *                         ({@code 0:0:0:0} to {@code sg0}) as libvirt finds it under
 *                         /sys/bus/scsi/devices/ADDR/scsi_generic; empty when the host has none (the corpus host)
 * @param networks         the virtual networks defined in libvirt, each with the address a display listening on
 *                         it gets (its first IP address; empty when it has none); none on the corpus host
 * @param note             where these facts come from (a probe says which machine; the built-in profile says what
 *                         was taken from the corpus itself)
 */
public record HostFacts(String uuid, Cpu cpu, List<String> powerManagement, boolean iommu, boolean vfio,
        Integer kvmMaxVcpus, List<String> migrationUriTransports, List<NumaCell> numa, List<CacheBank> cache,
        List<SecModel> secModels, List<String> hugetlbfsMounts, List<Firmware> firmware, Swtpm swtpm,
        List<String> secrets, QemuConf qemuConf, List<String> devicePaths, List<String> storagePools,
        Map<String, String> scsiGeneric, Map<String, String> networks, String note) {

    /**
     * The host paths whose existence changes what libvirt does at start; a prober records which exist, and
     * {@link #pathExists} answers for them. Add a path here when a new refusal depends on it.
     */
    public static final List<String> CHECKED_PATHS = List.of("/dev/kvm", "/dev/net/tun", "/dev/vhost-net",
            "/dev/vhost-vsock", "/dev/vhost-scsi", "/dev/tpm0", "/dev/tpmrm0", "/dev/dri", "/dev/dri/renderD128",
            "/dev/sev", "/dev/sgx_vepc", "/dev/vfio/vfio", "/dev/random", "/dev/urandom", "/dev/hwrng",
            "/etc/qemu-ifup", "/etc/qemu-ifdown",
            // a service's own TLS directory replaces default_tls_x509_cert_dir when it exists
            "/etc/pki/libvirt-nbd", "/etc/pki/libvirt-vxhs");

    /** Facts without virtual networks. */
    public HostFacts(String uuid, Cpu cpu, List<String> powerManagement, boolean iommu, boolean vfio,
            Integer kvmMaxVcpus, List<String> migrationUriTransports, List<NumaCell> numa, List<CacheBank> cache,
            List<SecModel> secModels, List<String> hugetlbfsMounts, List<Firmware> firmware, Swtpm swtpm,
            List<String> secrets, QemuConf qemuConf, List<String> devicePaths, List<String> storagePools,
            Map<String, String> scsiGeneric, String note) {
        this(uuid, cpu, powerManagement, iommu, vfio, kvmMaxVcpus, migrationUriTransports, numa, cache, secModels,
                hugetlbfsMounts, firmware, swtpm, secrets, qemuConf, devicePaths, storagePools, scsiGeneric, Map.of(),
                note);
    }

    /** Facts without device paths, storage pools or SCSI generic devices. */
    public HostFacts(String uuid, Cpu cpu, List<String> powerManagement, boolean iommu, boolean vfio,
            Integer kvmMaxVcpus, List<String> migrationUriTransports, List<NumaCell> numa, List<CacheBank> cache,
            List<SecModel> secModels, List<String> hugetlbfsMounts, List<Firmware> firmware, Swtpm swtpm,
            List<String> secrets, QemuConf qemuConf, String note) {
        this(uuid, cpu, powerManagement, iommu, vfio, kvmMaxVcpus, migrationUriTransports, numa, cache, secModels,
                hugetlbfsMounts, firmware, swtpm, secrets, qemuConf, List.of(), List.of(), Map.of(), Map.of(), note);
    }

    /** Whether a path of {@link #CHECKED_PATHS} exists on the host (false for paths nobody checked). */
    public boolean pathExists(String path) {
        return devicePaths.contains(path);
    }

    /** Makes every list unmodifiable. */
    public HostFacts {
        devicePaths = List.copyOf(devicePaths);
        storagePools = List.copyOf(storagePools);
        scsiGeneric = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(scsiGeneric));
        networks = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(networks));
        powerManagement = List.copyOf(powerManagement);
        migrationUriTransports = List.copyOf(migrationUriTransports);
        numa = List.copyOf(numa);
        cache = List.copyOf(cache);
        secModels = List.copyOf(secModels);
        hugetlbfsMounts = List.copyOf(hugetlbfsMounts);
        firmware = List.copyOf(firmware);
        secrets = List.copyOf(secrets);
    }

    /**
     * The host CPU as {@code virsh capabilities} shows it.
     *
     * @param arch            host architecture
     * @param model           libvirt's model name for the host CPU (decoded for a host, not a guest)
     * @param vendor          vendor ({@code AMD})
     * @param microcode       microcode version, or null
     * @param family          CPUID family
     * @param modelNumber     CPUID model
     * @param stepping        CPUID stepping
     * @param tscFrequency    TSC frequency in Hz, or null
     * @param tscScaling      the host can scale the guest TSC frequency (null: unknown)
     * @param sockets         topology: sockets
     * @param dies            topology: dies per socket
     * @param cores           topology: cores per die
     * @param threads         topology: threads per core
     * @param maxPhysAddrMode {@code emulate} or {@code passthrough}, or null
     * @param maxPhysAddrBits physical address bits, or null
     * @param features        features beyond the model, libvirt names
     * @param pageSizesKiB    supported page sizes in KiB
     */
    public record Cpu(String arch, String model, String vendor, Long microcode, int family, int modelNumber,
            int stepping, Long tscFrequency, Boolean tscScaling, int sockets, int dies, int cores, int threads,
            String maxPhysAddrMode, Integer maxPhysAddrBits, List<String> features, List<Long> pageSizesKiB) {

        /** Makes the lists unmodifiable. */
        public Cpu {
            features = List.copyOf(features);
            pageSizesKiB = List.copyOf(pageSizesKiB);
        }
    }

    /**
     * One NUMA cell.
     *
     * @param id        cell id
     * @param memoryKiB memory in KiB
     * @param pages     page counts per size
     * @param distances distances to every cell
     * @param cpus      the CPUs of the cell
     */
    public record NumaCell(int id, long memoryKiB, List<Pages> pages, List<Distance> distances, List<NumaCpu> cpus) {

        /** Makes the lists unmodifiable. */
        public NumaCell {
            pages = List.copyOf(pages);
            distances = List.copyOf(distances);
            cpus = List.copyOf(cpus);
        }
    }

    /**
     * How many pages of one size a cell has.
     *
     * @param sizeKiB page size in KiB
     * @param count   number of pages
     */
    public record Pages(long sizeKiB, long count) {
    }

    /**
     * Distance to a cell.
     *
     * @param id    the other cell
     * @param value the distance (10 = local)
     */
    public record Distance(int id, int value) {
    }

    /**
     * A host CPU in a cell.
     *
     * @param id       logical CPU number
     * @param socketId socket
     * @param dieId    die
     * @param coreId   core
     * @param siblings sibling CPUs as a range list ({@code 0}, {@code 0-1})
     */
    public record NumaCpu(int id, int socketId, int dieId, int coreId, String siblings) {
    }

    /**
     * A cache bank.
     *
     * @param id    bank id
     * @param level cache level
     * @param type  {@code both}, {@code code} or {@code data}
     * @param size  size in {@code unit}
     * @param unit  {@code KiB}, {@code MiB}
     * @param cpus  CPUs sharing it, as a range list
     */
    public record CacheBank(int id, int level, String type, long size, String unit, String cpus) {
    }

    /**
     * A security model.
     *
     * @param model      {@code none}, {@code dac}, {@code selinux}, {@code apparmor}
     * @param doi        domain of interpretation
     * @param baseLabels base label per domain type, in order
     */
    public record SecModel(String model, String doi, Map<String, String> baseLabels) {

        /** Keeps the labels' order. */
        public SecModel {
            baseLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseLabels));
        }
    }

    /**
     * A QEMU firmware descriptor (docs/interop/firmware.json), reduced to what libvirt reads.
     *
     * @param path           the descriptor file
     * @param interfaceTypes {@code uefi}, {@code bios}, ...
     * @param device         {@code flash}, {@code memory} or {@code kernel}
     * @param executable     the firmware image
     * @param executableFormat the image format ({@code raw}, {@code qcow2})
     * @param nvramTemplate  the NVRAM template for flash firmware, or null
     * @param nvramTemplateFormat the template format, or null
     * @param targets        architecture to machine-type glob patterns
     * @param features       {@code secure-boot}, {@code requires-smm}, {@code enrolled-keys}, ...
     * @param executableExists whether the image file exists (libvirt skips missing images)
     */
    public record Firmware(String path, List<String> interfaceTypes, String device, String executable,
            String executableFormat, String nvramTemplate, String nvramTemplateFormat,
            Map<String, List<String>> targets, List<String> features, boolean executableExists) {

        /** Makes the contents unmodifiable. */
        public Firmware {
            interfaceTypes = List.copyOf(interfaceTypes);
            targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
            features = List.copyOf(features);
        }

        /** True when this firmware is meant for {@code machine} of {@code arch} (glob match, as QEMU defines). */
        public boolean matches(String arch, String machine) {
            List<String> globs = targets.get(arch);
            if (globs == null) {
                return false;
            }
            for (String g : globs) {
                if (globMatches(g, machine)) {
                    return true;
                }
            }
            return false;
        }

        static boolean globMatches(String glob, String s) {
            return globMatches(glob, 0, s, 0);
        }

        private static boolean globMatches(String g, int gi, String s, int si) {
            while (gi < g.length()) {
                char c = g.charAt(gi);
                if (c == '*') {
                    for (int k = si; k <= s.length(); k++) {
                        if (globMatches(g, gi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                    return false;
                }
                gi++;
                si++;
            }
            return si == s.length();
        }
    }

    /**
     * The swtpm TPM emulator.
     *
     * @param tpm12 {@code swtpm_setup} supports TPM 1.2
     * @param tpm20 {@code swtpm_setup} supports TPM 2.0
     */
    public record Swtpm(boolean tpm12, boolean tpm20) {
    }

    /**
     * qemu.conf settings that change what libvirt accepts or produces.
     *
     * @param securityDriver {@code security_driver} ({@code none} on the corpus host)
     * @param user           {@code user}
     * @param group          {@code group}
     * @param spiceTls       {@code spice_tls}
     * @param vncTls         {@code vnc_tls}
     * @param libDir         libvirt's QEMU state directory ({@code /var/lib/libvirt/qemu})
     * @param nvram          {@code nvram}: UEFI images and their variable store templates libvirt falls back to
     *                       when no firmware descriptor fits (the built-in list unless qemu.conf sets one)
     * @param settings       every other scalar setting qemu.conf sets, as written (quotes removed); read them
     *                       through the typed accessors, which apply libvirt's defaults for unset ones
     */
    public record QemuConf(String securityDriver, String user, String group, boolean spiceTls, boolean vncTls,
            String libDir, List<Loader> nvram, Map<String, String> settings) {

        /** Makes the collections unmodifiable. */
        public QemuConf {
            nvram = List.copyOf(nvram);
            settings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
        }

        /** A configuration with no other settings (libvirt's defaults everywhere else). */
        public QemuConf(String securityDriver, String user, String group, boolean spiceTls, boolean vncTls,
                String libDir, List<Loader> nvram) {
            this(securityDriver, user, group, spiceTls, vncTls, libDir, nvram, Map.of());
        }

        /** A setting as written in qemu.conf, or null when unset. */
        public String setting(String key) {
            return settings.get(key);
        }

        private boolean flag(String key, boolean dflt) {
            String v = settings.get(key);
            return v == null ? dflt : !v.strip().equals("0");
        }

        /** {@code log_timestamp} (default on): QEMU gets {@code -msg timestamp=on}. */
        public boolean logTimestamp() {
            return flag("log_timestamp", true);
        }

        /** {@code seccomp_sandbox}: -1 (default) uses QEMU's sandbox when it has one, 0 turns it off, 1 on. */
        public int seccompSandbox() {
            String v = settings.get("seccomp_sandbox");
            return v == null ? -1 : Integer.parseInt(v.strip());
        }

        /** {@code set_process_name} (default off): {@code -name} gets {@code process=qemu:NAME}. */
        public boolean setProcessName() {
            return flag("set_process_name", false);
        }

        /** {@code deprecation_behavior} (default {@code none}): what {@code -compat} asks of QEMU. */
        public String deprecationBehavior() {
            String v = settings.get("deprecation_behavior");
            return v == null ? "none" : v;
        }

        /** {@code dump_guest_core} (default off): guest memory in QEMU's core dumps, unless the domain says. */
        public boolean dumpGuestCore() {
            return flag("dump_guest_core", false);
        }

        /**
         * {@code vnc_allow_host_audio} (default off): a VNC guest uses the host's audio backend instead of
         * {@code <audio type='none'/>}.
         */
        public boolean vncAllowHostAudio() {
            return flag("vnc_allow_host_audio", false);
        }

        /** {@code nogfx_allow_host_audio} (default off): the same for guests without graphics. */
        public boolean nogfxAllowHostAudio() {
            return flag("nogfx_allow_host_audio", false);
        }

        /**
         * {@code QEMU_AUDIO_DRV} in libvirtd's environment: the host backend libvirt passes through to guests the
         * two settings above (and SDL) let use host audio; null when unset, and then no {@code <audio>} is added
         * for them. Not a qemu.conf setting: a profile records it under the key {@code env.QEMU_AUDIO_DRV} (the
         * prober cannot see libvirtd's environment; systemd starts libvirtd without it).
         */
        public String qemuAudioDrv() {
            return settings.get("env.QEMU_AUDIO_DRV");
        }

        /** {@code memory_backing_dir} (default {@code LIBDIR/ram}): where file-backed guest memory lives. */
        public String memoryBackingDir() {
            String v = settings.get("memory_backing_dir");
            return v == null ? libDir + "/ram" : v;
        }
    }

    /**
     * One entry of qemu.conf's {@code nvram} list.
     *
     * @param loader       the firmware image
     * @param nvram        its variable store template
     * @param loaderExists whether the image exists on the host (libvirt skips missing ones)
     */
    public record Loader(String loader, String nvram, boolean loaderExists) {
    }
}
