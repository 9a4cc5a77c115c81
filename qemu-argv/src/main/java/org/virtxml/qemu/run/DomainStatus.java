package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.virtxml.json.Json;
import org.virtxml.json.JsonException;
import org.virtxml.json.JsonWriter;
import org.virtxml.qemu.store.AtomicFiles;

/**
 * The status file of a domain ({@code RUNTIME/NAME.status}), virtxml's counterpart of libvirt's
 * {@code /run/libvirt/qemu/NAME.xml}: which QEMU process and supervisor serve the domain, where its runtime
 * directory and consoles are, and the state and reason last recorded. Written only with {@link AtomicFiles}, so
 * readers never see a torn file; the recorded state is a cache of QEMU's, which commands re-check over QMP.
 *
 * @param name            the domain name
 * @param uuid            the domain UUID
 * @param id              the domain id ({@code virsh list}'s Id), assigned at start
 * @param config          the domain's config file in the store, or null for a transient domain ({@code start
 *                        FILE}); the domain is persistent while that file exists, so undefining it while it
 *                        runs needs no change here
 * @param state           the recorded state
 * @param reason          the recorded reason, as virsh prints it
 * @param dir             the domain's runtime directory (monitor sockets, master key), null once shut off
 * @param qemu            the QEMU process, null before it is started and once shut off
 * @param supervisor      the supervisor process, null once shut off
 * @param consoles        the consoles found at start
 * @param taps            tap devices created for the domain, deleted when it stops
 * @param error           why the last start failed or what went wrong at stop, or null
 */
public record DomainStatus(String name, String uuid, int id, String config, DomainState state, String reason,
        String dir, ProcessInfo qemu, ProcessInfo supervisor, List<ConsoleInfo> consoles, List<String> taps,
        String error) {

    /** Copies the lists. */
    public DomainStatus {
        consoles = List.copyOf(consoles == null ? List.of() : consoles);
        taps = List.copyOf(taps == null ? List.of() : taps);
    }

    /** The same status with another state and reason. */
    public DomainStatus withState(DomainState newState, String newReason) {
        return new DomainStatus(name, uuid, id, config, newState, newReason, dir, qemu, supervisor, consoles,
                taps, error);
    }

    /** The same status with the QEMU process. */
    public DomainStatus withQemu(ProcessInfo p) {
        return new DomainStatus(name, uuid, id, config, state, reason, dir, p, supervisor, consoles, taps,
                error);
    }

    /** The same status with the supervisor process. */
    public DomainStatus withSupervisor(ProcessInfo p) {
        return new DomainStatus(name, uuid, id, config, state, reason, dir, qemu, p, consoles, taps, error);
    }

    /** The same status with the consoles found. */
    public DomainStatus withConsoles(List<ConsoleInfo> c) {
        return new DomainStatus(name, uuid, id, config, state, reason, dir, qemu, supervisor, c, taps, error);
    }

    /** The same status with an error message. */
    public DomainStatus withError(String message) {
        return new DomainStatus(name, uuid, id, config, state, reason, dir, qemu, supervisor, consoles, taps,
                message);
    }

    /** Whether the domain has a config in the store now (libvirt's persistent domain). */
    public boolean persistent() {
        return config != null && Files.isRegularFile(Path.of(config));
    }

    /** The status of a domain whose processes are gone: no directory, processes, consoles or taps. */
    public DomainStatus shutOff(String shutoffReason, String why) {
        return new DomainStatus(name, uuid, -1, config, DomainState.SHUTOFF, shutoffReason, null, null, null,
                List.of(), List.of(), why);
    }

    /** The monitor socket virtxml commands use ({@code control.sock}), or null without a runtime directory. */
    public Path controlSocket() {
        return dir == null ? null : Path.of(dir, RuntimeLayout.CONTROL_SOCKET);
    }

    /** Writes the status atomically. */
    public void write(Path file) throws IOException {
        Map<String, Object> m = Json.obj("name", name, "uuid", uuid, "id", (long) id, "config", config,
                "state", state.text(), "reason", reason, "dir", dir,
                "qemu", process(qemu), "supervisor", process(supervisor));
        List<Object> c = new ArrayList<>();
        for (ConsoleInfo ci : consoles) {
            c.add(ci.toJson());
        }
        m.put("consoles", c);
        m.put("taps", new ArrayList<Object>(taps));
        m.put("error", error);
        AtomicFiles.write(file, (JsonWriter.pretty().write(m) + "\n").getBytes(StandardCharsets.UTF_8),
                AtomicFiles.PRIVATE);
    }

    /**
     * Reads a status file; null when there is none.
     *
     * @throws IOException when it exists but cannot be read or is not a status file
     */
    public static DomainStatus read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            Map<String, Object> m = Json.parseObject(text);
            DomainState st = DomainState.fromText(Json.string(m, "state", "status"));
            if (st == null) {
                throw new JsonException("unknown state '" + m.get("state") + "'");
            }
            List<ConsoleInfo> consoles = new ArrayList<>();
            List<Object> cs = Json.optArray(m, "consoles", "status");
            if (cs != null) {
                for (Object o : cs) {
                    consoles.add(ConsoleInfo.fromJson(o));
                }
            }
            List<String> taps = Json.optStrings(m, "taps", "status");
            Long id = Json.optLong(m, "id", "status");
            return new DomainStatus(Json.string(m, "name", "status"), Json.optString(m, "uuid", "status"),
                    id == null ? -1 : id.intValue(), Json.optString(m, "config", "status"), st,
                    Json.optString(m, "reason", "status"), Json.optString(m, "dir", "status"),
                    process(m.get("qemu")), process(m.get("supervisor")), consoles, taps,
                    Json.optString(m, "error", "status"));
        } catch (JsonException | ClassCastException e) {
            throw new IOException(file + ": not a virtxml status file: " + e.getMessage(), e);
        }
    }

    private static Object process(ProcessInfo p) {
        return p == null ? null : Json.obj("pid", p.pid(), "start", p.startTicks());
    }

    private static ProcessInfo process(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> m = Json.asObject(o, "process");
        return new ProcessInfo(Json.asLong(m.get("pid"), "pid"), Json.asLong(m.get("start"), "start"));
    }
}
