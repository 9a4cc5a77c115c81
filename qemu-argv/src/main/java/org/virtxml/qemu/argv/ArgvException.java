package org.virtxml.qemu.argv;

import org.virtxml.model.Located;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.XmlInputException;

/**
 * libvirt refuses to build the command line: the message is libvirt's own text (users match on it), the location
 * is the element it is about when the input has one. The document's path is filled in by the caller that knows it.
 */
public class ArgvException extends XmlInputException {
    private static final long serialVersionUID = 1L;

    /** A refusal about the whole domain. */
    public ArgvException(String libvirtMessage) {
        this(libvirtMessage, null);
    }

    /** A refusal about one element, located when it was parsed from a document. */
    public ArgvException(String libvirtMessage, Located where) {
        super(new Diagnostic(null, where == null ? 0 : where.line(), where == null ? 0 : where.column(),
                libvirtMessage));
    }

    /** libvirt's message. */
    public String libvirtMessage() {
        return diagnostic().message();
    }
}
