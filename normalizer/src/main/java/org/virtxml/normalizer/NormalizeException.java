package org.virtxml.normalizer;

import org.virtxml.model.Located;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.XmlInputException;

/**
 * libvirt refuses the domain: the message is libvirt's own text (users match on it), the location is the element
 * it is about when the input has one. The document's path is filled in by the caller that knows it.
 */
public class NormalizeException extends XmlInputException {
    private static final long serialVersionUID = 1L;

    /** A refusal about the whole domain. */
    public NormalizeException(String libvirtMessage) {
        this(libvirtMessage, null);
    }

    /** A refusal about one element, located when it was parsed from a document. */
    public NormalizeException(String libvirtMessage, Located where) {
        super(new Diagnostic(null, where == null ? 0 : where.line(), where == null ? 0 : where.column(),
                libvirtMessage));
    }

    /** libvirt's message. */
    public String libvirtMessage() {
        return diagnostic().message();
    }
}
