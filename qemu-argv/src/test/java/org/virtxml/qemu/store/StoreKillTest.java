package org.virtxml.qemu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during {@code define}: a child JVM redefines a 2-3 MB config in a loop and is SIGKILLed at a random
 * moment, again and again; after every kill the store must hold exactly the old or the new config, complete and
 * parseable, never a torn or mixed one. Kills of the whole define path mostly land in normalizing and formatting,
 * so a second phase kills a child that only does define's file write ({@link AtomicFiles#write}), where most
 * kills hit the middle of a write; that phase must see such kills (temporary files left behind), or it proved
 * nothing.
 */
class StoreKillTest {
    private static final int DEFINE_KILLS = 6;
    private static final int WRITE_KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void killedDefinesLeaveTheOldOrTheNewConfig() throws Exception {
        Path store = dir.resolve("store");
        Random random = new Random(Long.getLong("virtxml.killtest.seed", System.nanoTime()));
        int[] defineRun = killRepeatedly(store, List.of("define", store.toString()), DEFINE_KILLS, 1500, random);

        Path a = dir.resolve("a.xml");
        Path b = dir.resolve("b.xml");
        Files.writeString(a, DomainStore.render(DefineLoop.big('A', DefineLoop.SIZE_A)));
        Files.writeString(b, DomainStore.render(DefineLoop.big('B', DefineLoop.SIZE_B)));
        int[] writeRun = killRepeatedly(store, List.of("write", store.toString(), a.toString(), b.toString()),
                WRITE_KILLS, 300, random);
        System.out.println("StoreKillTest: define loop: " + DEFINE_KILLS + " kills after " + defineRun[0]
                + " defines, " + defineRun[1] + " mid-write; write loop: " + WRITE_KILLS + " kills after "
                + writeRun[0] + " writes, " + writeRun[1] + " mid-write");
        assertTrue(writeRun[1] >= WRITE_KILLS / 4, "too few kills hit a write (" + writeRun[1] + " of "
                + WRITE_KILLS + "): the test did not exercise the window it is about");
    }

    /** Runs and kills the child {@code kills} times; returns {rounds completed, kills that left a temp file}. */
    private static int[] killRepeatedly(Path store, List<String> args, int kills, int maxDelayMillis, Random random)
            throws Exception {
        int rounds = 0;
        int midWrite = 0;
        for (int i = 0; i < kills; i++) {
            List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    DefineLoop.class.getName()));
            cmd.addAll(args);
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            AtomicInteger done = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("defined")) {
                            done.incrementAndGet();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the child was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (done.get() == 0 && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(done.get() > 0, "the child never completed a round");
            Thread.sleep(random.nextInt(maxDelayMillis));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(5000);
            rounds += done.get();
            try (var s = Files.list(store)) {
                if (s.anyMatch(p -> AtomicFiles.isTemporary(p.getFileName().toString()))) {
                    midWrite++;
                }
            }
            checkStore(store);
        }
        return new int[] {rounds, midWrite};
    }

    /** Exactly one config, complete: all As (the 3 MB one) or all Bs (the 2 MB one). */
    private static void checkStore(Path store) throws Exception {
        List<StoredDomain> all = new DomainStore(store).list();
        assertEquals(1, all.size(), () -> all.toString());
        StoredDomain s = all.get(0);
        assertTrue(s.ok(), s.problem());
        String desc = s.domain().getDescription();
        boolean a = desc.length() == DefineLoop.SIZE_A && desc.chars().allMatch(c -> c == 'A');
        boolean b = desc.length() == DefineLoop.SIZE_B && desc.chars().allMatch(c -> c == 'B');
        assertTrue(a || b, "description of " + desc.length() + " characters is neither config");
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }
}
