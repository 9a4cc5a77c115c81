package org.virtxml.cli;

import java.io.IOException;
import java.time.Duration;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml shutdown NAME}: presses the guest's ACPI power button (QMP {@code system_powerdown}); the guest
 * decides. With {@code --timeout SECONDS} it waits for the domain to be shut off and destroys it when the guest
 * has not powered off by then (the domain is off either way; a warning says it had to be destroyed).
 */
@Command(name = "shutdown", mixinStandardHelpOptions = true,
        description = "Ask the guest to power off (ACPI); --timeout waits, then destroys.")
final class ShutdownCommand extends DomainCommand {

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Wait this long for the guest to power off, then destroy the domain.")
    Integer timeout;

    @Parameters(paramLabel = "DOMAIN", description = "Name, UUID or id.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        DomainRuntime runtime = stores.runtime();
        String name = resolve(domain, stores.store(), runtime);
        boolean destroyed;
        try {
            destroyed = runtime.shutdown(name, timeout == null ? null : Duration.ofSeconds(timeout));
        } catch (DomainException e) {
            throw new DomainException("Failed to shutdown domain '" + name + "': " + e.getMessage(), e);
        }
        if (timeout == null) {
            out().println("Domain '" + name + "' is being shutdown");
        } else if (destroyed) {
            err().println("virtxml: warning: domain '" + name + "' did not power off within " + timeout
                    + " s; destroyed it");
            out().println("Domain '" + name + "' destroyed");
        } else {
            out().println("Domain '" + name + "' is shut off");
        }
        return ExitCodes.OK;
    }
}
