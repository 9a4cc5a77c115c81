package org.virtxml.qemu.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxml.json.Json;
import org.virtxml.json.JsonException;
import org.virtxml.json.JsonWriter;
import org.virtxml.model.DomainLifecycleAction;
import org.virtxml.qemu.store.AtomicFiles;

/**
 * What the {@link Supervisor} of one run is told to do: the exact QEMU command and environment, where the
 * monitor, status and log are, the lifecycle actions, and what to clean up afterwards. The launching command
 * writes it as {@code launch.json} in the domain directory; the supervisor only reads it.
 *
 * @param name        the domain name
 * @param argv        the emulator and its arguments
 * @param environment QEMU's whole environment
 * @param dir         the domain directory
 * @param monitor     the supervisor's QMP socket
 * @param statusFile  the domain's status file
 * @param logFile     the domain's log
 * @param onPoweroff  {@code on_poweroff}
 * @param onReboot    {@code on_reboot}
 * @param onCrash     {@code on_crash}
 * @param paused      leave the vCPUs stopped after start ({@code start --paused})
 * @param consoles    the chardevs to look up for consoles: device alias to chardev id
 * @param taps        tap devices to delete when QEMU is gone
 * @param dumpDir     where {@code coredump-*} crash actions write the guest memory
 * @param timeout     how long QEMU may take to open its monitor, and each monitor command to be answered
 */
public record LaunchSpec(String name, List<String> argv, Map<String, String> environment, Path dir, Path monitor,
        Path statusFile, Path logFile, DomainLifecycleAction onPoweroff, DomainLifecycleAction onReboot,
        DomainLifecycleAction onCrash, boolean paused, Map<String, String> consoles, List<String> taps, Path dumpDir,
        Duration timeout) {

    /** Writes the spec (owner-only: the command line may name secrets' files). */
    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("argv", new ArrayList<Object>(argv));
        m.put("environment", new LinkedHashMap<String, Object>(environment));
        m.put("dir", dir.toString());
        m.put("monitor", monitor.toString());
        m.put("statusFile", statusFile.toString());
        m.put("logFile", logFile.toString());
        m.put("onPoweroff", onPoweroff.xml());
        m.put("onReboot", onReboot.xml());
        m.put("onCrash", onCrash.xml());
        m.put("paused", paused);
        m.put("consoles", new LinkedHashMap<String, Object>(consoles));
        m.put("taps", new ArrayList<Object>(taps));
        m.put("dumpDir", dumpDir.toString());
        m.put("timeoutMillis", timeout.toMillis());
        AtomicFiles.write(file, (JsonWriter.pretty().write(m) + "\n").getBytes(StandardCharsets.UTF_8),
                AtomicFiles.PRIVATE);
    }

    /** Reads a spec written by {@link #write}. */
    public static LaunchSpec read(Path file) throws IOException {
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, String> env = new LinkedHashMap<>();
            Json.asObject(m.get("environment"), "environment").forEach((k, v) -> env.put(k, Json.asString(v, k)));
            Map<String, String> consoles = new LinkedHashMap<>();
            Json.asObject(m.get("consoles"), "consoles").forEach((k, v) -> consoles.put(k, Json.asString(v, k)));
            return new LaunchSpec(Json.string(m, "name", "launch"), Json.optStrings(m, "argv", "launch"), env,
                    Path.of(Json.string(m, "dir", "launch")), Path.of(Json.string(m, "monitor", "launch")),
                    Path.of(Json.string(m, "statusFile", "launch")), Path.of(Json.string(m, "logFile", "launch")),
                    action(m, "onPoweroff"), action(m, "onReboot"), action(m, "onCrash"),
                    Json.optBoolean(m, "paused", false, "launch"), consoles, Json.optStrings(m, "taps", "launch"),
                    Path.of(Json.string(m, "dumpDir", "launch")),
                    Duration.ofMillis(Json.asLong(m.get("timeoutMillis"), "timeoutMillis")));
        } catch (JsonException | ClassCastException e) {
            throw new IOException(file + ": not a virtxml launch file: " + e.getMessage(), e);
        }
    }

    private static DomainLifecycleAction action(Map<String, Object> m, String key) {
        DomainLifecycleAction a = DomainLifecycleAction.fromXml(Json.string(m, key, "launch"));
        if (a == null) {
            throw new JsonException("unknown " + key + " action '" + m.get(key) + "'");
        }
        return a;
    }
}
