package org.virtxml.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void splitsLikePosixShell() {
        assertEquals(List.of("A=1", "-device", "{\"driver\":\"x\",\"id\":\"a b\"}", "it's"),
                ShellWords.split("A=1 -device '{\"driver\":\"x\",\"id\":\"a b\"}' it\\'s"));
        assertEquals(List.of("a\"b", "c d", "e"), ShellWords.split("\"a\\\"b\" c' 'd  e \\\n"));
        assertNull(ShellWords.split("'open"));
    }

    @Test
    void masksWhatIsRandom() {
        Masking.Argv a = Masking.argv("PATH=/x HOME=/h qemu -uuid 1234-ab -netdev tap,fd=23 "
                + "-device '{\"mac\":\"52:54:00:aa:bb:cc\"}'", "<domain/>");
        assertEquals(List.of("PATH", "HOME=/h"), a.env());
        assertEquals(List.of("qemu", "-uuid", "UUID", "-netdev", "tap,fd=FD", "-device", "{\"mac\":\"MAC\"}"), a.words());
        assertEquals("<uuid>UUID</uuid><mac address='52:54:00:00:00:01'/><mac address='MAC'/>",
                Masking.xml("<uuid>x</uuid><mac address='52:54:00:00:00:01'/><mac address='52:54:00:00:00:02'/>",
                        "<domain><mac address='52:54:00:00:00:01'/></domain>"));
    }
}
