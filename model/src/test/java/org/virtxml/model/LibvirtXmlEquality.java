package org.virtxml.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.virtxml.model.bind.CpuSetAdapter;
import org.virtxml.model.bind.InvalidValueException;
import org.virtxml.model.bind.IpAddressAdapter;
import org.virtxml.model.bind.MacAdapter;
import org.virtxml.model.bind.NumberAdapters;
import org.virtxml.model.bind.UuidAdapter;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Comparison;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.Difference;
import org.xmlunit.diff.DifferenceEvaluator;
import org.xmlunit.diff.DifferenceEvaluators;
import org.xmlunit.diff.ElementSelectors;

/**
 * Compares an input document with what the model wrote for it, allowing exactly the changes libvirt's own parse
 * and format make, and nothing else.
 *
 * <p>The tolerated differences, each a thing libvirt itself does when it reads a document and writes it back:
 * <ol>
 *   <li><b>Order.</b> libvirt writes children in its fixed order (devices grouped by kind, {@code <os>} and
 *       {@code <features>} children in enum order, ...), not the input's; elements the model does not know are
 *       written after the known ones. Same-named siblings keep their relative order, so children are matched
 *       by name in order.</li>
 *   <li><b>Attribute order, quoting, whitespace between elements, namespace prefixes.</b> Not differences in
 *       XML terms; libvirt writes {@code qemu:} whatever prefix the input used.</li>
 *   <li><b>Number spelling.</b> libvirt stores numbers and prints them its way: PCI addresses in hex
 *       ({@code slot='4'} becomes {@code slot='0x04'}), hex digits in its case, leading zeros dropped, USB
 *       versions with two minor digits ({@code 9.4} is {@code 9.40}).</li>
 *   <li><b>Sizes converted to libvirt's unit.</b> Memory sizes become KiB (rounded up) with {@code unit='KiB'}
 *       added when it was missing ({@code units='KiB'} for a RAM filesystem), cache sizes bytes, shared memory whole MiB, SMM TSEG the largest exact
 *       unit. The size in bytes must agree within one printed unit.</li>
 *   <li><b>CPU and node sets canonical.</b> {@code 1-2,5-7,^6} is printed {@code 1-2,5,7}.</li>
 *   <li><b>UUID, MAC and IP address spelling.</b> Printed lower case, UUIDs with dashes in the standard places,
 *       MACs with two digits per group, IP addresses as {@code inet_ntop} writes them.</li>
 *   <li><b>"Any" in USB redirection filters.</b> {@code class='-1'} (and vendor, product, version) means any
 *       and libvirt does not print it.</li>
 *   <li><b>No XML declaration.</b> libvirt never writes one.</li>
 * </ol>
 */
final class LibvirtXmlEquality {

    /** Attributes holding CPU or node sets. */
    private static final Set<String> SET_ATTRIBUTES = Set.of("cpuset", "nodeset", "cpus", "vcpus", "iothreads");

    /** Attributes or text holding a UUID, a MAC address or an IP address. */
    private static final Set<String> ID_NAMES = Set.of("uuid", "instanceid", "interfaceid", "portid", "secret",
            "switchid", "address", "peer", "gateway", "netmask");

    /**
     * What an absent {@code unit} means for each scaled element, as a multiplier to bytes; elements not listed
     * default to KiB, which is what libvirt assumes for guest memory sizes.
     */
    private static final Map<String, Long> DEFAULT_UNIT = Map.of(
            "max_size", 1L,
            "tseg", 1024L * 1024,
            "space_hard_limit", 1L,
            "space_soft_limit", 1L);

    private LibvirtXmlEquality() {
    }

    /** The differences between the two documents that libvirt's parse and format would not make. */
    static List<String> unexplainedDifferences(String input, String formatted) {
        Diff diff = DiffBuilder.compare(input).withTest(formatted)
                .ignoreWhitespace()
                .ignoreComments()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default, TOLERATED))
                .checkForSimilar()
                .build();
        List<String> out = new ArrayList<>();
        for (Difference d : diff.getDifferences()) {
            if (d.getResult() == ComparisonResult.DIFFERENT) {
                Comparison c = d.getComparison();
                out.add(c.getType() + " at " + c.getControlDetails().getXPath() + ": '"
                        + c.getControlDetails().getValue() + "' became '" + c.getTestDetails().getValue() + "'");
            }
        }
        return out;
    }

    private static final DifferenceEvaluator TOLERATED = (comparison, outcome) -> {
        if (outcome != ComparisonResult.DIFFERENT) {
            return outcome;
        }
        return tolerated(comparison) ? ComparisonResult.SIMILAR : outcome;
    };

    private static boolean tolerated(Comparison c) {
        ComparisonType type = c.getType();
        Node control = c.getControlDetails().getTarget();
        Node test = c.getTestDetails().getTarget();
        switch (type) {
            case CHILD_NODELIST_SEQUENCE, NAMESPACE_PREFIX, XML_VERSION, XML_STANDALONE, XML_ENCODING,
                 HAS_DOCTYPE_DECLARATION, ELEMENT_NUM_ATTRIBUTES -> {
                // order (1), prefixes (2), the declaration (8); attribute counts are judged attribute by attribute
                return true;
            }
            case ATTR_NAME_LOOKUP -> {
                return addedUnit(c) || droppedAny(c);
            }
            case ATTR_VALUE -> {
                Attr a = (Attr) (control != null ? control : test);
                String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
                String cv = String.valueOf(c.getControlDetails().getValue());
                String tv = String.valueOf(c.getTestDetails().getValue());
                return sameNumber(cv, tv)
                        || (name.equals("version") && sameUsbVersion(cv, tv))
                        || (SET_ATTRIBUTES.contains(name) && sameSet(cv, tv))
                        || (ID_NAMES.contains(name) && sameId(cv, tv))
                        || sameScaledSize(((Attr) control).getOwnerElement(), ((Attr) test).getOwnerElement());
            }
            case TEXT_VALUE -> {
                String cv = String.valueOf(c.getControlDetails().getValue()).strip();
                String tv = String.valueOf(c.getTestDetails().getValue()).strip();
                Node parent = control == null ? null : control.getParentNode();
                String name = parent == null ? "" : parent.getNodeName();
                return sameNumber(cv, tv)
                        || (name.equals("uuid") && sameId(cv, tv))
                        || (control != null && test != null
                            && sameScaledSize((Element) control.getParentNode(), (Element) test.getParentNode()));
            }
            default -> {
                return false;
            }
        }
    }

    /** (4) libvirt prints {@code unit} on every scaled size. */
    private static boolean addedUnit(Comparison c) {
        String added = String.valueOf(c.getTestDetails().getValue());
        return c.getControlDetails().getValue() == null && (added.equals("unit") || added.equals("units"));
    }

    /** (7) a USB redirection filter's "any" value is not printed. */
    private static boolean droppedAny(Comparison c) {
        if (c.getTestDetails().getValue() != null || !(c.getControlDetails().getTarget() instanceof Element e)) {
            return false;
        }
        String name = String.valueOf(c.getControlDetails().getValue());
        return e.getLocalName().equals("usbdev") && "-1".equals(e.getAttribute(name));
    }

    /** (3) two spellings of the same integer in C's bases (hex digits in either case, leading zeros). */
    static boolean sameNumber(String a, String b) {
        BigInteger x = number(a);
        BigInteger y = number(b);
        return x != null && x.equals(y);
    }

    private static BigInteger number(String s) {
        String t = s.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return new BigInteger(t.substring(2), 16);
            }
            if (t.matches("[0-9]+")) {
                return new BigInteger(t);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** (3) a USB version in libvirt's two-digit minor form ({@code 9.4} means {@code 9.40}). */
    private static boolean sameUsbVersion(String a, String b) {
        try {
            NumberAdapters.UsbVersion v = new NumberAdapters.UsbVersion();
            return v.unmarshal(a) != null && v.unmarshal(a).equals(v.unmarshal(b));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** (5) two spellings of the same CPU or node set. */
    private static boolean sameSet(String a, String b) {
        try {
            BitSet x = a.isBlank() ? new BitSet() : CpuSetAdapter.parse(a);
            BitSet y = b.isBlank() ? new BitSet() : CpuSetAdapter.parse(b);
            return x.equals(y);
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** (6) a UUID, MAC or IP address spelled differently (case, dashes, leading zeros, zero groups). */
    private static boolean sameId(String a, String b) {
        for (java.util.function.UnaryOperator<String> canonical : List.<java.util.function.UnaryOperator<String>>of(
                UuidAdapter::canonical, LibvirtXmlEquality::mac, IpAddressAdapter::canonical)) {
            try {
                if (canonical.apply(a).equals(canonical.apply(b))) {
                    return true;
                }
            } catch (InvalidValueException e) {
                // not this kind of id
            }
        }
        return false;
    }

    private static String mac(String s) {
        try {
            return new MacAdapter().unmarshal(s);
        } catch (RuntimeException e) {
            throw new InvalidValueException(s, "a MAC address");
        }
    }

    /** (4) two size elements that say the same number of bytes, up to rounding to the unit printed. */
    private static boolean sameScaledSize(Element control, Element test) {
        if (control == null || test == null) {
            return false;
        }
        long[] c = bytes(control);
        long[] t = bytes(test);
        if (c == null || t == null) {
            return false;
        }
        return Math.abs(c[0] - t[0]) < Math.max(c[1], t[1]);
    }

    /** The size an element states, in bytes, and the multiplier of its unit; null when it is not a size. */
    private static long[] bytes(Element e) {
        String value = null;
        String unitAttr = e.hasAttribute("units") ? "units" : "unit";
        for (String attr : List.of("memory", "size", "value", "usage")) {
            if (e.hasAttribute(attr) && (e.hasAttribute(unitAttr) || attr.equals("memory"))) {
                value = e.getAttribute(attr);
            }
        }
        if (value == null) {
            value = e.getTextContent();
        }
        BigInteger v = number(value == null ? "" : value);
        if (v == null) {
            return null;
        }
        long multiplier = e.hasAttribute(unitAttr)
                ? unitMultiplier(e.getAttribute(unitAttr))
                : DEFAULT_UNIT.getOrDefault(e.getLocalName(), 1024L);
        if (multiplier <= 0) {
            return null;
        }
        return new long[] {v.longValue() * multiplier, multiplier};
    }

    private static long unitMultiplier(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("bytes") || u.equals("byte")) {
            return 1;
        }
        int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
        if (power == 0) {
            return -1;
        }
        long base = u.length() == 2 && u.charAt(1) == 'b' ? 1000 : 1024;
        long m = 1;
        for (int i = 0; i < power; i++) {
            m *= base;
        }
        return m;
    }
}
