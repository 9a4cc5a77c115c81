package org.virtxml.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.virtxml.model.Domain;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.run.DomainStatus;
import org.virtxml.qemu.run.Launcher;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.DomainStore;
import org.virtxml.qemu.store.StoredDomain;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtxml start NAME|FILE}: starts a defined domain, or a transient one from a file (as {@code virsh
 * create} does), under QEMU without libvirtd; see {@link Launcher}. Returns once the guest runs; the domain is
 * then looked after by its supervisor process.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a defined domain, or a transient one from an XML file.")
final class StartCommand extends DomainCommand {

    @Mixin
    QemuProbeOption qemu;

    @Option(names = "--paused", description = "Leave the guest's CPUs stopped (resume starts them).")
    boolean paused;

    @Option(names = "--user-net", description = "Give 'network' and 'bridge' interfaces QEMU's user-mode "
            + "networking instead of a tap device (no root, no bridge needed).")
    boolean userNet;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long QEMU may take to open its monitor and answer each command (default: 30).")
    int timeout;

    @Parameters(paramLabel = "DOMAIN|FILE", description = "A defined domain (name or UUID) or a domain XML file.")
    String domain;

    @Override
    int run() throws IOException, DomainException {
        DomainStore store = stores.store();
        DomainRuntime runtime = stores.runtime();
        Domain config;
        boolean persistent;
        StoredDomain stored = store.find(domain);
        if (stored == null && !domain.contains("/") && !domain.endsWith(".xml")) {
            stored = byUuid(store);
        }
        if (stored != null) {
            if (!stored.ok()) {
                throw new DomainException(stored.problem());
            }
            config = stored.domain();
            persistent = true;
        } else if (Files.isRegularFile(Path.of(domain)) || "-".equals(domain)) {
            SourceText src;
            try {
                src = DomainInputs.read(domain, System.in);
                Domain parsed = DomainInputs.parse(src);
                StoredDomain same = parsed.getName() == null ? null : store.find(parsed.getName());
                if (same != null && same.ok() && parsed.getUuid() == null) {
                    // the same domain as the defined one, as define treats a document without a UUID
                    parsed.setUuid(same.uuid());
                }
                try {
                    config = DomainInputs.normalizer(qemu).normalize(parsed);
                } catch (XmlInputException e) {
                    throw DomainInputs.refused(src, e);
                }
                if (same != null && same.ok() && !same.uuid().equalsIgnoreCase(config.getUuid())) {
                    throw DomainException.operationFailed("domain '" + config.getName()
                            + "' already exists with uuid " + same.uuid());
                }
                persistent = same != null && same.ok();
            } catch (DomainInputs.Refused r) {
                err().println(r.getMessage());
                return r.exitCode;
            }
        } else {
            throw new DomainException("failed to get domain '" + domain + "'");
        }
        CapsProvider caps = qemu.provider();
        DomainStatus st;
        try {
            st = new Launcher(runtime, caps, System.getenv("PATH")).start(config,
                    persistent ? store.fileOf(config.getName()) : null,
                    new Launcher.Options(paused, userNet, Duration.ofSeconds(timeout)));
        } catch (XmlInputException e) {
            // the argv backend refused the domain: libvirt's message, as virsh start would print it
            throw new DomainException(e.diagnostic().message());
        } catch (DomainException e) {
            throw new DomainException("Failed to start domain '" + config.getName() + "': " + e.getMessage(), e);
        }
        if (stored != null || persistent) {
            out().println("Domain '" + st.name() + "' started");
        } else {
            out().println("Domain '" + st.name() + "' created from " + domain);
        }
        return ExitCodes.OK;
    }

    private StoredDomain byUuid(DomainStore store) throws IOException {
        return domain.matches("[0-9a-fA-F-]{32,36}") ? store.findByUuid(domain) : null;
    }
}
