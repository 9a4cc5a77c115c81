package org.virtxml.qemu.store;

import java.nio.file.Path;
import org.virtxml.model.Domain;

/**
 * One file of a {@link DomainStore}: the domain it holds, or why it could not be read. A broken file keeps its
 * place in listings (as {@code name} its file name without {@code .xml}) so that it is reported, not hidden.
 *
 * @param file    the config file
 * @param name    the domain's name (for a broken file, the name its file name implies)
 * @param uuid    the domain's UUID, null for a broken file
 * @param domain  the parsed config, null for a broken file
 * @param problem why the file is unusable ({@code path:line:col: error: message}), null when it is fine
 */
public record StoredDomain(Path file, String name, String uuid, Domain domain, String problem) {

    /** Whether the file holds a usable config. */
    public boolean ok() {
        return problem == null;
    }
}
