package org.virtxml.qemu.argv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;

/** The runtime paths of a real start reach the command line; without them the pretend paths stay. */
class RuntimePathsTest {
    private static final String DOMAIN = """
            <domain type='qemu'>
              <name>a-domain-with-a-rather-long-name</name>
              <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>
              <memory unit='KiB'>219136</memory>
              <currentMemory unit='KiB'>219136</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <os>
                <type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <controller type='pci' index='0' model='pci-root'/>
                <memballoon model='none'/>
              </devices>
            </domain>
            """;

    @Test
    void pretendPathsAreLibvirts() {
        String argv = new QemuArgv().render(DomainXml.parse(DOMAIN));
        assertTrue(argv.contains("HOME=/var/lib/libvirt/qemu/domain--1-a-domain-with-a-rath "), argv);
        assertTrue(argv.contains("path=/var/lib/libvirt/qemu/domain--1-a-domain-with-a-rath/monitor.sock,"), argv);
    }

    @Test
    void startPathsReplaceEveryRuntimePath() {
        Domain d = DomainXml.parse(DOMAIN);
        RuntimePaths paths = RuntimePaths.of("/run/x/domain-7-a", "/run/x/channel/domain-7-a", 7, d.getName());
        assertEquals("7-a-domain-with-a-rath", paths.pathName());
        String argv = ArgvRenderer.render(new QemuArgv().build(d, paths));
        assertTrue(argv.contains("HOME=/run/x/domain-7-a "), argv);
        assertTrue(argv.contains("\"file\":\"/run/x/domain-7-a/master-key.aes\""), argv);
        assertTrue(argv.contains("path=/run/x/domain-7-a/monitor.sock,"), argv);
        assertFalse(argv.contains("/var/lib/libvirt/qemu/domain-"), argv);
    }
}
