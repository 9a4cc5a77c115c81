package org.virtxml.cli;

import org.virtxml.model.DomainXml;
import org.virtxml.xml.SourceText;
import picocli.CommandLine.Command;

/**
 * {@code virtxml format}: reads a domain into the model and writes it back as libvirt formats it, adding nothing
 * (no defaults), so two documents can be compared the way libvirt would print them.
 */
@Command(name = "format", mixinStandardHelpOptions = true,
        description = "Write a domain back in libvirt's layout, without adding defaults.")
final class FormatCommand extends BatchCommand {

    @Override
    String outputExtension() {
        return ".xml";
    }

    @Override
    String transform(SourceText source) {
        return DomainXml.format(DomainXml.parse(source));
    }
}
