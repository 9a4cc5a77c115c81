package org.virtxml.normalizer.platform;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainCputune;
import org.virtxml.model.DomainCputuneIothreadpin;
import org.virtxml.model.DomainCputuneIothreadsched;
import org.virtxml.model.DomainCputuneSched;
import org.virtxml.model.DomainCputuneVcpupin;
import org.virtxml.model.DomainCputuneVcpusched;
import org.virtxml.model.DomainIothreadids;
import org.virtxml.model.DomainIothreadidsIothread;
import org.virtxml.model.DomainSchedPolicy;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.normalizer.NormalizeException;

/**
 * I/O threads and CPU tuning as libvirt's parser stores them (virDomainDefParseIOThreads,
 * virDomainDefTunablesParse): the I/O thread count covers the listed ids, missing ids are filled in from 1 up and
 * the list, once given, is printed in full; pins and scheduler settings are kept per vCPU and per I/O thread and
 * printed back one per thread in vCPU and thread order.
 */
final class Tunables {
    private Tunables() {
    }

    static void iothreads(Domain d) {
        int count = d.getIothreads() == null ? 0 : d.getIothreads();
        List<DomainIothreadidsIothread> ids = d.getIothreadids() == null ? List.of()
                : d.getIothreadids().getIothreads();
        if (ids.size() > count) {
            count = ids.size();
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (DomainIothreadidsIothread t : ids) {
            if (t.getId() == null || t.getId() == 0) {
                throw NormalizeException.xmlError("Invalid value for attribute 'id' in element 'iothread': '"
                        + (t.getId() == null ? "" : t.getId()) + "'. Expected non-zero value", t);
            }
            if (!seen.add(t.getId())) {
                throw NormalizeException.xmlError("duplicate iothread id '" + t.getId() + "' found", t);
            }
        }
        d.setIothreads(count == 0 ? null : count);
        if (ids.isEmpty()) {
            d.setIothreadids(null);
            return;
        }
        // the ids the domain leaves out are the lowest free ones from 1
        int next = 1;
        List<DomainIothreadidsIothread> full = new ArrayList<>(ids);
        while (full.size() < count) {
            while (seen.contains(next)) {
                next++;
            }
            DomainIothreadidsIothread t = new DomainIothreadidsIothread();
            t.setId(next);
            seen.add(next);
            full.add(t);
        }
        DomainIothreadids list = d.getIothreadids();
        list.getIothreads().clear();
        list.getIothreads().addAll(full);
    }

    /** The I/O thread ids in libvirt's order: the listed ones, then the filled-in ones (1, 2, ...). */
    static List<Integer> iothreadIds(Domain d) {
        List<Integer> out = new ArrayList<>();
        if (d.getIothreadids() != null) {
            for (DomainIothreadidsIothread t : d.getIothreadids().getIothreads()) {
                out.add(t.getId());
            }
        }
        int count = d.getIothreads() == null ? 0 : d.getIothreads();
        java.util.Set<Integer> taken = new java.util.HashSet<>(out);
        int next = 1;
        while (out.size() < count) {
            while (taken.contains(next)) {
                next++;
            }
            out.add(next);
            taken.add(next);
        }
        return out;
    }

    static void cputune(Domain d) {
        DomainCputune ct = d.getCputune();
        if (ct == null) {
            return;
        }
        int max = Vcpus.max(d);
        List<Integer> iothreads = iothreadIds(d);
        // vcpupin: one per vCPU, vCPUs beyond the maximum are ignored
        String[] vcpuPins = new String[max];
        for (DomainCputuneVcpupin p : ct.getVcpupins()) {
            int vcpu = p.getVcpu() == null ? 0 : p.getVcpu();
            if (vcpu >= max) {
                continue;
            }
            if (p.getCpuset() == null) {
                throw NormalizeException.internal("missing cpuset for vcpupin", p);
            }
            if (vcpuPins[vcpu] != null) {
                throw NormalizeException.internal("duplicate vcpupin for vcpu '" + vcpu + "'", p);
            }
            vcpuPins[vcpu] = cpuset(p.getCpuset(), p);
        }
        ct.getVcpupins().clear();
        for (int i = 0; i < max; i++) {
            if (vcpuPins[i] != null) {
                DomainCputuneVcpupin p = new DomainCputuneVcpupin();
                p.setVcpu(i);
                p.setCpuset(vcpuPins[i]);
                ct.getVcpupins().add(p);
            }
        }
        if (ct.getEmulatorpin() != null && ct.getEmulatorpin().getCpuset() != null) {
            ct.getEmulatorpin().setCpuset(cpuset(ct.getEmulatorpin().getCpuset(), ct.getEmulatorpin()));
        }
        Map<Integer, String> ioPins = new LinkedHashMap<>();
        for (DomainCputuneIothreadpin p : ct.getIothreadpins()) {
            int id = p.getIothread() == null ? 0 : p.getIothread();
            if (!iothreads.contains(id)) {
                throw NormalizeException.unsupported("Cannot find 'iothread' : " + id, p);
            }
            if (p.getCpuset() == null) {
                throw NormalizeException.internal("missing cpuset for iothreadpin", p);
            }
            String cs = cpuset(p.getCpuset(), p);
            if (ioPins.containsKey(id)) {
                throw NormalizeException.internal("duplicate iothreadpin for same iothread '" + id + "'", p);
            }
            ioPins.put(id, cs);
        }
        ct.getIothreadpins().clear();
        for (int id : iothreads) {
            if (ioPins.containsKey(id)) {
                DomainCputuneIothreadpin p = new DomainCputuneIothreadpin();
                p.setIothread(id);
                p.setCpuset(ioPins.get(id));
                ct.getIothreadpins().add(p);
            }
        }
        // scheduler settings, one per thread
        DomainCputuneVcpusched[] vs = new DomainCputuneVcpusched[max];
        for (DomainCputuneVcpusched s : ct.getVcpuscheds()) {
            BitSet ids = schedIds(s.getVcpus(), "vcpus", "vcpusched", s);
            policy(s.getScheduler(), s);
            for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
                if (id >= max) {
                    throw NormalizeException.unsupported("vCPU '" + id + "' is not present in domain definition", s);
                }
                if (vs[id] != null) {
                    throw new NormalizeException("'vcpusched' attributes 'vcpus' must not overlap", s);
                }
                DomainCputuneVcpusched one = new DomainCputuneVcpusched();
                one.setVcpus(Integer.toString(id));
                one.setScheduler(s.getScheduler());
                one.setPriority(priority(s.getScheduler(), s.getPriority()));
                vs[id] = one;
            }
        }
        ct.getVcpuscheds().clear();
        for (DomainCputuneVcpusched s : vs) {
            if (s != null) {
                ct.getVcpuscheds().add(s);
            }
        }
        Map<Integer, DomainCputuneIothreadsched> is = new LinkedHashMap<>();
        for (DomainCputuneIothreadsched s : ct.getIothreadscheds()) {
            BitSet ids = schedIds(s.getIothreads(), "iothreads", "iothreadsched", s);
            policy(s.getScheduler(), s);
            for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
                if (!iothreads.contains(id)) {
                    throw NormalizeException.unsupported("Cannot find 'iothread' : " + id, s);
                }
                if (is.containsKey(id)) {
                    throw new NormalizeException("'iothreadsched' attributes 'iothreads' must not overlap", s);
                }
                DomainCputuneIothreadsched one = new DomainCputuneIothreadsched();
                one.setIothreads(Integer.toString(id));
                one.setScheduler(s.getScheduler());
                one.setPriority(priority(s.getScheduler(), s.getPriority()));
                is.put(id, one);
            }
        }
        ct.getIothreadscheds().clear();
        for (int id : iothreads) {
            if (is.containsKey(id)) {
                ct.getIothreadscheds().add(is.get(id));
            }
        }
        DomainCputuneSched es = ct.getEmulatorsched();
        if (es != null) {
            policy(es.getScheduler(), es);
            es.setPriority(priority(es.getScheduler(), es.getPriority()));
        }
        Resctrl.parse(d, ct);
        // libvirt prints the numbers only when they are set (shares whenever given)
        if (ct.getPeriod() != null && ct.getPeriod() == 0) {
            ct.setPeriod(null);
        }
        if (ct.getQuota() != null && ct.getQuota() == 0) {
            ct.setQuota(null);
        }
        if (ct.getGlobalPeriod() != null && ct.getGlobalPeriod() == 0) {
            ct.setGlobalPeriod(null);
        }
        if (ct.getGlobalQuota() != null && ct.getGlobalQuota() == 0) {
            ct.setGlobalQuota(null);
        }
        if (ct.getEmulatorPeriod() != null && ct.getEmulatorPeriod() == 0) {
            ct.setEmulatorPeriod(null);
        }
        if (ct.getEmulatorQuota() != null && ct.getEmulatorQuota() == 0) {
            ct.setEmulatorQuota(null);
        }
        if (ct.getIothreadPeriod() != null && ct.getIothreadPeriod() == 0) {
            ct.setIothreadPeriod(null);
        }
        if (ct.getIothreadQuota() != null && ct.getIothreadQuota() == 0) {
            ct.setIothreadQuota(null);
        }
    }

    private static String cpuset(String text, org.virtxml.model.Located where) {
        BitSet b = CpuSetAdapter.parse(text);
        if (b.isEmpty()) {
            throw NormalizeException.unsupported("Invalid value of 'cpuset': " + text, where);
        }
        return CpuSetAdapter.format(b);
    }

    private static BitSet schedIds(String text, String attr, String element, org.virtxml.model.Located where) {
        if (text == null) {
            throw NormalizeException.xmlError("Missing attribute '" + attr + "' in element '" + element + "'", where);
        }
        BitSet b = CpuSetAdapter.parse(text);
        if (b.isEmpty()) {
            throw NormalizeException.unsupported("'" + attr + "' scheduler bitmap '" + text + "' is empty", where);
        }
        return b;
    }

    private static void policy(DomainSchedPolicy p, org.virtxml.model.Located where) {
        if (p == null) {
            throw NormalizeException.xmlError("Missing required attribute 'scheduler' in element", where);
        }
    }

    /** Only the real-time policies have a priority. */
    private static Integer priority(DomainSchedPolicy p, Integer priority) {
        return p == DomainSchedPolicy.FIFO || p == DomainSchedPolicy.RR ? (priority == null ? 0 : priority) : null;
    }
}
