package org.virtxml.normalizer.platform;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClock;
import org.virtxml.model.DomainClockBasis;
import org.virtxml.model.DomainClockOffset;
import org.virtxml.model.DomainCpuPlacement;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.model.DomainOs;
import org.virtxml.model.DomainOsType;
import org.virtxml.model.DomainVcpu;
import org.virtxml.model.devices.DomainController;
import org.virtxml.model.devices.DomainControllerModel;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.NormalizeException;
import org.virtxml.normalizer.Stage;

/**
 * What libvirt's parser itself does to the domain-level parts, before any post-parse callback: the values it
 * stores when an element is absent (they are printed back), the forms it converts to, the order it keeps
 * controllers in, and the inputs it refuses while parsing.
 */
public final class ParseRules implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        // an inactive definition is printed without the id of a running domain
        d.setId(null);
        os(d);
        vcpu(d);
        lifecycle(d);
        clock(d);
        controllers(ctx.devices());
        // the parser adds the SCSI controllers of addressed SCSI host devices as it reads them
        ImplicitControllers.hostdevScsi(ctx.devices());
    }

    /** The guest architecture defaults to the host's (x86_64 here). */
    private static void os(Domain d) {
        if (d.getOs() == null) {
            d.setOs(new DomainOs());
        }
        if (d.getOs().getType() == null) {
            d.getOs().setType(new DomainOsType());
        }
        if (d.getOs().getType().getArch() == null) {
            d.getOs().getType().setArch("x86_64");
        }
    }

    /**
     * One vCPU unless told otherwise, placed statically; {@code current} is kept only while it is below the
     * maximum (libvirt prints it only when some vCPUs are offline).
     */
    private static void vcpu(Domain d) {
        DomainVcpu v = d.getVcpu();
        if (v == null) {
            v = new DomainVcpu();
            v.setValue(1);
            d.setVcpu(v);
        }
        if (v.getValue() == null) {
            v.setValue(1);
        }
        if (v.getPlacement() == null) {
            v.setPlacement(DomainCpuPlacement.STATIC);
        }
        if (v.getPlacement() == DomainCpuPlacement.AUTO) {
            // with automatic placement libvirt ignores a cpuset
            v.setCpuset(null);
        }
        if (v.getCurrent() != null && v.getCurrent() >= v.getValue()) {
            v.setCurrent(null);
        }
        if (d.getNumatune() != null && d.getNumatune().getMemory() != null
                && d.getNumatune().getMemory().getPlacement() == DomainCpuPlacement.AUTO
                && v.getCpuset() == null && !hasPinning(d)) {
            // automatic NUMA placement without any pinning makes the vCPU placement automatic too
            v.setPlacement(DomainCpuPlacement.AUTO);
        }
    }

    private static boolean hasPinning(Domain d) {
        if (d.getCputune() == null) {
            return false;
        }
        return !d.getCputune().getVcpupins().isEmpty() || d.getCputune().getEmulatorpin() != null
                || !d.getCputune().getIothreadpins().isEmpty();
    }

    /** Power off and crash destroy the guest, a reboot restarts it, unless the domain says otherwise. */
    private static void lifecycle(Domain d) {
        if (d.getOnPoweroff() == null) {
            d.setOnPoweroff(DomainLifecycleAction.DESTROY);
        }
        if (d.getOnReboot() == null) {
            d.setOnReboot(DomainLifecycleAction.RESTART);
        }
        if (d.getOnCrash() == null) {
            d.setOnCrash(DomainLifecycleAction.DESTROY);
        }
    }

    /**
     * The clock is UTC unless told otherwise. A numeric adjustment of a UTC or localtime clock makes it a variable
     * clock with that basis; a variable clock always has an adjustment (0) and a basis (utc).
     */
    private static void clock(Domain d) {
        DomainClock c = d.getClock();
        if (c == null) {
            c = new DomainClock();
            d.setClock(c);
        }
        if (c.getOffset() == null) {
            c.setOffset(DomainClockOffset.UTC);
        }
        switch (c.getOffset()) {
            case UTC, LOCALTIME -> {
                String adj = c.getAdjustment();
                if (adj != null && !adj.equals("reset")) {
                    c.setBasis(c.getOffset() == DomainClockOffset.UTC ? DomainClockBasis.UTC
                            : DomainClockBasis.LOCALTIME);
                    c.setOffset(DomainClockOffset.VARIABLE);
                    c.setAdjustment(Long.toString(Long.parseLong(adj.trim())));
                } else {
                    c.setBasis(null);
                }
                c.setTimezone(null);
                c.setStart(null);
            }
            case VARIABLE -> {
                c.setAdjustment(Long.toString(parseLongOrZero(c.getAdjustment())));
                if (c.getBasis() == null) {
                    c.setBasis(DomainClockBasis.UTC);
                }
                c.setTimezone(null);
                c.setStart(null);
            }
            case TIMEZONE -> {
                c.setAdjustment(null);
                c.setBasis(null);
                c.setStart(null);
            }
            case ABSOLUTE -> {
                c.setAdjustment(null);
                c.setBasis(null);
                c.setTimezone(null);
            }
        }
    }

    private static long parseLongOrZero(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Controllers are kept grouped by type in index order; a USB controller of model {@code none} disables USB, so
     * no other USB controller may be given with it, and USB companions need a master.
     */
    private static void controllers(DomainDevices devices) {
        List<DomainController> parsed = new ArrayList<>(devices.getControllers());
        boolean usbNone = false;
        boolean usbOther = false;
        boolean usbMaster = false;
        List<DomainController> sorted = new ArrayList<>();
        for (DomainController c : parsed) {
            if (c.getType() == DomainControllerType.USB) {
                if (c.getModel() == DomainControllerModel.NONE) {
                    if (usbOther || usbNone) {
                        throw new NormalizeException(
                                "Can't add another USB controller: USB is disabled for this domain", c);
                    }
                    usbNone = true;
                } else {
                    if (usbNone) {
                        throw new NormalizeException(
                                "Can't add another USB controller: USB is disabled for this domain", c);
                    }
                    usbOther = true;
                }
                if (c.getMaster() == null) {
                    usbMaster = true;
                }
            }
            Controllers.insertSorted(sorted, c);
        }
        if (usbOther && !usbMaster) {
            throw new NormalizeException("No master USB controller specified");
        }
        devices.getControllers().clear();
        devices.getControllers().addAll(sorted);
    }
}
