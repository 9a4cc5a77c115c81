package org.virtxml.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.virtxml.qemu.run.DomainRuntime;
import org.virtxml.qemu.store.DomainException;
import org.virtxml.qemu.store.StoredDomain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code virtxml list}: the domains as {@code virsh list} prints them: an {@code Id Name State} table, running
 * domains first by id, then (with {@code --all}) the inactive ones by name. A config file that cannot be read is
 * reported on standard error and the listing goes on.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List domains and their state (running ones; --all adds inactive ones).")
final class ListCommand extends DomainCommand {

    @Option(names = "--all", description = "List inactive domains too.")
    boolean all;

    @Option(names = "--inactive", description = "List only inactive domains.")
    boolean inactive;

    @Option(names = "--name", description = "Print only the names, one per line.")
    boolean nameOnly;

    /** One row: the domain and what was found out about it. */
    private record Row(String name, DomainRuntime.Inspection state) {
    }

    @Override
    int run() throws IOException, DomainException {
        DomainRuntime runtime = stores.runtime();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (StoredDomain s : stores.store().list()) {
            if (!s.ok()) {
                err().println("virtxml: warning: " + s.problem());
                continue;
            }
            DomainRuntime.Inspection i = runtime.inspect(s.name(), false);
            warn(i.notices());
            rows.put(s.name(), new Row(s.name(), i));
        }
        for (DomainRuntime.Inspection i : runtime.active(false)) {
            if (!rows.containsKey(i.name())) {
                warn(i.notices());
                if (i.active()) {
                    rows.put(i.name(), new Row(i.name(), i));
                }
            }
        }
        List<Row> shown = new ArrayList<>();
        for (Row r : rows.values()) {
            boolean active = r.state().active();
            if (inactive ? !active : (active || all)) {
                shown.add(r);
            }
        }
        // virsh: running domains by id, then inactive ones by name, ignoring case
        shown.sort(Comparator.<Row>comparingInt(r -> r.state().active() ? 0 : 1)
                .thenComparingInt(r -> r.state().active() ? r.state().id() : 0)
                .thenComparing(r -> r.name().toLowerCase(Locale.ROOT)));
        if (nameOnly) {
            for (Row r : shown) {
                out().println(r.name());
            }
            out().println();
            return ExitCodes.OK;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"Id", "Name", "State"});
        for (Row r : shown) {
            table.add(new String[] {r.state().active() ? Integer.toString(r.state().id()) : "-", r.name(),
                    r.state().state().text()});
        }
        out().print(table(table));
        out().println();
        return ExitCodes.OK;
    }

    /**
     * A table as virsh's vshTable prints it: each cell after a space, columns padded to their widest cell plus
     * two spaces, and under the header a dashed line as wide as every column plus three.
     */
    static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], displayWidth(r[c]));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            for (int c = 0; c < cols; c++) {
                b.append(' ').append(r[c]);
                if (c < cols - 1) {
                    b.append(" ".repeat(width[c] - displayWidth(r[c]) + 2));
                }
            }
            b.append('\n');
            if (i == 0) {
                int dashes = 0;
                for (int w : width) {
                    dashes += w + 3;
                }
                b.append("-".repeat(dashes)).append('\n');
            }
        }
        return b.toString();
    }

    private static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }
}
