package org.virtxml.normalizer.platform;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainVcpu;
import org.virtxml.model.DomainVcpus;
import org.virtxml.model.DomainVcpusVcpu;
import org.virtxml.model.YesNo;

/**
 * libvirt's view of a domain's vCPUs: always {@code <vcpu>} many entries, each online or not, hot-pluggable or
 * not (or unset), with an order. Without a {@code <vcpus>} list the first {@code current} are online; with one,
 * exactly those it enables are, and the list is printed back in full.
 */
public final class Vcpus {

    /** One vCPU: online, hot-pluggable (null when unset), order (0 when unset). */
    public static final class Vcpu {
        /** The vCPU is enabled at boot. */
        public boolean online;
        /** Whether it can be unplugged, or null when the domain does not say. */
        public Boolean hotpluggable;
        /** Its hotplug order, 0 when unset. */
        public int order;
    }

    private Vcpus() {
    }

    /** The maximum vCPU count ({@code <vcpu>}), 1 when absent. */
    public static int max(Domain d) {
        DomainVcpu v = d.getVcpu();
        return v == null || v.getValue() == null ? 1 : v.getValue();
    }

    /** True when the domain lists its vCPUs one by one. */
    public static boolean individual(Domain d) {
        return d.getVcpus() != null && !d.getVcpus().getVcpus().isEmpty();
    }

    /** The vCPUs as libvirt holds them. */
    public static List<Vcpu> read(Domain d) {
        int max = max(d);
        List<Vcpu> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(new Vcpu());
        }
        if (individual(d)) {
            for (DomainVcpusVcpu v : d.getVcpus().getVcpus()) {
                if (v.getId() == null || v.getId() >= max) {
                    continue;
                }
                Vcpu c = out.get(v.getId());
                c.online = v.getEnabled() == YesNo.YES;
                c.hotpluggable = v.getHotpluggable() == null ? null : v.getHotpluggable() == YesNo.YES;
                c.order = v.getOrder() == null ? 0 : v.getOrder();
            }
        } else {
            DomainVcpu v = d.getVcpu();
            int current = v == null || v.getCurrent() == null ? max : Math.min(v.getCurrent(), max);
            for (int i = 0; i < current; i++) {
                out.get(i).online = true;
            }
        }
        return out;
    }

    /** The number of online vCPUs. */
    public static int online(Domain d) {
        int n = 0;
        for (Vcpu c : read(d)) {
            if (c.online) {
                n++;
            }
        }
        return n;
    }

    /** Writes the per-vCPU list back in full (only for domains that gave one), and {@code current}. */
    public static void write(Domain d, List<Vcpu> vcpus) {
        int online = 0;
        for (Vcpu c : vcpus) {
            if (c.online) {
                online++;
            }
        }
        d.getVcpu().setCurrent(online < vcpus.size() ? online : null);
        if (!individual(d)) {
            return;
        }
        DomainVcpus list = d.getVcpus();
        list.getVcpus().clear();
        for (int i = 0; i < vcpus.size(); i++) {
            Vcpu c = vcpus.get(i);
            DomainVcpusVcpu v = new DomainVcpusVcpu();
            v.setId(i);
            v.setEnabled(c.online ? YesNo.YES : YesNo.NO);
            v.setHotpluggable(c.hotpluggable == null ? null : c.hotpluggable ? YesNo.YES : YesNo.NO);
            v.setOrder(c.order == 0 ? null : c.order);
            list.getVcpus().add(v);
        }
    }
}
