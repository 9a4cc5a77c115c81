package org.virtxml.qemu.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.caps.QemuCaps;
import org.virtxml.caps.VirtType;

/** Probes the installed QEMU (skipped where there is none) and compares with the built-in profile. */
@Timeout(120)
class RealQemuProberTest {
    static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    @TempDir
    Path dir;

    @Test
    void probingTheInstalledQemuAgreesWithTheBuiltinProfileWhenItIsTheSameQemu() throws Exception {
        assumeTrue(Files.isExecutable(QEMU), "QEMU not installed");
        QemuCaps builtin = QemuCaps.builtin();
        QemuCaps probed = new QemuProber(QEMU, Duration.ofSeconds(60), dir, HostProber.system(),
                CpuMapX86.DEFAULT_DIR).withHostFacts(builtin.host()).probe();
        assertEquals("x86_64", probed.arch());
        assertTrue(probed.machine(VirtType.QEMU, "pc").isPresent());
        if (!probed.version().equals(builtin.version())) {
            // another QEMU build: the profiles rightly differ; the checks above are all that can be compared
            System.out.println("installed QEMU " + probed.version() + " is not the built-in profile's "
                    + builtin.version() + "; skipping the byte comparison");
            return;
        }
        // same binary, same host facts: regenerating gives the committed resource back
        assertEquals(builtin.toJson(), probed.toJson());
    }

    @Test
    void aMissingEmulatorIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> new QemuProber(dir.resolve("nope"),
                Duration.ofSeconds(5), dir, HostProber.system(), null).probe());
        assertTrue(e.getMessage().contains("not an executable file"), e.getMessage());
    }
}
