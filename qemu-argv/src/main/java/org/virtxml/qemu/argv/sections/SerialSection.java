package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsSpice;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSerialCommandLine}: per serial port its
 * {@code -chardev} ({@code charserialN}) and the device the target model names ({@code isa-serial} with its
 * {@code index}, {@code usb-serial}, {@code pci-serial}, ...), or {@code -serial chardev:...} for a port without
 * target type, which QEMU wires up itself. A spiceport backend is left out entirely when there is no SPICE
 * display to carry it.
 */
public final class SerialSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        boolean spice = false;
        for (DomainGraphics g : ctx.domain().getDevices().getGraphics()) {
            spice |= g instanceof DomainGraphicsSpice;
        }
        for (DomainSerial serial : ctx.domain().getDevices().getSerials()) {
            if (serial.getType() == DomainChardevType.SPICEPORT && !spice) {
                continue;
            }
            String alias = ctx.prepared().alias(serial);
            Chardevs.add(ctx, serial, "char" + alias);
            String model = model(serial);
            String targetType = serial.getTarget() == null ? null : serial.getTarget().getType();
            if (targetType == null || targetType.equals("none")) {
                // libvirt knows no device for it: QEMU attaches the port to the machine's own serial device
                checkCaps(ctx, model);
                ctx.add("-serial", "chardev:char" + alias);
                continue;
            }
            ctx.device(props(ctx, serial, alias, model));
        }
    }

    private static Props props(BuildContext ctx, DomainSerial serial, String alias, String model) {
        if (model == null || model.equals("pl011") || model.equals("16550a") || model.equals("none")) {
            throw new ArgvException("internal error: Invalid target model for serial device");
        }
        checkCaps(ctx, model);
        Props p = Props.of("driver", model).str("chardev", "char" + alias).str("id", alias);
        if (model.equals("isa-serial")) {
            Integer port = serial.getTarget().getPort();
            p.num("index", port == null ? 0 : port);
        }
        ctx.deviceProps().address(p, serial);
        return p;
    }

    /** Refuses target models the QEMU binary has no device for (qemuChrSerialTargetModelToCaps). */
    private static void checkCaps(BuildContext ctx, String model) {
        QemuCapability cap = model == null ? null : switch (model) {
            case "isa-serial" -> QemuCapability.DEVICE_ISA_SERIAL;
            case "usb-serial" -> QemuCapability.DEVICE_USB_SERIAL;
            case "pci-serial" -> QemuCapability.DEVICE_PCI_SERIAL;
            case "spapr-vty" -> QemuCapability.DEVICE_SPAPR_VTY;
            case "sclpconsole" -> QemuCapability.DEVICE_SCLPCONSOLE;
            case "sclplmconsole" -> QemuCapability.DEVICE_SCLPLMCONSOLE;
            case "pl011" -> QemuCapability.DEVICE_PL011;
            default -> null;
        };
        if (cap != null && !ctx.has(cap)) {
            throw new ArgvException("unsupported configuration: '" + model + "' is not supported in this QEMU binary");
        }
    }

    private static String model(DomainSerial serial) {
        if (serial.getTarget() == null || serial.getTarget().getModel() == null) {
            return null;
        }
        return serial.getTarget().getModel().getName();
    }
}
