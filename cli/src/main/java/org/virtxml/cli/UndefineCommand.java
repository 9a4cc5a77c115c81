package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.DomainStore;
import org.virtxml.qemu.store.StoredDomain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml undefine NAME}: removes a domain's config from the store. A running domain keeps running as a
 * transient one and is forgotten when it stops, as with libvirt.
 */
@Command(name = "undefine", mixinStandardHelpOptions = true,
        description = "Remove a domain's config; a running domain becomes transient.")
final class UndefineCommand extends DomainCommand {

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        DomainStore store = stores.store();
        DomainRuntime runtime = stores.runtime();
        StoredDomain broken = store.find(domain);
        if (broken != null && !broken.ok()) {
            // a config that does not parse can still be removed
            err().println("virtxml: warning: " + broken.problem());
            store.undefine(domain);
            out().println("Domain '" + domain + "' has been undefined");
            return ExitCodes.OK;
        }
        String name = resolve(domain, store, runtime);
        if (store.find(name) == null) {
            throw DomainException.operationInvalid("cannot undefine transient domain");
        }
        store.undefine(name);
        runtime.forgetInactive(name);
        out().println("Domain '" + name + "' has been undefined");
        return ExitCodes.OK;
    }
}
