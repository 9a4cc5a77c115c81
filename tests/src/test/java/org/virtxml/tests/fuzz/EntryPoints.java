package org.virtxml.tests.fuzz;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.RandomSource;
import org.virtxml.qemu.argv.QemuArgv;
import org.virtxml.schema.SchemaKind;
import org.virtxml.schema.Schemas;
import org.virtxml.schema.ValidationResult;
import org.virtxml.schema.XmlValidator;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;

/**
 * The four library entry points the fuzz tests drive, each run the way the CLI runs it on one document. A
 * refusal ({@link XmlInputException} and its subclasses, which the CLI prints as a diagnostic with exit code 1)
 * is a normal outcome; any other exception or error escapes and is a finding. Diagnostics are rendered too, as
 * the CLI renders them, because a caret past the end of a line must not crash either.
 */
public final class EntryPoints {
    private static final XmlValidator VALIDATOR = new XmlValidator();
    private static final CapsProvider CAPS = CapsProvider.builtin();
    /** What {@code SafeXml} writes when a parser or validator failed with a RuntimeException (a bug, not a verdict). */
    private static final String SWALLOWED_CRASH = "cannot parse: ";
    /** A fixed PATH so the argv output does not depend on the environment. */
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private EntryPoints() {
    }

    /**
     * Does the one-off work of the first run of each entry point (compiling every kind's schema, the JAXB context
     * the model falls back on, the capability profile) so that it is not charged to whichever input comes first:
     * the fuzzer gives each input one second.
     */
    public static void warmUp() {
        for (SchemaKind k : SchemaKind.values()) {
            if (Schemas.available(k)) {
                Schemas.get(k);
            }
        }
        DomainXml.warmUp();
        byte[] sample = ("<domain type='kvm'><name>w</name><memory>65536</memory><os><type arch='x86_64'>hvm</type>"
                + "</os><devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        validate(sample);
        format(sample);
        normalize(sample);
        argv(sample);
    }

    /** {@code virtxml validate}: the kind detected from the root element, every error collected. */
    public static void validate(byte[] input) {
        SourceText src = source(input);
        if (src == null) {
            return;
        }
        ValidationResult r = VALIDATOR.validate(src, null);
        for (Diagnostic d : r.errors()) {
            d.render(src);
            if (d.message().startsWith(SWALLOWED_CRASH)) {
                throw new AssertionError("the validator crashed and reported it as a verdict: " + d.message());
            }
        }
    }

    /** {@code virtxml format}: parse into the model and write it back. */
    public static void format(byte[] input) {
        SourceText src = source(input);
        if (src == null) {
            return;
        }
        try {
            DomainXml.format(DomainXml.parse(src));
        } catch (XmlInputException e) {
            e.diagnostic().render(src);
        }
    }

    /** {@code virtxml normalize}: parse, normalize with the built-in QEMU 7.2 profile, format. */
    public static void normalize(byte[] input) {
        SourceText src = source(input);
        if (src == null) {
            return;
        }
        try {
            Domain d = DomainXml.parse(src);
            DomainXml.format(new Normalizer(CAPS, RandomSource.seeded(1)).normalize(d));
        } catch (XmlInputException e) {
            e.diagnostic().render(src);
        }
    }

    /** {@code virtxml argv}: parse, normalize, build and render the QEMU command line. */
    public static void argv(byte[] input) {
        SourceText src = source(input);
        if (src == null) {
            return;
        }
        try {
            Domain d = DomainXml.parse(src);
            new Normalizer(CAPS, RandomSource.seeded(1)).normalize(d);
            new QemuArgv(CAPS, PATH).render(d);
        } catch (XmlInputException e) {
            e.diagnostic().render(src);
        }
    }

    /** The document as the CLI reads it, or null when it is refused for its size before any parsing. */
    private static SourceText source(byte[] input) {
        try {
            return SourceText.of("fuzz.xml", input);
        } catch (XmlInputException tooLarge) {
            tooLarge.diagnostic().render(null);
            return null;
        }
    }
}
