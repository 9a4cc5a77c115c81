package org.virtxml.caps;

/**
 * QEMU's version as {@code query-version} reports it.
 *
 * @param major       major version
 * @param minor       minor version
 * @param micro       micro version (Debian's 7.2 packages report 7.2.22)
 * @param packageName the distribution package string, e.g. {@code Debian 1:7.2+dfsg-7+deb12u18+b3}
 */
public record QemuVersion(int major, int minor, int micro, String packageName) {

    /** libvirt's encoding: major * 1,000,000 + minor * 1,000 + micro (7.2.22 is 7002022). */
    public long number() {
        return major * 1_000_000L + minor * 1_000L + micro;
    }

    /** True when this version is at least {@code major.minor.micro}. */
    public boolean atLeast(int maj, int min, int mic) {
        return number() >= maj * 1_000_000L + min * 1_000L + mic;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
