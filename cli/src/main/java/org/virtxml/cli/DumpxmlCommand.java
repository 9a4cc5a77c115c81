package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.model.DomainXml;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.DomainStore;
import org.virtxml.qemu.store.StoredDomain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml dumpxml NAME}: the domain's XML as {@code virsh dumpxml} prints it: for a running domain the
 * config it runs with (with its id and ptys), otherwise (or with {@code --inactive}) the stored config.
 */
@Command(name = "dumpxml", mixinStandardHelpOptions = true,
        description = "Print a domain's XML: the running config, or the stored one (--inactive).")
final class DumpxmlCommand extends DomainCommand {

    @Option(names = "--inactive", description = "Print the stored config even when the domain runs.")
    boolean inactive;

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        DomainStore store = stores.store();
        DomainRuntime runtime = stores.runtime();
        String name = resolve(domain, store, runtime);
        if (!inactive) {
            String live = runtime.liveXml(name);
            if (live != null) {
                out().print(live);
                return ExitCodes.OK;
            }
        }
        StoredDomain s = store.find(name);
        if (s == null) {
            throw new DomainException("failed to get domain '" + domain + "'");
        }
        out().print(DomainXml.format(s.domain()));
        return ExitCodes.OK;
    }
}
