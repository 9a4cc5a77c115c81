package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code virtxml destroy NAME}: stops QEMU at once (SIGTERM, then SIGKILL), as {@code virsh destroy} does. */
@Command(name = "destroy", mixinStandardHelpOptions = true, description = "Stop a domain immediately.")
final class DestroyCommand extends DomainCommand {

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        return act(domain, "destroy", "destroyed", DomainRuntime::destroy);
    }
}
