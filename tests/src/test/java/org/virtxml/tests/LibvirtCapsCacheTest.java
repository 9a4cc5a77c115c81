package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;

/**
 * Where the real libvirt has probed the same QEMU, its private capability cache lists the flags it derived; the
 * profile must derive exactly the same set. Skipped on machines without that cache (it is root-only).
 */
class LibvirtCapsCacheTest {
    static final Path CACHE = Path.of("/var/cache/libvirt/qemu/capabilities");

    @Test
    void derivedFlagsEqualLibvirtsOwn() throws IOException {
        assumeTrue(Files.isReadable(CACHE), "no readable libvirt capability cache");
        int compared = 0;
        try (Stream<Path> files = Files.list(CACHE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                String xml = Files.readString(f);
                Matcher emu = Pattern.compile("<emulator>([^<]+)</emulator>").matcher(xml);
                Matcher ver = Pattern.compile("<version>(\\d+)</version>").matcher(xml);
                if (!emu.find() || !ver.find()) {
                    continue;
                }
                for (QemuCaps caps : QemuCaps.builtinAll().values()) {
                    if (!caps.emulator().equals(emu.group(1))
                            || caps.version().number() != Long.parseLong(ver.group(1))) {
                        continue;
                    }
                    Set<String> libvirt = new TreeSet<>();
                    Matcher flag = Pattern.compile("<flag name='([^']+)'/>").matcher(xml);
                    while (flag.find()) {
                        libvirt.add(flag.group(1));
                    }
                    Set<String> ours = new TreeSet<>();
                    caps.capabilities().stream().map(QemuCapability::libvirtName).forEach(ours::add);
                    assertEquals(libvirt, ours, caps.emulator());
                    compared++;
                }
            }
        }
        assumeTrue(compared > 0, "libvirt has not probed the QEMU the profiles describe");
    }
}
