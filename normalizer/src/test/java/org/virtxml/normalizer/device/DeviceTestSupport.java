package org.virtxml.normalizer.device;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.normalizer.RandomSource;

/** Normalizes small domains around a {@code <devices>} body, with the built-in QEMU 7.2 profile. */
final class DeviceTestSupport {
    private DeviceTestSupport() {
    }

    /** A KVM guest of {@code machine} with the given devices and extra domain elements. */
    static String domain(String machine, String extra, String devices) {
        return "<domain type='kvm'><name>t</name><memory>262144</memory>" + extra
                + "<os><type arch='x86_64' machine='" + machine + "'>hvm</type></os><devices>" + devices
                + "</devices></domain>";
    }

    /** The normalized document of an i440FX guest with these devices. */
    static String normalize(String devices) {
        return normalizeXml(domain("pc", "", devices));
    }

    /** The normalized document. */
    static String normalizeXml(String xml) {
        Domain d = DomainXml.parse(xml);
        new Normalizer(CapsProvider.builtin(), RandomSource.seeded(1)).normalize(d);
        return DomainXml.format(d);
    }

    /** libvirt's message for refusing an i440FX guest with these devices. */
    static String refusal(String devices) {
        return refusalXml(domain("pc", "", devices));
    }

    /** libvirt's message for refusing the document. */
    static String refusalXml(String xml) {
        Domain d = DomainXml.parse(xml);
        Normalizer n = new Normalizer(CapsProvider.builtin(), RandomSource.seeded(1));
        return assertThrows(NormalizeException.class, () -> n.normalize(d)).libvirtMessage();
    }
}
