package org.virtxml.cli;

import org.virtxml.model.Domain;
import org.virtxml.model.DomainXml;
import org.virtxml.normalizer.Normalizer;
import org.virtxml.normalizer.RandomSource;
import org.virtxml.xml.SourceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code virtxml normalize}: what {@code virsh define} + {@code virsh dumpxml --inactive} makes of a domain. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = "Print a domain as libvirt defines it: every default filled in, addresses assigned.")
final class NormalizeCommand extends BatchCommand {

    @Mixin
    QemuProbeOption qemu;

    @Override
    String outputExtension() {
        return ".xml";
    }

    @Override
    String transform(SourceText source) {
        Domain d = DomainXml.parse(source);
        return DomainXml.format(new Normalizer(qemu.provider(), RandomSource.secure()).normalize(d));
    }
}
