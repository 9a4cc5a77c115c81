package org.virtxml.qemu.argv.sections;

import java.util.List;
import org.virtxml.model.devices.DomainAddressCcid;
import org.virtxml.model.devices.DomainControllerType;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;
import org.virtxml.qemu.argv.frontend.Chardevs;

/**
 * The part of the command line libvirt builds in {@code qemuBuildSmartcardCommandLine}: the first smartcard only,
 * as {@code ccid-card-emulated} (host NSS database or three certificates) or {@code ccid-card-passthru} on a
 * chardev, on its CCID controller's bus.
 */
public final class SmartcardSection implements Section {
    /** libvirt's VIR_DOMAIN_SMARTCARD_DEFAULT_DATABASE. */
    private static final String DEFAULT_DATABASE = "/etc/pki/nssdb";

    @Override
    public void build(BuildContext ctx) {
        if (ctx.domain().getDevices() == null || ctx.domain().getDevices().getSmartcards().isEmpty()) {
            return;
        }
        DomainSmartcard sc = ctx.domain().getDevices().getSmartcards().get(0);
        String alias = ctx.prepared().alias(sc);
        Props p = switch (sc.getMode()) {
            case HOST -> Props.of("driver", "ccid-card-emulated").str("backend", "nss-emulated");
            case HOST_CERTIFICATES -> {
                List<String> certs = sc.getCertificates();
                yield Props.of("driver", "ccid-card-emulated").str("backend", "certificates")
                        .str("cert1", cert(certs, 0)).str("cert2", cert(certs, 1)).str("cert3", cert(certs, 2))
                        .str("db", sc.getDatabase() != null ? sc.getDatabase() : DEFAULT_DATABASE);
            }
            case PASSTHROUGH -> {
                String chardev = "char" + alias;
                Chardevs.add(ctx, sc, chardev);
                yield Props.of("driver", "ccid-card-passthru").str("chardev", chardev);
            }
        };
        int controller = sc.getAddress() instanceof DomainAddressCcid a && a.getController() != null
                ? a.getController() : 0;
        p.str("id", alias).str("bus", ctx.deviceProps().controllerAlias(DomainControllerType.CCID, controller) + ".0");
        ctx.device(p);
    }

    private static String cert(List<String> certs, int i) {
        return i < certs.size() ? certs.get(i) : null;
    }
}
