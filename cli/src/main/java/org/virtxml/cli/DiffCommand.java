package org.virtxml.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.RandomSource;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Comparison;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.Difference;
import org.xmlunit.diff.ElementSelectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code virtxml diff A B}: what differs between two domains as libvirt sees them. Both are read through the model
 * and written in libvirt's layout first, so order, quoting and number spelling never show up as differences;
 * with {@code --normalize} both are compared as libvirt would define them (defaults filled in).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two domains as libvirt sees them; exit 0 when equal, 1 when they differ.")
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--normalize", description = "Compare what libvirt would define from each (defaults filled in; "
            + "generated UUIDs and MACs are not compared).")
    boolean normalize;

    @Mixin
    QemuProbeOption qemu;

    @Parameters(index = "0", paramLabel = "A", description = "The first domain (- reads standard input).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The second domain.")
    String b;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String left;
        String right;
        try {
            left = canonical(a);
            right = canonical(b);
        } catch (SourceText.UnreadableInputException e) {
            err.println(e.diagnostic().headline());
            err.flush();
            return ExitCodes.USAGE;
        } catch (XmlInputException e) {
            err.println(e.diagnostic().headline());
            err.flush();
            return ExitCodes.FAILED;
        }
        Diff diff = DiffBuilder.compare(left).withTest(right)
                .ignoreWhitespace()
                .withNodeMatcher(new DefaultNodeMatcher(DEVICE_IDENTITY, ElementSelectors.byName))
                .checkForSimilar()
                .build();
        List<String> lines = new ArrayList<>();
        for (Difference d : diff.getDifferences()) {
            if (d.getResult() != ComparisonResult.EQUAL) {
                String line = describe(d.getComparison());
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        lines.forEach(out::println);
        out.flush();
        return lines.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * Which elements are "the same device" on both sides: a disk by its target, an interface by its MAC, a
     * controller by type and index, a console/serial/channel by its target; anything else by name and position.
     */
    private static final org.xmlunit.diff.ElementSelector DEVICE_IDENTITY = ElementSelectors.and(
            ElementSelectors.byName,
            ElementSelectors.conditionalBuilder()
                    .whenElementIsNamed("disk").thenUse(ElementSelectors.byXPath("./target",
                            ElementSelectors.byNameAndAttributes("dev")))
                    .whenElementIsNamed("interface").thenUse(ElementSelectors.byXPath("./mac",
                            ElementSelectors.byNameAndAttributes("address")))
                    .whenElementIsNamed("controller").thenUse(ElementSelectors.byNameAndAttributes("type", "index"))
                    .whenElementIsNamed("hostdev").thenUse(ElementSelectors.byXPath("./source",
                            ElementSelectors.byNameAndAllAttributes))
                    .elseUse(ElementSelectors.byName)
                    .build());

    private String canonical(String operand) {
        SourceText src = Inputs.read(operand, System.in);
        Domain d = DomainXml.parse(src);
        if (normalize) {
            // the same seed on both sides: generated values are equal where both sides generate them
            new Normalizer(qemu.provider(), RandomSource.seeded(0)).normalize(d);
        }
        return DomainXml.format(d);
    }

    /** One line per difference: {@code changed|added|removed XPATH: old -> new}. */
    private static String describe(Comparison c) {
        Comparison.Detail l = c.getControlDetails();
        Comparison.Detail r = c.getTestDetails();
        ComparisonType t = c.getType();
        switch (t) {
            case ATTR_VALUE:
            case TEXT_VALUE:
                return "changed " + l.getXPath() + ": '" + l.getValue() + "' -> '" + r.getValue() + "'";
            case CHILD_LOOKUP:
                return l.getValue() == null ? "added " + r.getXPath() : "removed " + l.getXPath();
            case ATTR_NAME_LOOKUP:
                return l.getValue() == null ? "added " + attribute(r) : "removed " + attribute(l);
            case ELEMENT_TAG_NAME:
                return "changed " + l.getXPath() + ": <" + l.getValue() + "> -> <" + r.getValue() + ">";
            case CHILD_NODELIST_LENGTH:
            case ELEMENT_NUM_ATTRIBUTES:
            case CHILD_NODELIST_SEQUENCE:
            case NAMESPACE_PREFIX:
                // reported through the individual additions/removals, or not a difference libvirt sees
                return null;
            default:
                return "changed " + l.getXPath() + ": " + c;
        }
    }

    /** The attribute's XPath and, where the element has it, its value. */
    private static String attribute(Comparison.Detail d) {
        Object v = d.getValue();
        String name = v instanceof javax.xml.namespace.QName q ? q.getLocalPart() : String.valueOf(v);
        Node n = d.getTarget();
        String value = n instanceof org.w3c.dom.Element e ? e.getAttribute(name) : "";
        String path = d.getXPath().endsWith("/@" + name) ? d.getXPath() : d.getXPath() + "/@" + name;
        return path + (value.isEmpty() ? "" : " = '" + value + "'");
    }
}
