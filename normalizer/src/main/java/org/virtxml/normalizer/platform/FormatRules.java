package org.virtxml.normalizer.platform;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainCpu;
import org.virtxml.model.DomainCpuMatch;
import org.virtxml.model.DomainCpuMode;
import org.virtxml.model.DomainCpuModelFallback;
import org.virtxml.model.DomainFeatureState;
import org.virtxml.model.DomainFeatures;
import org.virtxml.model.DomainFeaturesCapabilitiesPolicy;
import org.virtxml.model.DomainFeaturesHyperv;
import org.virtxml.model.DomainFeaturesHypervMode;
import org.virtxml.model.OnOff;
import org.virtxml.normalizer.NormalizeContext;
import org.virtxml.normalizer.Stage;

/**
 * What libvirt's formatter prints of the domain-level parts it holds (virDomainDefFormatInternal), applied last:
 * the stages keep libvirt's internal state (a custom CPU, a fallback policy, ...); this stage turns it into the
 * attributes and elements libvirt writes, dropping what it does not write and spelling out the defaults it does.
 */
public final class FormatRules implements Stage {

    @Override
    public void apply(NormalizeContext ctx) {
        Domain d = ctx.domain();
        cpu(d);
        features(d);
        controllers(ctx);
        org.virtxml.normalizer.address.DeviceInfo.format(ctx.devices());
    }

    /**
     * Features as libvirt prints them: the switch features with their state ({@code on} when the element gave
     * none), {@code <smm>} with its state and its TSEG size only when on, {@code <hyperv>} with its mode (custom by
     * default) and each enlightenment's extra setting only when it is on, an {@code <ioapic>} without driver and
     * an {@code <hpt>} without settings not at all; an empty {@code <features>} is not printed.
     */
    private static void features(Domain d) {
        DomainFeatures f = d.getFeatures();
        if (f == null) {
            return;
        }
        for (DomainFeatureState st : new DomainFeatureState[] {f.getHap(), f.getPmu(), f.getVmport(),
            f.getPvspinlock(), f.getVmcoreinfo()}) {
            if (st != null && st.getState() == null) {
                st.setState(OnOff.ON);
            }
        }
        if (f.getSmm() != null) {
            if (f.getSmm().getState() == null) {
                f.getSmm().setState(OnOff.ON);
            }
            if (f.getSmm().getState() != OnOff.ON) {
                f.getSmm().setTseg(null);
            }
        }
        DomainFeaturesHyperv h = f.getHyperv();
        if (h != null) {
            if (h.getMode() == null) {
                h.setMode(DomainFeaturesHypervMode.CUSTOM);
            }
            if (h.getSpinlocks() != null && h.getSpinlocks().getState() != OnOff.ON) {
                h.getSpinlocks().setRetries(null);
            }
            if (h.getStimer() != null && (h.getStimer().getState() != OnOff.ON || (h.getStimer().getDirect() != null
                    && h.getStimer().getDirect().getState() != OnOff.ON))) {
                h.getStimer().setDirect(null);
            }
            if (h.getVendorId() != null && h.getVendorId().getState() != OnOff.ON) {
                h.getVendorId().setValue(null);
            }
        }
        if (f.getKvm() != null && f.getKvm().getDirtyRing() != null
                && f.getKvm().getDirtyRing().getState() != OnOff.ON) {
            f.getKvm().getDirtyRing().setSize(null);
        }
        if (f.getIoapic() != null && f.getIoapic().getDriver() == null) {
            f.setIoapic(null);
        }
        if (f.getHpt() != null && f.getHpt().getResizing() == null && (f.getHpt().getMaxpagesize() == null
                || f.getHpt().getMaxpagesize().getValue() == null || f.getHpt().getMaxpagesize().getValue() == 0)) {
            f.setHpt(null);
        }
        if (f.getCapabilities() != null && f.getCapabilities().getPolicy() == null) {
            // printed with the default policy as soon as it names a capability
            f.getCapabilities().setPolicy(DomainFeaturesCapabilitiesPolicy.DEFAULT);
        }
        if (f.getAcpi() == null && f.getApic() == null && f.getPae() == null && f.getHap() == null
                && f.getViridian() == null && f.getPrivnet() == null && h == null && f.getKvm() == null
                && f.getPvspinlock() == null && f.getCapabilities() == null && f.getPmu() == null
                && f.getVmport() == null && f.getGic() == null && f.getSmm() == null && f.getIoapic() == null
                && f.getHpt() == null && f.getVmcoreinfo() == null && f.getHtm() == null && f.getNestedHv() == null
                && f.getMsrs() == null && f.getCcfAssist() == null && f.getXen() == null && f.getCfpc() == null
                && f.getSbbc() == null && f.getIbs() == null && f.getTcg() == null && f.getOtherElements().isEmpty()) {
            d.setFeatures(null);
        }
    }

    /** A controller's {@code <driver>} and {@code <target>} are printed only when they say something. */
    private static void controllers(NormalizeContext ctx) {
        for (org.virtxml.model.devices.DomainController c : ctx.devices().getControllers()) {
            org.virtxml.model.devices.DomainControllerDriver drv = c.getDriver();
            if (drv != null) {
                if (drv.getQueues() != null && drv.getQueues() == 0) {
                    drv.setQueues(null);
                }
                if (drv.getCmdPerLun() != null && drv.getCmdPerLun() == 0) {
                    drv.setCmdPerLun(null);
                }
                if (drv.getMaxSectors() != null && drv.getMaxSectors() == 0) {
                    drv.setMaxSectors(null);
                }
                if (drv.getIothread() != null && drv.getIothread() == 0) {
                    drv.setIothread(null);
                }
                if (drv.getQueues() == null && drv.getCmdPerLun() == null && drv.getMaxSectors() == null
                        && drv.getIoeventfd() == null && drv.getIothread() == null && drv.getIommu() == null
                        && drv.getAts() == null && drv.getPacked() == null && drv.getPagePerVq() == null
                        && !drv.hasOtherAttributes()) {
                    c.setDriver(null);
                }
            }
            org.virtxml.model.devices.DomainControllerTarget t = c.getTarget();
            if (t != null && t.getChassisNr() == null && t.getChassis() == null && t.getPort() == null
                    && t.getBusNr() == null && t.getIndex() == null && t.getHotplug() == null && t.getNode() == null
                    && !t.hasOtherAttributes()) {
                c.setTarget(null);
            }
        }
    }

    /**
     * A guest CPU's attributes are written only when it names a model or is not custom (a topology alone prints
     * none); {@code match} only for custom CPUs ({@code exact} by default), {@code migratable} only for
     * host-passthrough and maximum. Only custom and host-model CPUs print a {@code <model>}, and only when it has a
     * name or a vendor id; its fallback ({@code allow} by default) only with a name. An element left empty is not
     * printed at all.
     */
    private static void cpu(Domain d) {
        DomainCpu cpu = d.getCpu();
        if (cpu == null) {
            return;
        }
        DomainCpuMode mode = cpu.getMode() == null ? DomainCpuMode.CUSTOM : cpu.getMode();
        String model = DefaultCpu.modelName(cpu);
        if (mode != DomainCpuMode.CUSTOM || model != null) {
            cpu.setMode(mode);
            if (mode == DomainCpuMode.CUSTOM) {
                if (cpu.getMatch() == null) {
                    cpu.setMatch(DomainCpuMatch.EXACT);
                }
            } else {
                cpu.setMatch(null);
            }
            if (mode != DomainCpuMode.HOST_PASSTHROUGH && mode != DomainCpuMode.MAXIMUM) {
                cpu.setMigratable(null);
            }
        } else {
            cpu.setMode(null);
            cpu.setMatch(null);
            cpu.setCheck(null);
            cpu.setMigratable(null);
        }
        boolean formatModel = mode == DomainCpuMode.CUSTOM || mode == DomainCpuMode.HOST_MODEL;
        if (cpu.getModel() != null) {
            if (!formatModel || (model == null && cpu.getModel().getVendorId() == null)) {
                cpu.setModel(null);
            } else if (model != null) {
                cpu.getModel().setValue(model);
                if (cpu.getModel().getFallback() == null) {
                    cpu.getModel().setFallback(DomainCpuModelFallback.ALLOW);
                }
            } else {
                cpu.getModel().setFallback(null);
                cpu.getModel().setValue(null);
            }
        }
        if (!formatModel) {
            cpu.setVendor(null);
        }
        if (cpu.getTopology() != null && (cpu.getTopology().getSockets() == null
                || cpu.getTopology().getCores() == null || cpu.getTopology().getThreads() == null)) {
            cpu.setTopology(null);
        }
        if (cpu.getMode() == null && cpu.getModel() == null && cpu.getVendor() == null && cpu.getTopology() == null
                && cpu.getCache() == null && cpu.getMaxphysaddr() == null && cpu.getFeatures().isEmpty()
                && cpu.getNuma() == null && cpu.getOtherElements().isEmpty()) {
            d.setCpu(null);
        }
    }
}
