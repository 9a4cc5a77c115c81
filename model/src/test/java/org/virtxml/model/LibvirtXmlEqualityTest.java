package org.virtxml.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison the corpus test relies on tolerates libvirt's changes and nothing else. */
class LibvirtXmlEqualityTest {

    private static int differences(String a, String b) {
        return LibvirtXmlEquality.unexplainedDifferences(a, b).size();
    }

    @Test
    void toleratesWhatLibvirtChanges() {
        assertEquals(0, differences("<d><b x='4'/><a/></d>", "<d><a/><b x='0x04'/></d>"));
        assertEquals(0, differences("<d><memory>1024</memory></d>", "<d><memory unit='KiB'>1024</memory></d>"));
        assertEquals(0, differences("<d><memory unit='MiB'>1</memory></d>", "<d><memory unit='KiB'>1024</memory></d>"));
        assertEquals(0, differences("<d><v cpuset='3,0-2,^1'/></d>", "<d><v cpuset='0,2-3'/></d>"));
        assertEquals(0, differences("<d><mac address='52:54:0:AB:cd:1'/></d>", "<d><mac address='52:54:00:ab:cd:01'/></d>"));
        assertEquals(0, differences("<d><ip address='2001:DB8:0:0::1'/></d>", "<d><ip address='2001:db8::1'/></d>"));
        assertEquals(0, differences("<d><usbdev class='-1' allow='yes'/></d>", "<d><usbdev allow='yes'/></d>"));
    }

    @Test
    void flagsEverythingElse() {
        assertTrue(differences("<d><b x='4'/></d>", "<d><b x='5'/></d>") > 0);
        assertTrue(differences("<d><b/></d>", "<d/>") > 0);
        assertTrue(differences("<d><b>t</b></d>", "<d><b>u</b></d>") > 0);
        assertTrue(differences("<d><memory unit='MiB'>1</memory></d>", "<d><memory unit='KiB'>2048</memory></d>") > 0);
        assertTrue(differences("<d><b x='1'/></d>", "<d><b/></d>") > 0);
        assertTrue(differences("<d><b/></d>", "<d><b y='1'/></d>") > 0);
        assertTrue(differences("<d><n name='v1'/></d>", "<d><n name='V1'/></d>") > 0);
    }
}
