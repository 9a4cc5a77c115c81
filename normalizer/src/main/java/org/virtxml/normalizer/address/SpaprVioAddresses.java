package org.virtxml.normalizer.address;

import org.virtxml.model.devices.DomainAddressSpaprVio;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevice;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainInterface;
import org.virtxml.model.devices.DomainSerial;
import org.virtxml.model.devices.DomainTpm;
import org.virtxml.model.devices.DomainTpmModel;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * PAPR VIO addresses (qemuDomainAssignSpaprVIOAddresses): the devices that can only be VIO devices (spapr-vlan
 * NICs, ibmvscsi controllers, spapr-vio serial ports, and on pSeries the NVRAM and TPM) get a VIO address, and
 * every VIO address without a register gets QEMU's default for its kind (NIC 0x1000, SCSI 0x2000, NVRAM 0x3000,
 * TPM 0x4000, serial 0x30000000), moved up in steps of 0x1000 past registers already taken.
 */
public final class SpaprVioAddresses implements Stage {
    private static final long NET = 0x1000L;
    private static final long SCSI = 0x2000L;
    private static final long SERIAL = 0x30000000L;
    private static final long NVRAM = 0x3000L;
    private static final long TPM = 0x4000L;

    @Override
    public void apply(NormalizeContext ctx) {
        DomainDevices devices = ctx.devices();
        boolean pseries = ctx.arch().startsWith("ppc64") && ctx.machine() != null
                && (ctx.machine().equals("pseries") || ctx.machine().startsWith("pseries-"));
        for (DomainInterface n : devices.getInterfaces()) {
            if (n.getModel() != null && "spapr-vlan".equalsIgnoreCase(n.getModel().getType())
                    && !(n.getAddress() instanceof DomainAddressSpaprVio)) {
                n.setAddress(new DomainAddressSpaprVio());
            }
            assign(devices, n, NET);
        }
        for (DomainController c : devices.getControllers()) {
            if (c.getType() == DomainControllerType.SCSI && c.getModel() == DomainControllerModel.IBMVSCSI
                    && !(c.getAddress() instanceof DomainAddressSpaprVio)) {
                c.setAddress(new DomainAddressSpaprVio());
            }
            assign(devices, c, SCSI);
        }
        for (DomainSerial s : devices.getSerials()) {
            if (s.getTarget() != null && "spapr-vio-serial".equals(s.getTarget().getType())
                    && !(s.getAddress() instanceof DomainAddressSpaprVio)) {
                s.setAddress(new DomainAddressSpaprVio());
            }
            assign(devices, s, SERIAL);
        }
        if (devices.getNvram() != null) {
            if (pseries && !(devices.getNvram().getAddress() instanceof DomainAddressSpaprVio)) {
                devices.getNvram().setAddress(new DomainAddressSpaprVio());
            }
            assign(devices, devices.getNvram(), NVRAM);
        }
        for (DomainTpm t : devices.getTpms()) {
            if (t.getModel() != DomainTpmModel.SPAPR_TPM_PROXY && pseries
                    && !(t.getAddress() instanceof DomainAddressSpaprVio)) {
                t.setAddress(new DomainAddressSpaprVio());
            }
            assign(devices, t, TPM);
        }
    }

    private static void assign(DomainDevices devices, DomainDevice dev, long defaultReg) {
        if (!(dev.getAddress() instanceof DomainAddressSpaprVio a)) {
            return;
        }
        boolean userReg = a.getReg() != null && a.getReg() != 0;
        if (!userReg) {
            a.setReg(defaultReg);
        }
        while (taken(devices, dev, a.getReg())) {
            if (userReg) {
                throw NormalizeException.xmlError(String.format("spapr-vio address %#x already in use", a.getReg()),
                        dev);
            }
            a.setReg(a.getReg() + 0x1000L);
        }
    }

    private static boolean taken(DomainDevices devices, DomainDevice self, long reg) {
        for (DomainDevice d : devices.all()) {
            if (d != self && d.getAddress() instanceof DomainAddressSpaprVio o && o.getReg() != null
                    && o.getReg() != 0 && o.getReg() == reg) {
                return true;
            }
        }
        return false;
    }
}
