package org.virtxml.cli;

import java.io.IOException;
import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.RandomSource;
import org.virtxml.qemu.argv.QemuArgv;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.SourceText;
import org.virtxml.xml.XmlInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code virtxml argv}: the QEMU command line {@code virsh domxml-to-native qemu-argv} prints for a domain. The
 * domain is normalized first (libvirt parses it with the same post-parse as define), then built.
 */
@Command(name = "argv", mixinStandardHelpOptions = true,
        description = "Print the QEMU command line libvirt would run for a domain, shell-quoted on one line.")
final class ArgvCommand extends BatchCommand {

    @Mixin
    QemuProbeOption qemu;

    @Override
    String outputExtension() {
        return ".args";
    }

    @Override
    String transform(SourceText source) {
        Domain d = DomainXml.parse(source);
        CapsProvider caps = arch -> {
            try {
                return qemu.caps(arch);
            } catch (IOException e) {
                throw new XmlInputException(new Diagnostic(null, 0, 0, "cannot probe QEMU: " + e.getMessage()));
            }
        };
        new Normalizer(caps, RandomSource.secure()).normalize(d);
        try {
            return new QemuArgv(caps, System.getenv("PATH")).render(d);
        } catch (XmlInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bug must not stop the batch: this document fails, the others still get their result
            throw new XmlInputException(new Diagnostic(null, 0, 0, INTERNAL_ERROR + e));
        }
    }
}
