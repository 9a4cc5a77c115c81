package org.virtxml.normalizer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;

/** Helpers for the platform stage tests: whole-pipeline runs on small domains, with seeded randomness. */
public final class PlatformTestSupport {
    private PlatformTestSupport() {
    }

    /**
     * A minimal domain: {@code type} (kvm or qemu), the {@code <os>} and {@code <devices>} contents given, 1 GiB,
     * one vCPU unless {@code extra} (placed before {@code <os>}) says otherwise.
     */
    public static String domain(String type, String os, String extra, String devices) {
        return "<domain type='" + type + "'>\n  <name>t</name>\n  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n"
                + "  <memory unit='MiB'>1024</memory>\n" + extra + "\n  <os>" + os + "</os>\n  <devices>\n"
                + "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n" + devices + "\n  </devices>\n</domain>\n";
    }

    /** An x86_64 domain of {@code machine} with the given devices. */
    public static String x86(String machine, String devices) {
        return domain("kvm", "<type arch='x86_64' machine='" + machine + "'>hvm</type>", "", devices);
    }

    /** The normalized domain. */
    public static Domain normalize(String xml) {
        return new Normalizer(CapsProvider.builtin(), RandomSource.seeded(1)).normalize(DomainXml.parse(xml));
    }

    /** The normalized domain as libvirt would print it. */
    public static String normalized(String xml) {
        return DomainXml.format(normalize(xml));
    }

    /** The message of the refusal, failing when the domain is accepted. */
    public static String refusal(String xml) {
        return assertThrows(NormalizeException.class, () -> normalize(xml)).libvirtMessage();
    }
}
