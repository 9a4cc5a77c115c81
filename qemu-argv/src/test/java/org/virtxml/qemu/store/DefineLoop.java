package org.virtxml.qemu.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;

/**
 * The child process of {@link StoreKillTest}, looping until it is killed, printing {@code defined N} after each
 * round.
 * <ul>
 * <li>{@code define STORE}: {@link DomainStore#define} of the same domain, alternating two large configs: the
 * whole define path.</li>
 * <li>{@code write STORE A B}: {@link AtomicFiles#write} of the two configs' rendered files {@code A} and
 * {@code B} to {@code STORE/big.xml}: the only step of define that touches the config file, at a rate that puts
 * most kills in the middle of a write.</li>
 * </ul>
 */
public final class DefineLoop {
    /** Sizes of the two configs' descriptions: different, so a mix of the two would be seen. */
    static final int SIZE_A = 3_000_000;
    static final int SIZE_B = 2_000_000;
    static final String UUID = "5a1e7a1e-0000-4000-8000-000000000001";

    private DefineLoop() {
    }

    /** See the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("define")) {
            DomainStore store = new DomainStore(dir);
            Domain a = big('A', SIZE_A);
            Domain b = big('B', SIZE_B);
            for (long n = 0; ; n++) {
                store.define(n % 2 == 0 ? a : b, d -> d);
                System.out.println("defined " + n);
                System.out.flush();
            }
        }
        byte[] a = Files.readAllBytes(Path.of(args[2]));
        byte[] b = Files.readAllBytes(Path.of(args[3]));
        Path target = dir.resolve("big.xml");
        for (long n = 0; ; n++) {
            AtomicFiles.write(target, n % 2 == 0 ? a : b, AtomicFiles.PRIVATE);
            System.out.println("defined " + n);
            System.out.flush();
        }
    }

    /** The domain {@code big} with a description of {@code size} times {@code fill}. */
    static Domain big(char fill, int size) {
        Domain d = DomainXml.parse("<domain type='qemu'><name>big</name><uuid>" + UUID + "</uuid>"
                + "<memory unit='KiB'>65536</memory><os><type arch='x86_64'>hvm</type></os></domain>");
        d.setDescription(String.valueOf(fill).repeat(size));
        return d;
    }
}
