package org.virtxml.qemu.argv.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.qemu.argv.QemuArgv;

/**
 * Front-end options the corpus does not exercise (chardev TLS and every backend type, SPICE channel modes and
 * compression, VNC websocket and share policy, virtio and evdev input, HDA codecs, every audio backend's
 * settings, renamed NIC models), against what the real libvirt 9.0.0 printed. For each case NAME the folder holds
 * {@code NAME.xml} (the input given to {@code ../shared/oracle/oracle.py}), {@code NAME.define.xml} (libvirt's
 * defined form, the backend's input) and {@code NAME.args} ({@code virsh domxml-to-native qemu-argv}).
 */
class FrontendGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"fe-chardevs", "fe-dbus", "fe-inputs", "fe-video", "fe-more"})
    void matchesDomxmlToNative(String name) throws IOException {
        String defined = resource(name + ".define.xml");
        String want = resource(name + ".args");
        String have = new QemuArgv(CapsProvider.builtin(), "/usr/bin:/bin").render(DomainXml.parse(defined));
        assertEquals(mask(want), mask(have));
    }

    /**
     * Hides what differs from run to run: the daemon's PATH and the numbers of the descriptors libvirt opened
     * for tap devices. Options go one per line so a failure shows which one differs.
     */
    private static String mask(String argv) {
        String s = argv.strip().replaceFirst("PATH=\\S+", "PATH=PATH").replaceAll("\"fd\":\"\\d+\"", "\"fd\":\"FD\"");
        return String.join("\n", List.of(s.split(" (?=-)")));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FrontendGoldenTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
