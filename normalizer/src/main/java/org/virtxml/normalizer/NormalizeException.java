package org.virtxml.normalizer;

import org.virtxml.model.Located;
import org.virtxml.xml.Diagnostic;
import org.virtxml.xml.XmlInputException;

/**
 * libvirt refuses the domain: the message is libvirt's own text as virsh prints it (users match on it), including
 * the prefix libvirt's error code gives it ("unsupported configuration: ", "XML error: ", ...; the factory methods
 * add it), the location is the element it is about when the input has one. The document's path is filled in by
 * the caller that knows it.
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

    /** VIR_ERR_CONFIG_UNSUPPORTED: printed as "unsupported configuration: MESSAGE". */
    public static NormalizeException unsupported(String message, Located where) {
        return new NormalizeException("unsupported configuration: " + message, where);
    }

    /** VIR_ERR_XML_ERROR: printed as "XML error: MESSAGE". */
    public static NormalizeException xmlError(String message, Located where) {
        return new NormalizeException("XML error: " + message, where);
    }

    /** VIR_ERR_INTERNAL_ERROR: printed as "internal error: MESSAGE". */
    public static NormalizeException internal(String message, Located where) {
        return new NormalizeException("internal error: " + message, where);
    }

    /** VIR_ERR_INVALID_ARG: printed as "invalid argument: MESSAGE". */
    public static NormalizeException invalidArg(String message, Located where) {
        return new NormalizeException("invalid argument: " + message, where);
    }

    /** libvirt's message. */
    public String libvirtMessage() {
        return diagnostic().message();
    }
}
