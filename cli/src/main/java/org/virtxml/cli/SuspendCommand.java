package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code virtxml suspend NAME}: stops the guest's CPUs (QMP {@code stop}); the domain shows as paused. */
@Command(name = "suspend", mixinStandardHelpOptions = true, description = "Pause a running domain.")
final class SuspendCommand extends DomainCommand {

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        return act(domain, "suspend", "suspended", DomainRuntime::suspend);
    }
}
