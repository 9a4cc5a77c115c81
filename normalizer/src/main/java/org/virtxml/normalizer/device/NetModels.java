package org.virtxml.normalizer.device;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NIC models libvirt knows by name (virDomainNetModel). Its parser matches them ignoring letter case and keeps
 * them in its own spelling ({@code ViRtIo} is {@code virtio}, {@code am79c973} is {@code Am79C973}); any other
 * model string is passed to QEMU as a device name, as written.
 */
public final class NetModels {
    private static final List<String> KNOWN = List.of("netfront", "rtl8139", "virtio", "e1000", "e1000e",
            "virtio-transitional", "virtio-non-transitional", "usb-net", "spapr-vlan", "lan9118", "scm91c111",
            "vlance", "vmxnet", "vmxnet2", "vmxnet3", "Am79C970A", "Am79C973", "82540EM", "82545EM", "82543GC");

    private static final Map<String, String> BY_LOWER_CASE = new HashMap<>();

    static {
        for (String m : KNOWN) {
            BY_LOWER_CASE.put(m.toLowerCase(Locale.ROOT), m);
        }
    }

    private NetModels() {
    }

    /** The model as libvirt keeps it: its own spelling for a name it knows, else as written (null stays null). */
    public static String canonical(String model) {
        if (model == null) {
            return null;
        }
        return BY_LOWER_CASE.getOrDefault(model.toLowerCase(Locale.ROOT), model);
    }

    /** Whether libvirt knows the model by name, in whatever letter case it is written. */
    public static boolean isKnown(String model) {
        return model != null && BY_LOWER_CASE.containsKey(model.toLowerCase(Locale.ROOT));
    }
}
