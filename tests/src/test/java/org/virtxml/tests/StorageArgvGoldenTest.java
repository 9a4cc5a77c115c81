package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.QemuArgv;

/**
 * Storage features the corpus does not cover (network protocols, slices and backing chains, image formats, cache
 * and error options, NVMe, SD cards, reservations, transient disks, pool volumes, filesystems, host devices,
 * smartcards), each recorded from the real libvirt with {@code ../shared/oracle/oracle.py} into
 * {@code golden/storage/CASE/} ({@code input.xml}, {@code define.xml}, {@code argv.txt} or {@code argv.err}).
 * The backend is fed libvirt's {@code define.xml}; the options the storage half writes must equal libvirt's, in
 * order, and refusals must carry libvirt's message.
 */
class StorageArgvGoldenTest {
    private static final Path DIR = Corpus.projectRoot().resolve("tests/src/test/resources/golden/storage");

    /**
     * The options of the storage half: block nodes, SD drives, 9p backends, the floppy controller's boot
     * globals, disk/filesystem/host device/smartcard/redirection devices, secret/TLS/reservation objects of
     * images and the chardevs of vhost-user disks and filesystems, redirection and smartcards.
     */
    private static final Pattern STORAGE = Pattern.compile("^(-blockdev |-drive |-fsdev |-global isa-fdc"
            + "|-device \\{\"driver\":\"(ide-|scsi-|virtio-blk|vhost-user-blk|usb-storage|floppy|isa-fdc|virtio-9p"
            + "|vhost-user-fs|vfio-|usb-host|vhost-scsi|ccid-card|usb-redir)"
            + "|-object \\{\"qom-type\":\"(secret\",\"id\":\"(?!masterKey)|pr-manager|tls-creds-x509\",\"id\":\"obj)"
            + "|-chardev [a-z]+,id=(chr-vu|charredir|charsmartcard))");

    @TestFactory
    List<DynamicTest> storageOptionsMatchLibvirt() throws IOException {
        QemuArgv backend = new QemuArgv(CapsProvider.builtin(), null);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path c : s.sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(backend, c)));
            }
        }
        assertFalse(tests.isEmpty(), "no cases in " + DIR);
        return tests;
    }

    private static void check(QemuArgv backend, Path c) {
        String have;
        try {
            have = backend.render(DomainXml.parse(Corpus.read(c.resolve("define.xml"))));
        } catch (ArgvException e) {
            assertTrue(Files.exists(c.resolve("argv.err")), "libvirt accepts, virtxml refuses: " + e.libvirtMessage());
            assertEquals(Corpus.read(c.resolve("argv.err")).strip(), e.libvirtMessage());
            return;
        }
        if (!Files.exists(c.resolve("argv.txt"))) {
            fail("libvirt refuses (" + Corpus.read(c.resolve("argv.err")).strip() + "), virtxml accepts");
        }
        String input = Corpus.read(c.resolve("input.xml"));
        assertEquals(storageOptions(Corpus.read(c.resolve("argv.txt")), input), storageOptions(have, input));
    }

    /** The storage half's options of a command line, one "-flag value" string each, in order. */
    private static List<String> storageOptions(String argv, String input) {
        Masking.Argv a = Masking.argv(argv, input);
        assertTrue(a != null, "not shell words: " + argv);
        List<String> out = new ArrayList<>();
        List<String> w = a.words();
        for (int i = 0; i < w.size(); i++) {
            String opt = w.get(i);
            if (opt.startsWith("-") && i + 1 < w.size() && !w.get(i + 1).startsWith("-")) {
                opt = opt + " " + w.get(++i);
            }
            if (STORAGE.matcher(opt).find()) {
                out.add(opt);
            }
        }
        return out;
    }
}
