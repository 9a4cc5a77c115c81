package org.virtxml.caps;

/**
 * One piece of QEMU's answers that sets a {@link QemuCapability}. Each kind names the QMP query it comes from.
 */
public sealed interface CapabilityEvidence {

    /** {@code qom-list-types} lists the type. */
    record QomType(String type) implements CapabilityEvidence {
    }

    /** {@code query-commands} lists the command. */
    record Command(String name) implements CapabilityEvidence {
    }

    /** {@code query-migrate-capabilities} lists the capability. */
    record Migration(String capability) implements CapabilityEvidence {
    }

    /** {@code device-list-properties} of {@code type} lists the property. */
    record DeviceProp(String type, String property) implements CapabilityEvidence {
    }

    /** {@code qom-list-properties} of {@code type} lists the property. */
    record ObjectProp(String type, String property) implements CapabilityEvidence {
    }

    /** {@code qom-list-properties} of the {@code machine}'s QOM type ({@code MACHINE-machine}) lists it. */
    record MachineProp(String machine, String property) implements CapabilityEvidence {
    }

    /** {@code query-command-line-options} lists the option (and the parameter, unless it is null). */
    record CommandLine(String option, String parameter) implements CapabilityEvidence {
    }

    /** The path query, in libvirt's query language, matches {@code query-qmp-schema}. */
    record Schema(String query) implements CapabilityEvidence {
    }

    /** A rule over other facts (architecture, version, other flags), described in words. */
    record Derived(String rule) implements CapabilityEvidence {
    }

    /** Shorthand for {@link QomType}. */
    static CapabilityEvidence qom(String type) {
        return new QomType(type);
    }

    /** Shorthand for {@link Command}. */
    static CapabilityEvidence cmd(String name) {
        return new Command(name);
    }

    /** Shorthand for {@link Migration}. */
    static CapabilityEvidence migration(String capability) {
        return new Migration(capability);
    }

    /** Shorthand for {@link DeviceProp}. */
    static CapabilityEvidence deviceProp(String type, String property) {
        return new DeviceProp(type, property);
    }

    /** Shorthand for {@link ObjectProp}. */
    static CapabilityEvidence objectProp(String type, String property) {
        return new ObjectProp(type, property);
    }

    /** Shorthand for {@link MachineProp}. */
    static CapabilityEvidence machineProp(String machine, String property) {
        return new MachineProp(machine, property);
    }

    /** Shorthand for {@link CommandLine}. */
    static CapabilityEvidence cmdline(String option, String parameter) {
        return new CommandLine(option, parameter);
    }

    /** Shorthand for {@link Schema}. */
    static CapabilityEvidence schema(String query) {
        return new Schema(query);
    }

    /** Shorthand for {@link Derived}. */
    static CapabilityEvidence derived(String rule) {
        return new Derived(rule);
    }
}
