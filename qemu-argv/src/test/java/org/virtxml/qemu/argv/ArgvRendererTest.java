package org.virtxml.qemu.argv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one place argv becomes text: quoting as libvirt's virBufferEscapeShell, environment order, value forms. */
class ArgvRendererTest {

    @Test
    void wordsAreQuotedOnlyWhenTheShellWouldSplitOrExpandThem() {
        CommandLine cmd = new CommandLine("/usr/bin/qemu-system-x86_64");
        cmd.add("-name", "guest=plain,debug-threads=on");
        cmd.add("-smbios", "type=0,version=6FET82WW (3.12 )");
        cmd.add("-append", "it's");
        cmd.add("-empty", "");
        cmd.add("-S");
        assertEquals("/usr/bin/qemu-system-x86_64 -name guest=plain,debug-threads=on"
                + " -smbios 'type=0,version=6FET82WW (3.12 )' -append 'it'\\''s' -empty '' -S\n",
                ArgvRenderer.render(cmd));
    }

    @Test
    void environmentKeepsFirstPositionWhenSetAgainAndQuotesOnlyTheValue() {
        CommandLine cmd = new CommandLine("/q");
        cmd.env("LC_ALL", "C");
        cmd.env("HOME", "/root");
        cmd.env("TZ", "Europe/Paris");
        cmd.env("HOME", "/var/lib/libvirt/qemu/domain--1-a b");
        assertEquals("LC_ALL=C HOME='/var/lib/libvirt/qemu/domain--1-a b' TZ=Europe/Paris /q\n",
                ArgvRenderer.render(cmd));
    }

    @Test
    void jsonValuesAreCompactAndInInsertionOrder() {
        CommandLine cmd = new CommandLine("/q");
        cmd.add("-device", Props.of("driver", "virtio-balloon-pci").str("id", "balloon0").str("absent", null)
                .positive("zero", 0).bool("deflate-on-oom", Boolean.TRUE).num("port", 16));
        assertEquals("/q -device '{\"driver\":\"virtio-balloon-pci\",\"id\":\"balloon0\",\"deflate-on-oom\":true,"
                + "\"port\":16}'\n", ArgvRenderer.render(cmd));
    }

    @Test
    void keyValueDoublesCommasInValuesButNotInRawParts() {
        KeyValue kv = KeyValue.of("socket").add("id", "charmonitor").add("path", "/tmp/a,b").raw("server=on")
                .onOff("wait", false);
        assertEquals("socket,id=charmonitor,path=/tmp/a,,b,server=on,wait=off", kv.text());
    }

    @Test
    void flatteningForQemusWithoutJsonUsesTheFirstMemberAsBareWord() {
        Props p = Props.of("driver", "usb-hub").str("id", "hub0").bool("on", true).value("nested",
                new Props().str("x", "1"));
        assertEquals("usb-hub,id=hub0,on=on,nested.x=1", BuildContext.flatten(p, "driver").text());
    }
}
