package org.virtxml.qemu.argv;

/**
 * The firmware a started guest gets, after libvirt's {@code qemuFirmwareFillDomain}: the domain's own
 * {@code <loader>}/{@code <nvram>}, or what firmware autoselection picked from the host's descriptors.
 *
 * @param loaderType  {@code rom} or {@code pflash}, or null without a loader
 * @param loaderPath  the firmware image
 * @param readonly    the image is read-only
 * @param secure      flash writes restricted to SMM ({@code -global driver=cfi.pflash01,property=secure,...})
 * @param nvramPath   the local variable store, or null
 * @param nvramBlock  the local variable store is a block device ({@code host_device} rather than {@code file})
 * @param nvramNetwork the variable store is not a local file (a full storage source)
 * @param smm         the machine's {@code smm} switch after firmware selection ("on", "off", or null)
 */
public record Firmware(String loaderType, String loaderPath, boolean readonly, boolean secure, String nvramPath,
        boolean nvramBlock, boolean nvramNetwork, String smm) {

    static final String KEY = "firmware";

    /** Whether the firmware is a pflash pair written as {@code -blockdev}s (libvirt's old-style UEFI). */
    public boolean pflash() {
        return "pflash".equals(loaderType);
    }
}
