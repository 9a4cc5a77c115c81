package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml domstate NAME}: the domain's state as {@code virsh domstate} prints it ({@code running},
 * {@code paused}, {@code shut off}, ...; with {@code --reason}, {@code running (booted)}). A running domain's
 * QEMU is asked, so the answer is current even when its supervisor is gone.
 */
@Command(name = "domstate", mixinStandardHelpOptions = true, description = "Print a domain's state.")
final class DomstateCommand extends DomainCommand {

    @Option(names = "--reason", description = "Also print why the domain is in that state.")
    boolean reason;

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        DomainRuntime runtime = stores.runtime();
        String name = resolve(domain, stores.store(), runtime);
        DomainRuntime.Inspection i = runtime.inspect(name, true);
        warn(i.notices());
        out().println(reason ? i.state().text() + " (" + i.reason() + ")" : i.state().text());
        out().println();
        return ExitCodes.OK;
    }
}
