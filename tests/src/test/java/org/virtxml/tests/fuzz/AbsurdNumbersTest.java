package org.virtxml.tests.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.virtxml.tests.Corpus;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * No allocation, loop or wait proportional to a number read from the input: every number in a stride of corpus
 * domains (attribute values and element texts that are integers) is set, one at a time, to values far beyond
 * anything libvirt can use, and {@code normalize} then {@code argv} must answer (output or refusal) within
 * {@value #CPU_LIMIT_MS} ms of CPU time and {@value #ALLOC_LIMIT_BYTES} bytes of allocation, without an exception
 * other than a refusal.
 *
 * <p>CPU time, not wall time, is measured so that a loaded CI machine cannot make the test fail; a wall-clock
 * guard of {@value #WALL_LIMIT_MS} ms catches real hangs. {@code -Dvirtxml.absurd.stride=1} runs every corpus
 * domain (about 20 minutes).
 */
class AbsurdNumbersTest {
    /** What each number is replaced by: 2^31-1, 2^32-1 (what "-1" means to libvirt's unsigned parser), 2^64-1. */
    static final List<String> VALUES = List.of("2147483647", "4294967295", "18446744073709551615", "100000",
            "0xffffffff");
    static final long CPU_LIMIT_MS = 1000;
    /** Bytes one run may allocate in all (garbage included); a small domain needs a few MB. */
    static final long ALLOC_LIMIT_BYTES = 128L << 20;
    static final long WALL_LIMIT_MS = 10_000;
    private static final Pattern NUMBER = Pattern.compile("\\s*(0x[0-9a-fA-F]+|[0-9]+)\\s*");

    @Test
    void absurdNumbersAreAnsweredQuickly() throws Exception {
        int stride = Integer.getInteger("virtxml.absurd.stride", 20);
        List<Path> cases = Corpus.domainCases();
        Map<String, String> problems = new LinkedHashMap<>();
        int runs = 0;
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Transformer out = TransformerFactory.newInstance().newTransformer();
        for (int c = 0; c < cases.size(); c += stride) {
            Path input = cases.get(c).resolve("input.xml");
            Document doc = dbf.newDocumentBuilder().parse(input.toFile());
            for (Node n : numbers(doc.getDocumentElement(), new ArrayList<>())) {
                String original = n.getNodeValue();
                for (String v : VALUES) {
                    String key = path(n) + "=" + v;
                    if (problems.containsKey(key)) {
                        // one failure per place and value is enough, and a hang costs the whole wall-clock guard
                        continue;
                    }
                    n.setNodeValue(v);
                    StringWriter w = new StringWriter();
                    out.transform(new DOMSource(doc), new StreamResult(w));
                    byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
                    String problem = run(bytes);
                    runs++;
                    if (problem != null) {
                        problems.putIfAbsent(key, cases.get(c).getFileName() + ": " + problem);
                    }
                }
                n.setNodeValue(original);
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder(problems.size() + " of " + runs + " runs failed:\n");
            problems.forEach((k, p) -> b.append("  ").append(k).append(" (").append(p).append(")\n"));
            fail(b.toString());
        }
    }

    /** Runs normalize then argv on one document in its own thread; null when it answered in time. */
    @SuppressWarnings({"deprecation", "removal"})
    static String run(byte[] doc) throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Throwable[] thrown = new Throwable[1];
        long[] cpuNanos = new long[1];
        long[] allocated = new long[1];
        Thread t = new Thread(() -> {
            long before = mx.getCurrentThreadAllocatedBytes();
            try {
                EntryPoints.normalize(doc);
                EntryPoints.argv(doc);
            } catch (Throwable e) {
                thrown[0] = e;
            }
            cpuNanos[0] = mx.getCurrentThreadCpuTime();
            allocated[0] = mx.getCurrentThreadAllocatedBytes() - before;
        }, "absurd-numbers");
        t.setDaemon(true);
        t.start();
        t.join(WALL_LIMIT_MS);
        if (t.isAlive()) {
            StackTraceElement[] stack = t.getStackTrace();
            // a runaway loop never ends on its own; stop it so the rest of the test can run
            t.stop();
            t.join(1000);
            return "still running after " + WALL_LIMIT_MS + " ms at " + firstOwnFrame(stack);
        }
        if (thrown[0] != null) {
            return thrown[0] + " at " + firstOwnFrame(thrown[0].getStackTrace());
        }
        long ms = cpuNanos[0] / 1_000_000;
        if (ms > CPU_LIMIT_MS) {
            return "took " + ms + " ms of CPU time";
        }
        return allocated[0] > ALLOC_LIMIT_BYTES ? "allocated " + (allocated[0] >> 20) + " MiB" : null;
    }

    private static String firstOwnFrame(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("org.virtxml.") && !e.getClassName().startsWith("org.virtxml.tests.")) {
                return e.toString();
            }
        }
        return stack.length > 0 ? stack[0].toString() : "?";
    }

    /** Attributes and text nodes holding an integer, in document order. */
    private static List<Node> numbers(Element e, List<Node> out) {
        NamedNodeMap atts = e.getAttributes();
        for (int i = 0; i < atts.getLength(); i++) {
            if (NUMBER.matcher(atts.item(i).getNodeValue()).matches()) {
                out.add(atts.item(i));
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                numbers(ce, out);
            } else if (c.getNodeType() == Node.TEXT_NODE && NUMBER.matcher(c.getNodeValue()).matches()) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code /domain/devices/disk/address@controller} or {@code /domain/vcpu/text()}. */
    private static String path(Node n) {
        StringBuilder b = new StringBuilder();
        Node cur = n instanceof Attr a ? a.getOwnerElement() : n.getParentNode();
        while (cur instanceof Element ce) {
            b.insert(0, "/" + ce.getLocalName());
            cur = ce.getParentNode();
        }
        return b + (n instanceof Attr a ? "@" + a.getName() : "/text()");
    }
}
