package org.virtxml.qemu.argv.sections;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainDefaultIothread;
import org.virtxml.model.DomainIothreadidsIothread;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * One {@code iothread} object per I/O thread, {@code iothreadN} after its id, and the {@code main-loop} object
 * when {@code <defaultiothread>} tunes the main loop's thread pool (libvirt's qemuBuildIOThreadCommandLine).
 */
public final class IOThreadSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        for (int[] t : iothreads(ctx.domain())) {
            ctx.object(Props.object("iothread", "iothread" + t[0]).num("thread-pool-min", t[1] < 0 ? null : t[1])
                    .num("thread-pool-max", t[2] < 0 ? null : t[2]));
        }
        DomainDefaultIothread main = ctx.domain().getDefaultiothread();
        if (main != null) {
            ctx.object(Props.object("main-loop", "main-loop").num("thread-pool-min", main.getThreadPoolMin())
                    .num("thread-pool-max", main.getThreadPoolMax()));
        }
    }

    /**
     * The I/O threads as {id, pool min, pool max} (-1 when unset): the listed ones in order, then as many
     * unlisted ids, smallest first, as {@code <iothreads>} asks for (libvirt fills the list the same way).
     */
    static List<int[]> iothreads(Domain d) {
        List<int[]> out = new ArrayList<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        if (d.getIothreadids() != null) {
            for (DomainIothreadidsIothread t : d.getIothreadids().getIothreads()) {
                out.add(new int[] {t.getId(), t.getThreadPoolMin() == null ? -1 : t.getThreadPoolMin(),
                    t.getThreadPoolMax() == null ? -1 : t.getThreadPoolMax()});
                used.add(t.getId());
            }
        }
        int wanted = d.getIothreads() == null ? 0 : d.getIothreads();
        for (int id = 1; out.size() < wanted; id++) {
            if (used.add(id)) {
                out.add(new int[] {id, -1, -1});
            }
        }
        return out;
    }
}
