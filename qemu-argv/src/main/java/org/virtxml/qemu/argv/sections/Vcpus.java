package org.virtxml.qemu.argv.sections;

import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainVcpusVcpu;
import org.virtxml.model.YesNo;

/**
 * The guest's vCPUs as libvirt counts them: the maximum ({@code <vcpu>}), and how many are online at start and
 * not hotpluggable (those go on {@code -smp}; the others are {@code -device}s added at start-up over QMP).
 *
 * @param max      {@code <vcpu>}
 * @param current  {@code <vcpu current>}, or max
 * @param bootable vCPUs online and not hotpluggable
 */
record Vcpus(int max, int current, int bootable) {

    static Vcpus of(Domain d) {
        int max = d.getVcpu() == null || d.getVcpu().getValue() == null ? 1 : d.getVcpu().getValue();
        int current = d.getVcpu() == null || d.getVcpu().getCurrent() == null ? max : d.getVcpu().getCurrent();
        List<DomainVcpusVcpu> list = d.getVcpus() == null ? List.of() : d.getVcpus().getVcpus();
        int bootable;
        if (list.isEmpty()) {
            // without <vcpus>, the first 'current' vCPUs are online, and only they are non-hotpluggable
            bootable = current;
        } else {
            bootable = 0;
            for (DomainVcpusVcpu v : list) {
                if (v.getEnabled() == YesNo.YES && v.getHotpluggable() == YesNo.NO) {
                    bootable++;
                }
            }
        }
        return new Vcpus(max, current, bootable);
    }
}
