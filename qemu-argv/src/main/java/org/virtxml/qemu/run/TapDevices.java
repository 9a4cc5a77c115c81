package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tap devices for bridged guest interfaces, made with iproute2's {@code ip}. libvirt opens {@code /dev/net/tun}
 * itself and passes QEMU the file descriptor; a JVM can neither issue {@code TUNSETIFF} nor hand a child an extra
 * descriptor, so virtxml creates a persistent tap with {@code ip tuntap add}, enslaves it to the bridge, and lets
 * QEMU open it by name ({@code -netdev tap,ifname=...,script=no,downscript=no}). The tap is deleted when the domain
 * stops. Needs root (CAP_NET_ADMIN).
 */
public final class TapDevices {
    /** Linux interface names are at most 15 bytes. */
    static final int IFNAMSIZ_MAX = 15;

    private TapDevices() {
    }

    /** Whether {@code name} is an existing Linux bridge. */
    public static boolean bridgeExists(String name) {
        return name != null && !name.contains("/") && Files.isDirectory(Path.of("/sys/class/net", name, "bridge"));
    }

    /** Whether a network interface of that name exists. */
    public static boolean exists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /** The tap name for interface {@code index} of domain {@code id}: {@code vxml<ID>n<INDEX>}. */
    static String name(int id, int index) {
        String n = "vxml" + id + "n" + index;
        if (n.length() > IFNAMSIZ_MAX) {
            n = "vx" + Integer.toHexString(id) + "n" + index;
        }
        return n;
    }

    /** Creates tap {@code tap} (vnet headers on, for virtio), attaches it to {@code bridge} and brings it up. */
    static void createOnBridge(String tap, String bridge) throws IOException {
        if (exists(tap)) {
            // a leftover of a run whose cleanup never happened
            delete(tap);
        }
        ip("tuntap", "add", "dev", tap, "mode", "tap", "vnet_hdr");
        try {
            if (bridge != null) {
                ip("link", "set", "dev", tap, "master", bridge);
            }
            ip("link", "set", "dev", tap, "up");
        } catch (IOException e) {
            delete(tap);
            throw e;
        }
    }

    /** Deletes a tap device; nothing when it is already gone. */
    static void delete(String tap) throws IOException {
        if (exists(tap)) {
            ip("link", "delete", "dev", tap);
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted running " + String.join(" ", cmd), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
