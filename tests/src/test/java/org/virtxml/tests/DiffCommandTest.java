package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code virtxml diff}: differences as libvirt sees them, with diff(1)'s exit codes. */
class DiffCommandTest {
    @TempDir
    Path tmp;

    private Path write(String name, String xml) throws IOException {
        return Files.writeString(tmp.resolve(name), xml);
    }

    @Test
    void layoutAndSpellingAreNotDifferences() throws IOException {
        Path a = write("a.xml", "<domain type='kvm'><name>a</name><memory unit='MiB'>1</memory>"
                + "<devices><disk type='file' device='disk'><target dev='vda'/><source file='/x'/></disk></devices></domain>");
        Path b = write("b.xml", "<domain type=\"kvm\">\n <memory unit='KiB'>1024</memory>\n <name>a</name>\n"
                + " <devices><disk device='disk' type='file'><source file='/x'/><target dev='vda'/></disk></devices>\n</domain>");
        Cli.Result r = Cli.run("diff", a.toString(), b.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("", r.out());
    }

    @Test
    void reportsChangedAddedAndRemovedParts() throws IOException {
        Path a = write("a.xml", "<domain type='kvm'><name>a</name><memory>1024</memory><vcpu>1</vcpu></domain>");
        Path b = write("b.xml", "<domain type='kvm'><name>a</name><memory>2048</memory>"
                + "<on_crash>restart</on_crash></domain>");
        Cli.Result r = Cli.run("diff", a.toString(), b.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("changed /domain[1]/memory[1]/text()[1]: '1024' -> '2048'"), r.out());
        assertTrue(r.out().contains("removed /domain[1]/vcpu[1]"), r.out());
        assertTrue(r.out().contains("added /domain[1]/on_crash[1]"), r.out());
    }

    @Test
    void normalizeComparesWhatLibvirtWouldDefine() throws IOException {
        Path a = write("a.xml", "<domain type='qemu'><name>a</name><memory>1024</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
        Path b = write("b.xml", "<domain type='qemu'><name>a</name><memory>1024</memory>"
                + "<os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os><on_crash>destroy</on_crash></domain>");
        assertEquals(1, Cli.run("diff", a.toString(), b.toString()).exitCode());
        Cli.Result r = Cli.run("diff", "--normalize", a.toString(), b.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void unreadableIsAUsageError() throws IOException {
        Path a = write("a.xml", "<domain type='kvm'><name>a</name></domain>");
        assertEquals(2, Cli.run("diff", a.toString(), tmp.resolve("missing.xml").toString()).exitCode());
        assertEquals(1, Cli.run("diff", a.toString(), write("bad.xml", "<domain").toString()).exitCode());
    }
}
