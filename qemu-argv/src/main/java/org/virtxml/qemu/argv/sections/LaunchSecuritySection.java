package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.SevCapability;
import org.virtxml.model.DomainLaunchSecurity;
import org.virtxml.qemu.argv.ArgvException;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.DeviceProps;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * Launch security (libvirt's qemuBuildSecCommandLine): the {@code sev-guest} object {@code lsec0} with the C-bit
 * position and reduced physical address bits (the platform's, from the capabilities, unless the domain gives
 * them), the policy, the DH certificate and session files libvirt writes into the domain directory, and kernel
 * hashes; or {@code s390-pv-guest}.
 */
public final class LaunchSecuritySection implements Section {

    @Override
    public void build(BuildContext ctx) {
        DomainLaunchSecurity sec = ctx.domain().getLaunchSecurity();
        if (sec == null || sec.getType() == null) {
            return;
        }
        switch (sec.getType()) {
            case SEV -> {
                SevCapability caps = ctx.caps().sev().orElse(null);
                Integer cbitpos = sec.getCbitpos();
                Integer reduced = sec.getReducedPhysBits();
                if ((cbitpos == null || reduced == null) && caps == null) {
                    throw new ArgvException("unsupported configuration: SEV launch security is not supported with "
                            + "this QEMU binary");
                }
                String dir = ctx.prepared().libDir();
                ctx.object(Props.object("sev-guest", "lsec0")
                        .num("cbitpos", cbitpos != null ? cbitpos : caps.cbitpos())
                        .num("reduced-phys-bits", reduced != null ? reduced : caps.reducedPhysBits())
                        .num("policy", sec.getPolicy() == null ? 0 : Integer.toUnsignedLong(sec.getPolicy()))
                        .str("dh-cert-file", sec.getDhCert() == null ? null : dir + "/dh_cert.base64")
                        .str("session-file", sec.getSession() == null ? null : dir + "/session.base64")
                        .bool("kernel-hashes", DeviceProps.yesNo(sec.getKernelHashes())));
            }
            case S390_PV -> ctx.object(Props.object("s390-pv-guest", "lsec0"));
        }
    }
}
