package org.virtxml.qemu.argv.sections;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.model.YesNo;
import org.virtxml.model.devices.DomainRedirdev;
import org.virtxml.model.devices.DomainRedirfilter;
import org.virtxml.model.devices.DomainRedirfilterUsbdev;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;

/**
 * The part of the command line libvirt builds in {@code qemuBuildRedirdevCommandLine}: for each USB redirection
 * its {@code -chardev} ({@code charredirN}) and a {@code usb-redir} device carrying the domain's
 * {@code <redirfilter>} rules.
 */
public final class RedirdevSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null) {
            return;
        }
        List<DomainRedirfilter> filters = ctx.domain().getDevices().getRedirfilters();
        String filter = filters.isEmpty() ? null : filter(filters.get(0));
        for (DomainRedirdev r : ctx.domain().getDevices().getRedirdevs()) {
            String alias = ctx.prepared().alias(r);
            String chardev = "char" + alias;
            Chardevs.add(ctx, r, chardev);
            Props p = Props.of("driver", "usb-redir").str("chardev", chardev).str("id", alias).str("filter", filter)
                    .positive("bootindex", r.getBoot() == null ? null : r.getBoot().getOrder());
            ctx.deviceProps().address(p, r);
            ctx.device(p);
        }
    }

    /**
     * The filter rules as usb-redir takes them: {@code CLASS:VENDOR:PRODUCT:VERSION:ALLOW} joined by '|', each
     * number in upper-case hex or -1 for any (qemuBuildRedirdevDevProps); null without a filter.
     */
    static String filter(DomainRedirfilter f) {
        if (f == null) {
            return null;
        }
        List<String> rules = new ArrayList<>();
        for (DomainRedirfilterUsbdev u : f.getUsbdevs()) {
            rules.add(hex(u.getUsbClass(), 2) + ":" + hex(u.getVendor(), 4) + ":" + hex(u.getProduct(), 4) + ":"
                    + hex(u.getVersion(), 4) + ":" + (u.getAllow() == YesNo.YES ? 1 : 0));
        }
        return String.join("|", rules);
    }

    private static String hex(Integer v, int digits) {
        return v == null || v < 0 ? "-1" : String.format("0x%0" + digits + "X", v);
    }
}
