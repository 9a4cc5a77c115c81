package org.virtxml.qemu.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.qemu.store.DomainException;

/** Which backend each interface gets, and how -netdev options are rewritten to it. */
class NetPlumbingTest {
    private static Domain withInterfaces(String interfaces) {
        return DomainXml.parse("<domain type='qemu'><name>n</name><memory>65536</memory>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>" + interfaces + "</devices></domain>");
    }

    @Test
    void userNetworkingNeedsNothing() throws Exception {
        List<NetPlumbing.Nic> plan = NetPlumbing.plan(withInterfaces(
                "<interface type='user'><mac address='52:54:00:AA:00:01'/></interface>"), 3, false, false);
        assertEquals(List.of(new NetPlumbing.Nic("52:54:00:aa:00:01", NetPlumbing.Kind.USER, null, null)), plan);
    }

    @Test
    void aMissingBridgeIsRefusedUnlessUserNetIsAsked() throws Exception {
        Domain d = withInterfaces("<interface type='bridge'><mac address='52:54:00:aa:00:02'/>"
                + "<source bridge='no-such-br0'/></interface>");
        DomainException e = assertThrows(DomainException.class, () -> NetPlumbing.plan(d, 1, false, true));
        assertEquals("interface 1 (bridge 'no-such-br0'): bridge 'no-such-br0' does not exist on this host; use "
                + "--user-net for user-mode networking instead", e.getMessage());
        assertEquals(NetPlumbing.Kind.USER, NetPlumbing.plan(d, 1, true, false).get(0).kind());
    }

    @Test
    void anUnknownNetworkIsRefusedWithTheWayOut() {
        Domain d = withInterfaces("<interface type='network'><mac address='52:54:00:aa:00:03'/>"
                + "<source network='virtxml-test-no-such-network'/></interface>");
        DomainException e = assertThrows(DomainException.class, () -> NetPlumbing.plan(d, 1, false, true));
        assertTrue(e.getMessage().contains("no bridge found for the network"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use --user-net for user-mode networking instead"), e.getMessage());
    }

    @Test
    void interfacesNeedingLibvirtsHelpersAreRefused() {
        Domain d = withInterfaces("<interface type='direct'><mac address='52:54:00:aa:00:04'/>"
                + "<source dev='eth0' mode='bridge'/></interface>");
        DomainException e = assertThrows(DomainException.class, () -> NetPlumbing.plan(d, 1, false, true));
        assertTrue(e.getMessage().startsWith("interface 1: interfaces of type 'direct' need libvirt's helpers"),
                e.getMessage());
    }

    @Test
    void rewritesEachNetdevByItsNicsMac() throws Exception {
        List<String> args = List.of("-netdev", "{\"type\":\"tap\",\"fd\":\"27\",\"id\":\"hostnet0\"}",
                "-device", "{\"driver\":\"virtio-net-pci\",\"netdev\":\"hostnet0\",\"id\":\"net0\","
                        + "\"mac\":\"52:54:00:AA:00:01\",\"bus\":\"pci.0\",\"addr\":\"0x3\"}",
                "-netdev", "tap,fd=28,id=hostnet1",
                "-device",
                "{\"driver\":\"e1000\",\"netdev\":\"hostnet1\",\"id\":\"net1\",\"mac\":\"52:54:00:aa:00:02\"}");
        List<NetPlumbing.Nic> plan = List.of(
                new NetPlumbing.Nic("52:54:00:aa:00:02", NetPlumbing.Kind.NEW_TAP, "vxml4n1", "br0"),
                new NetPlumbing.Nic("52:54:00:aa:00:01", NetPlumbing.Kind.USER, null, null));
        List<String> out = NetPlumbing.rewrite(args, plan);
        assertEquals("{\"type\":\"user\",\"id\":\"hostnet0\"}", out.get(1));
        assertEquals("tap,ifname=vxml4n1,script=no,downscript=no,id=hostnet1", out.get(5));
        assertEquals(args.get(3), out.get(3), "devices stay as built");
    }

    @Test
    void tapNamesFitInAnInterfaceName() {
        assertEquals("vxml12n0", TapDevices.name(12, 0));
        assertTrue(TapDevices.name(Integer.MAX_VALUE - 1, 31).length() <= TapDevices.IFNAMSIZ_MAX);
    }
}
