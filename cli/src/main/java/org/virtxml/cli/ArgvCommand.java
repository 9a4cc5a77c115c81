package org.virtxml.cli;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.CapsProvider;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.RandomSource;
import org.virtxml.qemu.argv.QemuArgv;
import org.virtxml.xml.SourceText;
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
        CapsProvider caps = qemu.provider();
        new Normalizer(caps, RandomSource.secure()).normalize(d);
        return new QemuArgv(caps, System.getenv("PATH")).render(d);
    }
}
