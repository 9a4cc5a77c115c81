package org.virtxml.qemu.argv.sections;

import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * The master key secret object {@code masterKey0} every other secret is encrypted with (libvirt's
 * qemuBuildMasterKeyCommandLine). The file is the domain's {@code master-key.aes}.
 */
public final class MasterKeySection implements Section {

    @Override
    public void build(BuildContext ctx) {
        ctx.object(Props.object("secret", "masterKey0").str("format", "raw")
                .str("file", ctx.prepared().masterKeyPath()));
    }
}
