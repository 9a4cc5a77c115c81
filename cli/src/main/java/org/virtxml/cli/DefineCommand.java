package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.model.Domain;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.DomainStore;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml define FILE}: normalizes a domain as {@code virsh define} does and keeps it in the store as
 * {@code NAME.xml}, replacing the config of the same name (and UUID). A running domain keeps running with the
 * config it was started with; the new one applies at its next start.
 */
@Command(name = "define", mixinStandardHelpOptions = true,
        description = "Define or redefine a domain from an XML file; its normalized config is kept in the store.")
final class DefineCommand extends DomainCommand {

    @Mixin
    QemuProbeOption qemu;

    @Parameters(paramLabel = "FILE", description = "Domain XML; - reads standard input.")
    String file;

    @Override
    int run() throws IOException, DomainException {
        SourceText src;
        Domain parsed;
        try {
            src = DomainInputs.read(file, System.in);
            parsed = DomainInputs.parse(src);
        } catch (DomainInputs.Refused r) {
            err().println(r.getMessage());
            return r.exitCode;
        }
        DomainStore store = stores.store();
        Normalizer n = DomainInputs.normalizer(qemu);
        DomainStore.DefineResult r;
        try {
            r = store.define(parsed, n::normalize);
        } catch (XmlInputException e) {
            err().println(DomainInputs.refused(src, e).getMessage());
            return ExitCodes.FAILED;
        } catch (DomainException e) {
            err().println(src.name() + ": error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out().println("Domain '" + r.stored().name() + "' defined from " + file);
        return ExitCodes.OK;
    }
}
