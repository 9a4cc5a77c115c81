package org.virtxml.qemu.argv.sections;

import org.virtxml.caps.QemuCapability;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Props;
import org.virtxml.qemu.argv.Section;

/**
 * {@code -compat}: how QEMU treats deprecated interfaces, from {@code <qemu:deprecation behavior>} or qemu.conf's
 * {@code deprecation_behavior} (libvirt's qemuBuildCompatDeprecatedCommandLine). Nothing for the default
 * {@code none}, nor when QEMU lacks {@code -compat} (so a QEMU downgrade does not break the guest).
 */
public final class CompatSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        String behavior = ctx.caps().host().qemuConf().deprecationBehavior();
        if (ctx.domain().getQemuDeprecation() != null && ctx.domain().getQemuDeprecation().getBehavior() != null) {
            behavior = ctx.domain().getQemuDeprecation().getBehavior();
        }
        String input;
        switch (behavior) {
            case "omit" -> input = null;
            case "reject" -> input = "reject";
            case "crash" -> input = "crash";
            default -> {
                // 'none' and values libvirt does not know (it only warns about those)
                return;
            }
        }
        if (!ctx.has(QemuCapability.COMPAT_DEPRECATED)) {
            return;
        }
        ctx.add("-compat", new Props().str("deprecated-output", "hide").str("deprecated-input", input));
    }
}
