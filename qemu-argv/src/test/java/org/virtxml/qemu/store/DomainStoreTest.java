package org.virtxml.qemu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;

/** The store: libvirt's file layout and header, unique names and UUIDs, broken files reported, atomic writes. */
class DomainStoreTest {
    /** Stands in for the normalizer: the store only relies on it producing a UUID. */
    private static final UnaryOperator<Domain> NORMALIZE = d -> {
        if (d.getUuid() == null) {
            d.setUuid(UUID.randomUUID().toString());
        }
        return d;
    };

    @TempDir
    Path dir;

    private static Domain domain(String name, String uuid) {
        return DomainXml.parse("<domain type='qemu'><name>" + name + "</name>"
                + (uuid == null ? "" : "<uuid>" + uuid + "</uuid>")
                + "<memory unit='KiB'>65536</memory><os><type arch='x86_64'>hvm</type></os></domain>");
    }

    @Test
    void definesWithLibvirtsHeaderAndPrivateMode() throws Exception {
        DomainStore store = new DomainStore(dir);
        DomainStore.DefineResult r = store.define(domain("vm1", "11111111-2222-3333-4444-555555555555"), NORMALIZE);
        assertFalse(r.replaced());
        Path f = dir.resolve("vm1.xml");
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("""
                <!--
                WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
                OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:
                  virsh edit vm1
                or other application using the libvirt API.
                -->

                <domain type='qemu'>
                """), text);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f)));
        StoredDomain s = store.find("vm1");
        assertTrue(s.ok(), s.problem());
        assertEquals("11111111-2222-3333-4444-555555555555", s.uuid());
    }

    @Test
    void headerNamesTheUuidWhenTheNameIsNotShellSafe() {
        assertTrue(DomainStore.header("a b", "u-1").contains("  virsh edit u-1\n"));
        assertTrue(DomainStore.header("a--b", "u-1").contains("  virsh edit u-1\n"));
        assertTrue(DomainStore.header("a$b", "a b").contains("  virsh edit\n"));
    }

    @Test
    void redefiningWithoutUuidKeepsTheUuid() throws Exception {
        DomainStore store = new DomainStore(dir);
        String uuid = store.define(domain("vm1", null), NORMALIZE).stored().uuid();
        DomainStore.DefineResult again = store.define(domain("vm1", null), NORMALIZE);
        assertTrue(again.replaced());
        assertEquals(uuid, again.stored().uuid());
        assertEquals(uuid, store.find("vm1").uuid());
    }

    @Test
    void namesAndUuidsAreUnique() throws Exception {
        DomainStore store = new DomainStore(dir);
        String u1 = "11111111-2222-3333-4444-555555555555";
        store.define(domain("vm1", u1), NORMALIZE);
        DomainException other = assertThrows(DomainException.class,
                () -> store.define(domain("vm1", "99999999-2222-3333-4444-555555555555"), NORMALIZE));
        assertEquals("operation failed: domain 'vm1' already exists with uuid " + u1, other.getMessage());
        DomainException taken = assertThrows(DomainException.class,
                () -> store.define(domain("vm2", u1), NORMALIZE));
        assertEquals("operation failed: domain 'vm1' is already defined with uuid " + u1, taken.getMessage());
        assertNull(store.find("vm2"));
    }

    @Test
    void brokenFilesAreReportedNotFatal() throws Exception {
        DomainStore store = new DomainStore(dir);
        store.define(domain("good", null), NORMALIZE);
        Files.writeString(dir.resolve("torn.xml"), "<domain type='qemu'><name>torn</na");
        Files.writeString(dir.resolve("renamed.xml"), DomainXml.format(domain("other", "11111111-2222-3333-4444-"
                + "555555555555")));
        List<StoredDomain> all = store.list();
        assertEquals(List.of("good", "renamed", "torn"), all.stream().map(StoredDomain::name).toList());
        assertTrue(all.get(0).ok());
        assertTrue(all.get(1).problem().contains("does not match domain name 'other'"), all.get(1).problem());
        assertTrue(all.get(2).problem().startsWith(dir.resolve("torn.xml") + ":"), all.get(2).problem());
        // a broken file can be fixed by defining its name again
        store.define(domain("torn", null), NORMALIZE);
        assertTrue(store.find("torn").ok());
    }

    @Test
    void abandonedTemporaryFilesAreIgnoredThenRemoved() throws Exception {
        DomainStore store = new DomainStore(dir);
        store.define(domain("vm1", null), NORMALIZE);
        Path tmp = dir.resolve(".vm1.xml.tmp-0123456789ab");
        Files.writeString(tmp, "<domain type='qemu'><name>vm1</na");
        assertEquals(1, store.list().size());
        store.define(domain("vm2", null), NORMALIZE);
        assertFalse(Files.exists(tmp));
    }

    @Test
    void refusesNamesThatAreNotFileNames() {
        DomainStore store = new DomainStore(dir);
        DomainException e = assertThrows(DomainException.class, () -> store.define(domain("a/b", null), NORMALIZE));
        assertEquals("name a/b cannot contain '/'", e.getMessage());
        assertThrows(DomainException.class, () -> store.define(domain("..", null), NORMALIZE));
    }

    @Test
    void undefineRemovesTheConfig() throws Exception {
        DomainStore store = new DomainStore(dir);
        store.define(domain("vm1", null), NORMALIZE);
        store.undefine("vm1");
        assertNull(store.find("vm1"));
        DomainException e = assertThrows(DomainException.class, () -> store.undefine("vm1"));
        assertEquals("failed to get domain 'vm1'", e.getMessage());
    }

    @Test
    void anAbsentStoreIsEmpty() throws Exception {
        assertTrue(new DomainStore(dir.resolve("nothing-here")).list().isEmpty());
    }

    @Test
    void defaultDirectoryFollowsXdg() {
        assertEquals(Path.of("/x/virtxml/qemu"), DomainStore.defaultDirectory(java.util.Map.of("XDG_CONFIG_HOME",
                "/x", "HOME", "/h")));
        assertEquals(Path.of("/h/.config/virtxml/qemu"), DomainStore.defaultDirectory(java.util.Map.of(
                "XDG_CONFIG_HOME", "relative", "HOME", "/h")));
    }

    @Test
    void aFailedReplaceLeavesTheOldFile() throws Exception {
        Path target = dir.resolve("f");
        AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE);
        // a non-empty directory where the file should go: the rename fails after the temporary file is written
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("child"));
        assertThrows(java.io.IOException.class,
                () -> AtomicFiles.write(blocked, "new".getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE));
        assertEquals("old", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertNotNull(s);
            assertTrue(s.noneMatch(p -> AtomicFiles.isTemporary(p.getFileName().toString())),
                    "no temporary file left behind");
        }
    }
}
