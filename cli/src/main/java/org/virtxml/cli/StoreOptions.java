package org.virtxml.cli;

import java.nio.file.Path;
import java.util.Map;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.run.RuntimeLayout;
import org.virtxml.qemu.store.DomainStore;
import picocli.CommandLine.Option;

/**
 * {@code --store DIR} and {@code --runtime-dir DIR}, shared by the commands that manage domains: where configs are
 * kept (default {@code $XDG_CONFIG_HOME/virtxml/qemu}) and where running domains keep their sockets and status
 * (default {@code /run/virtxml/qemu} for root, {@code $XDG_RUNTIME_DIR/virtxml/qemu} otherwise; see
 * {@link RuntimeLayout}).
 */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "DIR",
            description = "Directory of domain configs (default: $XDG_CONFIG_HOME/virtxml/qemu).")
    Path store;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "Directory of running domains' sockets, status and logs (default: per user and store).")
    Path runtimeDir;

    /** The environment the defaults come from (tests replace it). */
    Map<String, String> env = System.getenv();

    /** The store. */
    DomainStore store() {
        return new DomainStore(store != null ? store : DomainStore.defaultDirectory(env));
    }

    /** The runtime side of the store's domains. */
    DomainRuntime runtime() {
        Path def = DomainStore.defaultDirectory(env).toAbsolutePath().normalize();
        Path dir = store().directory();
        return new DomainRuntime(RuntimeLayout.forStore(dir, dir.equals(def), runtimeDir, env));
    }
}
