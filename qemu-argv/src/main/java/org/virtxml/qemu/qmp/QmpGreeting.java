package org.virtxml.qemu.qmp;

import java.util.List;

/**
 * The greeting QEMU sends when a client connects: its version and the optional protocol capabilities it offers.
 *
 * @param major        QEMU major version
 * @param minor        QEMU minor version
 * @param micro        QEMU micro version
 * @param packageName  the distribution package string (may be empty)
 * @param capabilities offered capabilities such as {@code oob}
 */
public record QmpGreeting(int major, int minor, int micro, String packageName, List<String> capabilities) {

    /** The version as libvirt encodes it: major * 1,000,000 + minor * 1,000 + micro. */
    public long versionNumber() {
        return major * 1_000_000L + minor * 1_000L + micro;
    }
}
