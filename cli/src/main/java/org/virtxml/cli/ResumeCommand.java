package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code virtxml resume NAME}: starts the guest's CPUs again (QMP {@code cont}). */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused domain.")
final class ResumeCommand extends DomainCommand {

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        return act(domain, "resume", "resumed", DomainRuntime::resume);
    }
}
