package org.virtxml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.DomainStore;
import org.virtxml.qemu.store.StoredDomain;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of the commands that manage domains ({@code define}, {@code start}, {@code list}, ...): the store
 * options, a domain named as virsh names one (name, UUID or the id of a running domain), messages on standard
 * output like virsh's, and {@code virtxml: error: MESSAGE} (exit 1) or {@code virtxml: warning: MESSAGE} on
 * standard error.
 */
abstract class DomainCommand implements Callable<Integer> {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions stores;

    /** Runs the command; DomainException and IOException become {@code virtxml: error:} and exit 1. */
    abstract int run() throws IOException, DomainException, InterruptedException;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (DomainException | IOException e) {
            err().println("virtxml: error: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("virtxml: error: interrupted");
            return ExitCodes.FAILED;
        } finally {
            out().flush();
            err().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints what a command had to correct or could not check. */
    void warn(List<String> notices) {
        for (String n : notices) {
            err().println("virtxml: warning: " + n);
        }
    }

    /**
     * The name of the domain {@code arg} designates, as virsh looks a domain up: the id of a running domain, a
     * UUID, or a name; throws virsh's "failed to get domain" when none matches.
     */
    String resolve(String arg, DomainStore store, DomainRuntime runtime) throws IOException, DomainException {
        if (arg.matches("\\d+")) {
            for (DomainRuntime.Inspection i : runtime.active(false)) {
                if (i.active() && Integer.toString(i.id()).equals(arg)) {
                    return i.name();
                }
            }
        }
        StoredDomain byName = store.find(arg);
        if (byName != null) {
            if (!byName.ok()) {
                throw new DomainException(byName.problem());
            }
            return byName.name();
        }
        if (UUID.matcher(arg).matches()) {
            String canonical = canonicalUuid(arg);
            StoredDomain s = store.findByUuid(canonical);
            if (s != null) {
                return s.name();
            }
            for (DomainRuntime.Inspection i : runtime.active(false)) {
                if (i.status() != null && canonical.equalsIgnoreCase(i.status().uuid())) {
                    return i.name();
                }
            }
        }
        // a transient running domain has no config, only a status
        DomainRuntime.Inspection i = runtime.inspect(arg, false);
        if (i.active()) {
            warn(i.notices());
            return arg;
        }
        throw new DomainException("failed to get domain '" + arg + "'");
    }

    /** One thing done to a running domain (suspend, resume, destroy). */
    @FunctionalInterface
    interface RuntimeAction {
        void apply(DomainRuntime runtime, String name) throws IOException, DomainException;
    }

    /**
     * Does {@code action} to the domain {@code arg} designates and prints virsh's {@code Domain 'NAME' DONE}; a
     * failure becomes virsh's {@code Failed to VERB domain 'NAME': REASON}.
     */
    int act(String arg, String verb, String done, RuntimeAction action) throws IOException, DomainException {
        DomainRuntime runtime = stores.runtime();
        String name = resolve(arg, stores.store(), runtime);
        try {
            action.apply(runtime, name);
        } catch (DomainException e) {
            throw new DomainException("Failed to " + verb + " domain '" + name + "': " + e.getMessage(), e);
        }
        out().println("Domain '" + name + "' " + done);
        return ExitCodes.OK;
    }

    private static String canonicalUuid(String s) {
        String hex = s.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
