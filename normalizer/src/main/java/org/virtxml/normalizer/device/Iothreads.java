package org.virtxml.normalizer.device;

import java.util.Set;
import java.util.TreeSet;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainIothreadidsIothread;

/** The I/O thread ids a domain has: those listed, then the lowest free ids up to the {@code <iothreads>} count. */
final class Iothreads {
    private Iothreads() {
    }

    static Set<Integer> ids(Domain d) {
        Set<Integer> ids = new TreeSet<>();
        if (d.getIothreadids() != null) {
            for (DomainIothreadidsIothread t : d.getIothreadids().getIothreads()) {
                if (t.getId() != null) {
                    ids.add(t.getId());
                }
            }
        }
        int count = d.getIothreads() == null ? 0 : d.getIothreads();
        for (int next = 1; ids.size() < count; next++) {
            ids.add(next);
        }
        return ids;
    }
}
