package org.virtxml.qemu.argv.sections;

import org.virtxml.model.devices.DomainInput;
import org.virtxml.model.devices.DomainInputBus;
import org.virtxml.model.devices.DomainInputSource;
import org.virtxml.model.devices.DomainVirtioDriver;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The part of the command line libvirt builds in {@code qemuBuildInputCommandLine}: USB tablets, mice and
 * keyboards, their virtio counterparts and virtio input passthrough as {@code -device}, host evdev passthrough as
 * an {@code input-linux} object. PS/2 devices are part of the machine and get nothing.
 */
public final class InputSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        for (DomainInput input : ctx.domain().getDevices().getInputs()) {
            String alias = ctx.prepared().alias(input);
            DomainInputSource src = input.getSource();
            if (input.getType() == org.virtxml.model.devices.DomainInputType.EVDEV) {
                ctx.object(evdev(alias, src));
                continue;
            }
            DomainInputBus bus = input.getBus() == null ? DomainInputBus.PS2 : input.getBus();
            switch (bus) {
                case USB -> {
                    Props p = Props.of("driver", usbDriver(input)).str("id", alias);
                    ctx.deviceProps().address(p, input);
                    ctx.device(p);
                }
                case VIRTIO -> {
                    Props p = ctx.deviceProps().virtio(virtioBase(input), input.getAddress(), null,
                            options(input.getDriver()), true);
                    p.str("id", alias);
                    if (input.getType() == org.virtxml.model.devices.DomainInputType.PASSTHROUGH && src != null) {
                        p.str("evdev", src.getEvdev());
                    }
                    ctx.deviceProps().address(p, input);
                    ctx.device(p);
                }
                case PS2, XEN, PARALLELS, NONE -> {
                }
            }
        }
    }

    /**
     * A host input device read by QEMU (input-linux): whether it grabs every device on toggle, key repeat and
     * the key combination that moves the grab between host and guest.
     */
    private static Props evdev(String alias, DomainInputSource src) {
        Props p = Props.object("input-linux", alias).str("evdev", src == null ? null : src.getDev());
        if (src != null) {
            p.bool("repeat", DeviceProps.onOff(src.getRepeat()));
            if ("all".equals(src.getGrab())) {
                p.bool("grab_all", true);
            }
            if (src.getGrabToggle() != null && !"default".equals(src.getGrabToggle())) {
                p.str("grab-toggle", src.getGrabToggle());
            }
        }
        return p;
    }

    private static String usbDriver(DomainInput input) {
        return switch (input.getType()) {
            case MOUSE -> "usb-mouse";
            case TABLET -> "usb-tablet";
            case KEYBOARD -> "usb-kbd";
            case PASSTHROUGH, EVDEV -> null;
        };
    }

    private static String virtioBase(DomainInput input) {
        return switch (input.getType()) {
            case MOUSE -> "virtio-mouse";
            case TABLET -> "virtio-tablet";
            case KEYBOARD -> "virtio-keyboard";
            case PASSTHROUGH -> "virtio-input-host";
            case EVDEV -> null;
        };
    }

    private static DeviceProps.VirtioOptions options(DomainVirtioDriver d) {
        return d == null ? DeviceProps.VirtioOptions.NONE
                : new DeviceProps.VirtioOptions(d.getIommu(), d.getAts(), d.getPacked(), d.getPagePerVq());
    }
}
