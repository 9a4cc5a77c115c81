package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.Domain;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.qemu.argv.sections.AccelSection;
import org.virtxml.qemu.argv.sections.AudioSection;
import org.virtxml.qemu.argv.sections.BootSection;
import org.virtxml.qemu.argv.sections.CcidControllerSection;
import org.virtxml.qemu.argv.sections.ChannelSection;
import org.virtxml.qemu.argv.sections.ClockSection;
import org.virtxml.qemu.argv.sections.CompatSection;
import org.virtxml.qemu.argv.sections.ConsoleSection;
import org.virtxml.qemu.argv.sections.ControllerSection;
import org.virtxml.qemu.argv.sections.CpuSection;
import org.virtxml.qemu.argv.sections.DBusVMStateSection;
import org.virtxml.qemu.argv.sections.DiskSection;
import org.virtxml.qemu.argv.sections.FilesystemSection;
import org.virtxml.qemu.argv.sections.FreezeCpusSection;
import org.virtxml.qemu.argv.sections.GlobalControllerSection;
import org.virtxml.qemu.argv.sections.GraphicsSection;
import org.virtxml.qemu.argv.sections.HostdevSection;
import org.virtxml.qemu.argv.sections.HubSection;
import org.virtxml.qemu.argv.sections.IOThreadSection;
import org.virtxml.qemu.argv.sections.InputSection;
import org.virtxml.qemu.argv.sections.IommuSection;
import org.virtxml.qemu.argv.sections.LaunchSecuritySection;
import org.virtxml.qemu.argv.sections.LoaderSection;
import org.virtxml.qemu.argv.sections.MachineSection;
import org.virtxml.qemu.argv.sections.ManagedPrSection;
import org.virtxml.qemu.argv.sections.MasterKeySection;
import org.virtxml.qemu.argv.sections.MemballoonSection;
import org.virtxml.qemu.argv.sections.MemoryDeviceSection;
import org.virtxml.qemu.argv.sections.MemorySection;
import org.virtxml.qemu.argv.sections.MonitorSection;
import org.virtxml.qemu.argv.sections.MsgSection;
import org.virtxml.qemu.argv.sections.NameSection;
import org.virtxml.qemu.argv.sections.NetSection;
import org.virtxml.qemu.argv.sections.NoDefaultsSection;
import org.virtxml.qemu.argv.sections.NoGraphicsSection;
import org.virtxml.qemu.argv.sections.NumaSection;
import org.virtxml.qemu.argv.sections.NvramSection;
import org.virtxml.qemu.argv.sections.PanicSection;
import org.virtxml.qemu.argv.sections.ParallelSection;
import org.virtxml.qemu.argv.sections.PflashSection;
import org.virtxml.qemu.argv.sections.PmSection;
import org.virtxml.qemu.argv.sections.QemuNamespaceSection;
import org.virtxml.qemu.argv.sections.RedirdevSection;
import org.virtxml.qemu.argv.sections.RngSection;
import org.virtxml.qemu.argv.sections.SandboxSection;
import org.virtxml.qemu.argv.sections.SerialSection;
import org.virtxml.qemu.argv.sections.ShmemSection;
import org.virtxml.qemu.argv.sections.SmartcardSection;
import org.virtxml.qemu.argv.sections.SmbiosSection;
import org.virtxml.qemu.argv.sections.SmpSection;
import org.virtxml.qemu.argv.sections.SoundSection;
import org.virtxml.qemu.argv.sections.SysinfoSection;
import org.virtxml.qemu.argv.sections.TpmSection;
import org.virtxml.qemu.argv.sections.TsegSection;
import org.virtxml.qemu.argv.sections.UuidSection;
import org.virtxml.qemu.argv.sections.VideoSection;
import org.virtxml.qemu.argv.sections.VmCoreInfoSection;
import org.virtxml.qemu.argv.sections.VmGenIdSection;
import org.virtxml.qemu.argv.sections.VsockSection;
import org.virtxml.qemu.argv.sections.WatchdogSection;

/**
 * The QEMU command line of a normalized domain, as libvirt 9.0.0's {@code virsh domxml-to-native qemu-argv}
 * prints it: {@link #build} gives the structured {@link CommandLine}, {@link #render} its text.
 *
 * <h2>Design (for everyone adding to this package)</h2>
 * <ol>
 * <li><b>Input</b> is the normalized model ({@code virsh define} + {@code dumpxml --inactive} as
 * {@link org.virtxml.normalizer.Normalizer} produces it, or a corpus {@code define.xml} parsed directly). The
 * backend never changes it.</li>
 * <li><b>Preparation</b> ({@link Preparer}, libvirt's {@code qemuProcessPrepareDomain} for a pretend start) runs
 * {@link PrepareStep}s in libvirt's order and fills {@link Prepared}: device aliases for every device kind
 * ({@link DeviceAliases}), effective boot indexes ({@link BootOrder}), the runtime paths ({@code libDir()},
 * {@code channelTargetDir()}, master key, monitor socket), per-domain counters ({@code next("name")}) and a typed
 * bag ({@code put/get}) for state one half prepares for its own sections (node names, chardev paths, ...). Steps
 * owned by the storage and front-end halves exist as files already ({@code NetPreparation},
 * {@code StoragePreparation}, ...).</li>
 * <li><b>Sections</b> ({@code sections} package): one {@link Section} class per libvirt
 * {@code qemuBuild*CommandLine} function; {@link #SECTIONS} fixes libvirt's order ({@code qemuBuildCommandLine}).
 * Each appends options through {@link BuildContext}: {@code device(Props)} (applies {@code <qemu:override>} and
 * picks JSON or key=value from the capabilities), {@code object}, {@code netdev}, {@code blockdev},
 * {@code audiodev}, {@code chardev(KeyValue)}, {@code add(flag, value)}. Shared device properties
 * (PCI/USB/ISA/drive/virtio-serial addresses, virtio driver names and options, ROM tuning) are in
 * {@link DeviceProps} ({@code ctx.deviceProps()}).</li>
 * <li><b>Values</b> are structured: {@link Props} (an ordered JSON object, libvirt's virJSONValueObjectAdd
 * conventions: null skipped, {@code positive()} for "p:", {@code bool(Boolean)} for tristates) and
 * {@link KeyValue} (libvirt's {@code a=b,c=d} with commas in values doubled); plain words are
 * {@link OptionValue.Text}.</li>
 * <li><b>Rendering</b> happens once, in {@link ArgvRenderer}: environment (LC_ALL, PATH, HOME, XDG_* of the
 * domain directory, then {@code <qemu:env>}), emulator, options, each word quoted as libvirt's
 * {@code virBufferEscapeShell} quotes it.</li>
 * <li><b>Refusals</b> are {@link ArgvException}s with libvirt's message (and the element when known). Host facts
 * (hugetlbfs, NUMA nodes, secrets, /dev nodes via {@code host().pathExists}, firmware, qemu.conf settings via
 * {@code host().qemuConf()}) come only from {@code caps.host()}. {@link CommandLineValidation} runs before the
 * sections, {@link StartValidation} (qemuProcessStartValidate) before the preparation.</li>
 * </ol>
 *
 * <h2>Prepared state the platform half provides</h2>
 * {@code alias(device)}, {@code bootIndex(device)} (interfaces get no index from their own {@code <boot order>}:
 * domxml-to-native rebuilds them without it), {@code firmware()} (after firmware autoselection),
 * {@code memory()} (sizes after libvirt's 1 MiB / 2 MiB alignment), {@code guestCpu()} (host-model resolved),
 * {@code pathName()} ({@code -1-NAME}), PCI multifunction at start (applied by {@link DeviceProps#address}).
 *
 * <h2>Cross-half dependencies</h2>
 * <ul>
 * <li>domxml-to-native drops interface addresses; libvirt then assigns them again at start, adding PCI
 * controllers when no slot is free. {@code NetPreparation} runs the normalizer's PCI address assignment
 * ({@code PciAddresses.assignAtStart}) over a copy of the device lists before {@link DeviceAliases}; sections read
 * the controllers at start from {@link Prepared#controllers()}, never from the domain.</li>
 * <li>Every {@code -chardev} (ports, channels, consoles, redirdevs, smartcards, the {@code rng-egd} backend) comes
 * from the front-end half's chardev builder ({@code frontend.Chardevs}); the monitor, TPM and shmem chardevs are
 * written here.</li>
 * </ul>
 */
public final class QemuArgv {

    /** The sections in the order of libvirt 9.0.0's qemuBuildCommandLine. */
    static final List<Section> SECTIONS = List.of(
            new NameSection(),
            new CompatSection(),
            new FreezeCpusSection(),
            new MasterKeySection(),
            new DBusVMStateSection(),
            new ManagedPrSection(),
            new PflashSection(),
            new MachineSection(),
            new AccelSection(),
            new TsegSection(),
            new CpuSection(),
            new LoaderSection(),
            new MemorySection(),
            new SmpSection(),
            new IOThreadSection(),
            new NumaSection(),
            new UuidSection(),
            new SmbiosSection(),
            new SysinfoSection(),
            new VmGenIdSection(),
            new NoGraphicsSection(),
            new NoDefaultsSection(),
            new MonitorSection(),
            new ClockSection(),
            new PmSection(),
            new BootSection(),
            new IommuSection(),
            new GlobalControllerSection(),
            new ControllerSection(),
            new MemoryDeviceSection(),
            new HubSection(),
            new CcidControllerSection(),
            new DiskSection(),
            new FilesystemSection(),
            new NetSection(),
            new SmartcardSection(),
            new SerialSection(),
            new ParallelSection(),
            new ChannelSection(),
            new ConsoleSection(),
            new TpmSection(),
            new InputSection(),
            new AudioSection(),
            new GraphicsSection(),
            new VideoSection(),
            new SoundSection(),
            new WatchdogSection(),
            new RedirdevSection(),
            new HostdevSection(),
            new MemballoonSection(),
            new RngSection(),
            new NvramSection(),
            new VmCoreInfoSection(),
            new LaunchSecuritySection(),
            new QemuNamespaceSection(),
            new SandboxSection(),
            new PanicSection(),
            new ShmemSection(),
            new VsockSection(),
            new MsgSection());

    /** PATH when the process has none (libvirt passes its own PATH through). */
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final CapsProvider caps;
    private final String path;

    /** A backend using the built-in QEMU 7.2 profiles and this process's PATH. */
    public QemuArgv() {
        this(CapsProvider.builtin(), System.getenv("PATH"));
    }

    /**
     * A backend with the given profiles; {@code path} is the PATH passed to QEMU (libvirt passes the daemon's own),
     * null for a default.
     */
    public QemuArgv(CapsProvider caps, String path) {
        this.caps = caps;
        this.path = path == null || path.isEmpty() ? DEFAULT_PATH : path;
    }

    /**
     * The command line of a normalized domain.
     *
     * @throws ArgvException with libvirt's message when libvirt refuses to build it
     */
    public CommandLine build(Domain domain) {
        return build(domain, null);
    }

    /**
     * The command line of a normalized domain whose runtime files are at {@code paths} (a real start: its own
     * directory, monitor socket and master key); null means the paths {@code domxml-to-native} prints.
     *
     * @throws ArgvException with libvirt's message when libvirt refuses to build it
     */
    public CommandLine build(Domain domain, RuntimePaths paths) {
        QemuCaps qemu = caps.forArch(domain.getOs().getType().getArch());
        Prepared prepared = paths == null ? Preparer.prepare(domain, qemu) : Preparer.prepare(domain, qemu, paths);
        CommandLineValidation.check(prepared);
        String emulator = domain.getDevices() != null && domain.getDevices().getEmulator() != null
                ? domain.getDevices().getEmulator() : qemu.emulator();
        CommandLine cmd = new CommandLine(emulator);
        environment(cmd, prepared);
        BuildContext ctx = new BuildContext(prepared, cmd);
        for (Section s : SECTIONS) {
            s.build(ctx);
        }
        return cmd;
    }

    /** The text {@code virsh domxml-to-native qemu-argv} prints for a normalized domain. */
    public String render(Domain domain) {
        return ArgvRenderer.render(build(domain));
    }

    /**
     * libvirt's environment for a system QEMU: LC_ALL=C, PATH passed through, and HOME plus the XDG directories
     * set to the domain's private directory so QEMU's libraries never write to the daemon's home.
     */
    private void environment(CommandLine cmd, Prepared p) {
        cmd.env("LC_ALL", "C");
        cmd.env("PATH", path);
        cmd.env("HOME", p.libDir());
        cmd.env("XDG_DATA_HOME", p.libDir() + "/.local/share");
        cmd.env("XDG_CACHE_HOME", p.libDir() + "/.cache");
        cmd.env("XDG_CONFIG_HOME", p.libDir() + "/.config");
    }
}
