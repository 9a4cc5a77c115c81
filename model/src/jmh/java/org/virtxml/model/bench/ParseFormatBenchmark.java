package org.virtxml.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.xml.SourceText;

/**
 * Time to parse a domain into the model and format it back, per document, over the corpus's define.xml files
 * (each invocation takes the next document, so the figure is the corpus average).
 *
 * <p>Run: {@code mvn -q -Pbenchmarks -pl model -am test-compile exec:exec -Dexec.skip=true
 * -Dexec.executable=java} (the skip and executable settings let the other reactor modules pass over
 * {@code exec:exec}); the corpus comes from {@code -Dvirtxml.shared}, default {@code ../shared}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseFormatBenchmark {
    private List<SourceText> documents;
    private List<Domain> parsed;
    private int next;

    /** Reads the corpus into memory once, so the benchmark measures no I/O. */
    @Setup
    public void load() throws IOException {
        Path domains = Path.of(System.getProperty("virtxml.shared", "../shared"), "corpus", "domains");
        try (Stream<Path> s = Files.list(domains)) {
            documents = s.map(d -> d.resolve("define.xml")).filter(Files::isRegularFile).sorted()
                    .map(SourceText::read).toList();
        }
        if (documents.isEmpty()) {
            throw new IllegalStateException("no define.xml under " + domains);
        }
        parsed = documents.stream().map(DomainXml::parse).toList();
    }

    private int nextIndex() {
        int i = next;
        next = (next + 1) % documents.size();
        return i;
    }

    /** Parse and format one document. */
    @Benchmark
    public String parseAndFormat() {
        return DomainXml.format(DomainXml.parse(documents.get(nextIndex())));
    }

    /** Parse one document. */
    @Benchmark
    public Domain parse() {
        return DomainXml.parse(documents.get(nextIndex()));
    }

    /** Format one already parsed document. */
    @Benchmark
    public String format() {
        return DomainXml.format(parsed.get(nextIndex()));
    }
}
