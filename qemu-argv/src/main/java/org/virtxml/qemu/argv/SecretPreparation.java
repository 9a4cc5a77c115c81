package org.virtxml.qemu.argv;

import java.util.ArrayList;
import java.util.List;
import org.virtxml.caps.HostFacts;
import org.virtxml.model.DomainSecretRef;
import org.virtxml.model.devices.DomainChardevType;
import org.virtxml.model.devices.DomainDevices;
import org.virtxml.model.devices.DomainGraphics;
import org.virtxml.model.devices.DomainGraphicsVnc;
import org.virtxml.model.devices.DomainRng;
import org.virtxml.model.devices.DomainRngBackendEgd;
import org.virtxml.model.devices.DomainSmartcard;
import org.virtxml.model.devices.DomainSmartcardMode;
import org.virtxml.qemu.argv.frontend.Chardevs;
import org.virtxml.qemu.argv.storage.Secrets;

/**
 * Preparation step for libvirt's qemuDomainSecretPrepare: the secrets that decrypt TLS keys, named by qemu.conf
 * ({@code chardev_tls_x509_secret_uuid} for TCP character devices using TLS, {@code vnc_tls_x509_secret_uuid}
 * when VNC uses TLS; both default to {@code default_tls_x509_secret_uuid} unless their certificate directory is
 * set). Disk and host device secrets were looked up with their storage. A secret the host does not define is
 * refused with libvirt's message.
 */
final class SecretPreparation implements PrepareStep {

    @Override
    public void prepare(Prepared p) {
        DomainDevices dev = p.domain().getDevices();
        if (dev == null) {
            return;
        }
        HostFacts host = p.caps().host();
        String chardevUuid = tlsSecretUuid(host.qemuConf(), "chardev");
        if (chardevUuid != null) {
            // libvirt's order: serials, parallels, channels, consoles, passthrough smartcards, egd RNGs, redirdevs
            List<Chr> devices = new ArrayList<>();
            dev.getSerials().forEach(d -> devices.add(new Chr(d, d)));
            dev.getParallels().forEach(d -> devices.add(new Chr(d, d)));
            dev.getChannels().forEach(d -> devices.add(new Chr(d, d)));
            dev.getConsoles().forEach(d -> devices.add(new Chr(d, d)));
            for (DomainSmartcard s : dev.getSmartcards()) {
                if (s.getMode() == DomainSmartcardMode.PASSTHROUGH) {
                    devices.add(new Chr(s, s));
                }
            }
            for (DomainRng r : dev.getRngs()) {
                if (r.getBackend() instanceof DomainRngBackendEgd egd) {
                    devices.add(new Chr(r, egd));
                }
            }
            dev.getRedirdevs().forEach(d -> devices.add(new Chr(d, d)));
            for (Chr c : devices) {
                Chardevs.Source src = Chardevs.source(p, c.backend());
                if (src != null && src.type() == DomainChardevType.TCP && src.tls()) {
                    Secrets.require(host, ref(chardevUuid), "char" + p.alias(c.device()), null);
                }
            }
        }
        if (host.qemuConf().vncTls()) {
            String vncUuid = tlsSecretUuid(host.qemuConf(), "vnc");
            for (DomainGraphics g : dev.getGraphics()) {
                if (g instanceof DomainGraphicsVnc && vncUuid != null) {
                    Secrets.require(host, ref(vncUuid), "vnc-tls-creds0", null);
                }
            }
        }
    }

    /** A device and the object holding its character device backend (itself, or an RNG's egd backend). */
    private record Chr(Object device, Object backend) {
    }

    /** {@code SERVICE_tls_x509_secret_uuid}, inheriting the default one unless the service's directory is set. */
    private static String tlsSecretUuid(HostFacts.QemuConf conf, String service) {
        String v = conf.setting(service + "_tls_x509_secret_uuid");
        if (v != null || conf.setting(service + "_tls_x509_cert_dir") != null) {
            return v;
        }
        return conf.setting("default_tls_x509_secret_uuid");
    }

    private static DomainSecretRef ref(String uuid) {
        DomainSecretRef r = new DomainSecretRef();
        r.setUuid(uuid);
        return r;
    }
}
