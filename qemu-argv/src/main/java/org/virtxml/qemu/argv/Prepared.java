package org.virtxml.qemu.argv;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.caps.Machines;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainType;
import org.virtxml.model.devices.DomainController;

/**
 * What libvirt works out before it builds the command line (its {@code qemuProcessPrepareDomain} for a
 * "pretend" start), kept beside the domain instead of written into it: the runtime paths, the device aliases,
 * effective boot indexes and counters for generated object ids. Sections read it; only {@link Preparer}'s steps
 * fill it. One instance per built command line.
 */
public final class Prepared {
    private final Domain domain;
    private final QemuCaps caps;
    private final RuntimePaths paths;
    private final Map<Object, String> aliases = new IdentityHashMap<>();
    private final Map<Object, Integer> bootIndexes = new IdentityHashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<String, Object> extra = new HashMap<>();
    private List<DomainController> controllers;

    Prepared(Domain domain, QemuCaps caps) {
        this(domain, caps, RuntimePaths.pretend(domain.getName(), caps));
    }

    Prepared(Domain domain, QemuCaps caps, RuntimePaths paths) {
        this.domain = domain;
        this.caps = caps;
        this.paths = paths;
    }

    /** The name as libvirt shortens it for paths (see {@link RuntimePaths#shortName}). */
    static String shortName(String name) {
        return RuntimePaths.shortName(name);
    }

    /** The domain the command line is built for (normalized; never changed by the backend). */
    public Domain domain() {
        return domain;
    }

    /** The capability profile of the emulator, with the host facts. */
    public QemuCaps caps() {
        return caps;
    }

    /** The domain type as a profile key ({@code kvm} or {@code qemu}). */
    public VirtType virtType() {
        return domain.getType() == DomainType.KVM ? VirtType.KVM : VirtType.QEMU;
    }

    /**
     * The domain's short name in per-domain paths outside its directory: {@code -1-NAME} (libvirt's
     * virDomainDefGetShortName with the pretend id -1), as in {@code /var/lib/libvirt/qemu/ram/-1-NAME}.
     */
    public String pathName() {
        return paths.pathName();
    }

    /** The domain's private directory: {@code /var/lib/libvirt/qemu/domain--1-NAME} (HOME of the process). */
    public String libDir() {
        return paths.libDir();
    }

    /** Where unix sockets of channels without a path go: {@code /var/lib/libvirt/qemu/channel/target/domain--1-NAME}. */
    public String channelTargetDir() {
        return paths.channelTargetDir();
    }

    /** The master key file QEMU reads secrets' key from. */
    public String masterKeyPath() {
        return paths.masterKeyPath();
    }

    /** The QMP monitor socket. */
    public String monitorPath() {
        return paths.monitorPath();
    }

    /** All the runtime paths (pretend ones for {@code virtxml argv}, real ones for a start). */
    public RuntimePaths paths() {
        return paths;
    }

    /** The machine type the domain uses ({@code pc-i440fx-7.2}). */
    public String machine() {
        return domain.getOs().getType().getMachine();
    }

    /** The guest architecture ({@code x86_64}, {@code i686}). */
    public String arch() {
        return domain.getOs().getType().getArch();
    }

    /** libvirt's qemuDomainIsQ35: the machine is {@code q35} or {@code pc-q35-*}. */
    public boolean isQ35() {
        return isX86() && Machines.isQ35Name(machine());
    }

    /** libvirt's qemuDomainIsI440FX: {@code pc}, {@code pc-0.*}, {@code pc-1.*}, {@code pc-i440fx-*}, {@code rhel*}. */
    public boolean isI440fx() {
        return isX86() && Machines.isI440fxName(machine());
    }

    /** Whether the guest is x86 (everything this backend targets; kept explicit where libvirt checks it). */
    public boolean isX86() {
        return Machines.isX86(arch());
    }

    /** libvirt's qemuDomainHasBuiltinIDE: the i440FX's IDE controller is part of the machine (alias {@code ide}). */
    public boolean hasBuiltinIde() {
        return isI440fx();
    }

    /** The firmware after libvirt's firmware selection (never null). */
    public Firmware firmware() {
        return get(Firmware.KEY);
    }

    /** Guest memory sizes after libvirt's alignment. */
    public MemorySizes memory() {
        return get(MemorySizes.KEY);
    }

    /** The guest CPU libvirt describes with {@code -cpu}, or null when the domain has no {@code <cpu>}. */
    public GuestCpu guestCpu() {
        return get(GuestCpu.KEY);
    }

    /**
     * The controllers at start, in libvirt's order: the domain's, and the PCI controllers address assignment
     * adds when the interfaces domxml-to-native rebuilds find no free slot (see {@code NetPreparation}).
     */
    public List<DomainController> controllers() {
        if (controllers != null) {
            return controllers;
        }
        return domain.getDevices() == null ? List.of() : domain.getDevices().getControllers();
    }

    /** Records the controllers at start (preparation only). */
    void setControllers(List<DomainController> controllers) {
        this.controllers = List.copyOf(controllers);
    }

    /** The alias libvirt gives a device (its QEMU id), or null when it has none. */
    public String alias(Object device) {
        return aliases.get(device);
    }

    /** Records a device's alias (preparation steps only). */
    void setAlias(Object device, String alias) {
        aliases.put(device, alias);
    }

    /** Whether a device already has an alias. */
    boolean hasAlias(Object device) {
        return aliases.containsKey(device);
    }

    /**
     * The boot index a device gets on the command line: its own {@code <boot order>}, or the one derived from
     * {@code <os><boot dev>} (libvirt's effectiveBootIndex); 0 when none.
     */
    public int bootIndex(Object device) {
        return bootIndexes.getOrDefault(device, 0);
    }

    /** Records a device's effective boot index (preparation steps only). */
    void setBootIndex(Object device, int index) {
        bootIndexes.put(device, index);
    }

    /**
     * The next number of a per-domain counter, starting at 0: libvirt numbers some generated ids per domain
     * rather than per device ({@code counter("audio")}). Each call takes a new number.
     */
    public int next(String counter) {
        return counters.merge(counter, 1, Integer::sum) - 1;
    }

    /**
     * Cross-cutting state a preparation step computes for sections owned elsewhere (for example blockdev node
     * names or chardev paths), under a key the owner documents.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) extra.get(key);
    }

    /** Stores cross-cutting state for {@link #get}. */
    public void put(String key, Object value) {
        extra.put(key, value);
    }
}
