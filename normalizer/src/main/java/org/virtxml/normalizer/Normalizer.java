package org.virtxml.normalizer;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.normalizer.address.MemorySlots;
import org.virtxml.normalizer.address.PciAddresses;
import org.virtxml.normalizer.address.SpaprVioAddresses;
import org.virtxml.normalizer.address.UsbAddresses;
import org.virtxml.normalizer.device.DefaultDevices;
import org.virtxml.normalizer.device.DeviceFormat;
import org.virtxml.normalizer.device.DeviceParse;
import org.virtxml.normalizer.device.DeviceParseChecks;
import org.virtxml.normalizer.device.DevicePostParse;
import org.virtxml.normalizer.device.DeviceSetChecks;
import org.virtxml.normalizer.device.ImplicitDevices;
import org.virtxml.normalizer.device.IsaSerialPorts;
import org.virtxml.normalizer.device.VirtioSerialAddresses;
import org.virtxml.normalizer.platform.CommonPostParse;
import org.virtxml.normalizer.platform.QemuNamespaceParse;
import org.virtxml.normalizer.platform.UnknownContent;
import org.virtxml.normalizer.platform.ControllerDefaults;
import org.virtxml.normalizer.platform.ControllerIndexes;
import org.virtxml.normalizer.platform.CpuModelCheck;
import org.virtxml.normalizer.platform.CpuPostParse;
import org.virtxml.normalizer.platform.DefaultControllers;
import org.virtxml.normalizer.platform.DefaultCpu;
import org.virtxml.normalizer.platform.DomainChecks;
import org.virtxml.normalizer.platform.DriverFeatureChecks;
import org.virtxml.normalizer.platform.EmulatorLookup;
import org.virtxml.normalizer.platform.FormatRules;
import org.virtxml.normalizer.platform.ImplicitControllers;
import org.virtxml.normalizer.platform.MachineCanonical;
import org.virtxml.normalizer.platform.NumaCpus;
import org.virtxml.normalizer.platform.ParseRules;
import org.virtxml.normalizer.platform.QemuDomainChecks;
import org.virtxml.normalizer.platform.QemuMachine;
import org.virtxml.normalizer.platform.QemuTseg;
import org.virtxml.normalizer.platform.QemuVcpus;
import org.virtxml.normalizer.platform.Seclabels;

/**
 * Normalizes a domain as libvirt 9.0.0's {@code virsh define} + {@code virsh dumpxml --inactive} does for the
 * QEMU driver: the stages run in the order of libvirt's parser, {@code virDomainDefPostParse} and its validation
 * (basic defaults, controller indexes, hypervisor defaults, per-device defaults, implicit devices, address
 * assignment, checks). The list keeps one stage per line, grouped under the libvirt phase it belongs to.
 */
public final class Normalizer {
    private final CapsProvider caps;
    private final RandomSource random;
    private final List<Stage> stages;

    /** A normalizer using the built-in QEMU 7.2 profiles, with secure randomness. */
    public Normalizer() {
        this(CapsProvider.builtin(), RandomSource.secure());
    }

    /** A normalizer with the given profiles and randomness (tests use a seeded source). */
    public Normalizer(CapsProvider caps, RandomSource random) {
        this.caps = caps;
        this.random = random;
        this.stages = List.of(
                // virtxml's own bounds on numbers the later stages would allocate by (docs/hardening.md, "Limits")
                new InputBounds(),
                // parsing (virDomainDefParseXML): conversions and refusals of the parser itself
                // what libvirt's parser never reads: unknown attributes and elements (not <metadata>'s)
                new UnknownContent(),
                new ParseRules(),
                new DeviceParseChecks(),
                new DeviceParse(),
                // the QEMU namespace's parser, which runs once the rest of the domain is read
                new QemuNamespaceParse(),
                // basic post-parse (qemuDomainDefPostParseBasic) and the capability lookup by emulator
                new EmulatorLookup(),
                new Seclabels(),
                // controller indexes (virDomainAssignControllerIndexes)
                new ControllerIndexes(),
                // hypervisor post-parse (qemuDomainDefPostParse): default controllers and devices of the machine
                new QemuMachine(),
                new DefaultControllers(),
                new DefaultDevices(),
                new MachineCanonical(),
                new DefaultCpu(),
                new QemuVcpus(),
                new CpuPostParse(),
                new QemuTseg(),
                new NumaCpus(),
                // virDomainChrIsaSerialDefPostParse
                new IsaSerialPorts(),
                // per-device post-parse (qemuDomainDeviceDefPostParse, virDomainDeviceDefPostParseCommon)
                new ControllerDefaults(),
                new DevicePostParse(),
                // common post-parse (virDomainDefPostParseCommon), implicit devices among it
                new CommonPostParse(),
                new ImplicitDevices(),
                new ImplicitControllers(),
                new CpuModelCheck(),
                // address assignment (qemuDomainAssignAddresses): virtio-serial ports first
                new VirtioSerialAddresses(),
                new SpaprVioAddresses(),
                new PciAddresses(),
                new UsbAddresses(),
                new MemorySlots(),
                // what the driver's parser configuration does not support (virDomainDefPostParseCheckFeatures)
                new DriverFeatureChecks(),
                // validation (virDomainDefValidate: qemuValidateDomainDef, devices, virDomainDefValidateInternal)
                new QemuDomainChecks(),
                new DeviceValidation(),
                new DeviceSetChecks(),
                new DomainChecks(),
                // formatting (virDomainDefFormatInternal): what libvirt prints of what it holds
                new FormatRules(),
                new DeviceFormat());
    }

    /**
     * Normalizes {@code domain} in place and returns it.
     *
     * @throws NormalizeException with libvirt's message when libvirt would refuse to define it
     */
    public Domain normalize(Domain domain) {
        NormalizeContext ctx = new NormalizeContext(domain, caps, random);
        for (Stage s : stages) {
            s.apply(ctx);
        }
        return domain;
    }
}
