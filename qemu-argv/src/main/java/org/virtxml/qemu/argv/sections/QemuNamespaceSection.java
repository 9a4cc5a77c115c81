package org.virtxml.qemu.argv.sections;

import org.virtxml.model.DomainQemuArg;
import org.virtxml.model.DomainQemuCommandline;
import org.virtxml.model.DomainQemuEnv;
import org.virtxml.qemu.argv.BuildContext;
import org.virtxml.qemu.argv.Section;

/**
 * {@code <qemu:commandline>}: its arguments, as given, then its environment variables (an unset value is empty),
 * which join the environment prefix (the part of qemuBuildCommandLine that handles the QEMU namespace).
 */
public final class QemuNamespaceSection implements Section {

    @Override
    public void build(BuildContext ctx) {
        for (DomainQemuCommandline c : ctx.domain().getQemuCommandlines()) {
            for (DomainQemuArg a : c.getArgs()) {
                ctx.add(a.getValue() == null ? "" : a.getValue());
            }
        }
        for (DomainQemuCommandline c : ctx.domain().getQemuCommandlines()) {
            for (DomainQemuEnv e : c.getEnvs()) {
                ctx.cmd().env(e.getName(), e.getValue() == null ? "" : e.getValue());
            }
        }
    }
}
