package org.virtxml.qemu.argv.frontend;

import org.virtxml.model.devices.DomainAddress;
import org.virtxml.model.devices.DomainAddressCcw;
import org.virtxml.model.devices.DomainAddressVirtioSerial;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;

/**
 * The devices of virtio-serial ports (libvirt's qemuBuildVirtioSerialPortDevProps): {@code virtserialport} for
 * channels, {@code virtconsole} for consoles, with the port's virtio-serial address, the chardev and, for
 * channels, the port name the guest sees (a spicevmc channel is always {@code com.redhat.spice.0}).
 */
public final class VirtioSerialPorts {

    private VirtioSerialPorts() {
    }

    /**
     * The {@code -device} of one port.
     *
     * @param channel    true for a channel, false for a console
     * @param type       the backend type
     * @param targetName the channel's target name, or null
     */
    public static Props props(BuildContext ctx, boolean channel, DomainChardevType type, String targetName,
            DomainAddress address, String alias) {
        if (address != null && !(address instanceof DomainAddressCcw)
                && !(address instanceof DomainAddressVirtioSerial)) {
            throw new ArgvException("internal error: virtio serial device has invalid address type");
        }
        if (channel && type == DomainChardevType.SPICEVMC && targetName != null
                && !targetName.equals("com.redhat.spice.0")) {
            throw new ArgvException("unsupported configuration: Unsupported spicevmc target name '" + targetName
                    + "'");
        }
        Props p = Props.of("driver", channel ? "virtserialport" : "virtconsole");
        ctx.deviceProps().address(p, address, null);
        String name = null;
        if (channel && (type == DomainChardevType.SPICEVMC || targetName != null)) {
            name = targetName != null ? targetName : "com.redhat.spice.0";
        }
        return p.str("chardev", "char" + alias).str("id", alias).str("name", name);
    }
}
