package org.virtxml.qemu.argv;

import java.util.List;
import org.virtxml.caps.HostFacts;
import org.virtxml.caps.QemuCapability;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainClockTimer;
import org.virtxml.model.DomainClockTimerName;
import org.virtxml.model.DomainCpuFeature;
import org.virtxml.model.devices.DomainShmem;

/**
 * The platform part of libvirt's {@code qemuProcessStartValidate}, which runs before the preparation: I/O threads
 * need QEMU's iothread object, shmem names cannot contain '/', CPU features must be known to libvirt's CPU map,
 * and a requested TSC frequency must be within 250 ppm of the host's unless the host can scale it. (Graphics and
 * disk start checks belong to the front-end and storage preparation steps.)
 */
final class StartValidation implements PrepareStep {

    /** 250 parts per million, half of NTP's threshold. */
    private static final long TSC_TOLERANCE_PPM = 250;

    @Override
    public void prepare(Prepared p) {
        Domain d = p.domain();
        boolean iothreads = (d.getIothreads() != null && d.getIothreads() > 0)
                || (d.getIothreadids() != null && !d.getIothreadids().getIothreads().isEmpty());
        if (iothreads && !p.caps().has(QemuCapability.OBJECT_IOTHREAD)) {
            throw new ArgvException("unsupported configuration: IOThreads not supported for this QEMU");
        }
        if (d.getDevices() != null) {
            for (DomainShmem s : d.getDevices().getShmems()) {
                if (s.getName() != null && s.getName().contains("/")) {
                    throw new ArgvException("unsupported configuration: shmem name '" + s.getName()
                            + "' must not contain '/'", s);
                }
            }
        }
        List<String> known = p.caps().libvirtCpuMap().features();
        if (d.getCpu() != null && !known.isEmpty()) {
            for (DomainCpuFeature f : d.getCpu().getFeatures()) {
                if (!known.contains(f.getName())) {
                    throw new ArgvException("unsupported configuration: unknown CPU feature: " + f.getName(), f);
                }
            }
        }
        tsc(p);
    }

    private static void tsc(Prepared p) {
        long freq = 0;
        if (p.domain().getClock() != null) {
            for (DomainClockTimer t : p.domain().getClock().getTimers()) {
                if (t.getName() == DomainClockTimerName.TSC && t.getFrequency() != null && t.getFrequency() > 0) {
                    freq = t.getFrequency();
                    break;
                }
            }
        }
        HostFacts.Cpu host = p.caps().host().cpu();
        if (freq == 0 || host.tscFrequency() == null) {
            return;
        }
        long hostFreq = host.tscFrequency();
        long tolerance = hostFreq * TSC_TOLERANCE_PPM / 1_000_000;
        long min = hostFreq - tolerance;
        long max = hostFreq + tolerance;
        // outside the range is fine when the host scales TSC, and left to QEMU when nobody knows whether it can
        if ((freq >= min && freq <= max) || host.tscScaling() == null || host.tscScaling()) {
            return;
        }
        throw new ArgvException("unsupported configuration: Requested TSC frequency " + freq + " Hz is outside "
                + "tolerance range ([" + min + ", " + max + "] Hz) around host frequency " + hostFreq
                + " Hz and TSC scaling is not supported by the host CPU");
    }
}
