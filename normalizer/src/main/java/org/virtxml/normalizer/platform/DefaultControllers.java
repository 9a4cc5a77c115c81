package org.virtxml.normalizer.platform;

import org.virtxml.caps.QemuCapability;
import org.virtxml.caps.QemuCaps;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * The controllers a QEMU machine always has, added when the domain does not list them (the controller part of
 * qemuDomainDefAddDefaultDevices): the PCI root bus ({@code pci-root} on i440FX, {@code pcie-root} on q35, which
 * must then be of that model), the q35's built-in SATA controller, and a USB controller at index 0 — on q35 the
 * best USB model the emulator has (qemu-xhci, then nec-xhci, then ich9-ehci1 with its companions), elsewhere the
 * machine's default model, chosen later with the other controller defaults.
 */
public final class DefaultControllers implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices devices = ctx.devices();
        QemuCaps caps = ctx.caps();
        boolean addUsb = true;
        DomainControllerModel usbModel = null; // null: the machine's default, picked by ControllerDefaults
        boolean addSata = false;
        boolean addPciRoot = false;
        boolean addPcieRoot = false;
        String arch = ctx.arch();
        String machine = ctx.machine();
        switch (arch) {
            case "i686", "x86_64" -> {
                if (machine.equals("isapc")) {
                    addUsb = false;
                } else if (ctx.isQ35()) {
                    addPcieRoot = true;
                    addSata = true;
                    if (caps.has(QemuCapability.DEVICE_QEMU_XHCI)) {
                        usbModel = DomainControllerModel.QEMU_XHCI;
                    } else if (caps.has(QemuCapability.NEC_USB_XHCI)) {
                        usbModel = DomainControllerModel.NEC_XHCI;
                    } else if (caps.has(QemuCapability.ICH9_USB_EHCI1)) {
                        usbModel = DomainControllerModel.ICH9_EHCI1;
                    } else {
                        addUsb = false;
                    }
                } else if (ctx.isI440fx()) {
                    addPciRoot = true;
                }
            }
            // other architectures: only what decides which root bus they have (they are refused later, as
            // no profile here emulates them, but libvirt's post-parse runs first)
            case "alpha", "ppc", "ppcemb", "sh4", "sh4eb", "sparc64", "ppc64", "ppc64le" -> addPciRoot = true;
            case "armv6l", "armv7l", "aarch64", "riscv32", "riscv64", "s390", "s390x", "sparc" -> addUsb = false;
            default -> {
            }
        }
        if (addUsb && Controllers.find(devices, DomainControllerType.USB, 0) == null) {
            Controllers.addUsb(devices, 0, usbModel);
        }
        if (addSata) {
            Controllers.maybeAdd(devices, DomainControllerType.SATA, 0, null);
        }
        DomainController root = Controllers.find(devices, DomainControllerType.PCI, 0);
        if (addPciRoot) {
            requireRoot(root, DomainControllerModel.PCI_ROOT);
            if (root == null) {
                Controllers.add(devices, DomainControllerType.PCI, 0, DomainControllerModel.PCI_ROOT);
            }
        }
        if (addPcieRoot) {
            requireRoot(root, DomainControllerModel.PCIE_ROOT);
            if (root == null) {
                Controllers.add(devices, DomainControllerType.PCI, 0, DomainControllerModel.PCIE_ROOT);
            }
        }
    }

    /** The machine's root bus is fixed: a PCI controller at index 0 must be of the machine's root model. */
    private static void requireRoot(DomainController root, DomainControllerModel want) {
        if (root != null && root.getModel() != want) {
            throw NormalizeException.xmlError("The PCI controller with index='0' must be model='" + want.xml()
                    + "' for this machine type, but model='" + (root.getModel() == null ? "(null)" : root.getModel().xml())
                    + "' was found instead", root);
        }
    }
}
