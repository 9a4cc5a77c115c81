package org.virtxml.qemu.store;

/**
 * An operation on a domain failed for a reason the user can act on: the message is libvirt's text where libvirt
 * has one ({@code operation failed: domain 'x' already exists with uuid ...}, {@code Requested operation is not
 * valid: domain is not running}), otherwise a plain sentence saying what happened and what was done about it.
 */
public class DomainException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by its message. */
    public DomainException(String message) {
        super(message);
    }

    /** A failure caused by another exception (an I/O error, a monitor that did not answer). */
    public DomainException(String message, Throwable cause) {
        super(message, cause);
    }

    /** libvirt's VIR_ERR_OPERATION_FAILED: {@code operation failed: DETAIL}. */
    public static DomainException operationFailed(String detail) {
        return new DomainException("operation failed: " + detail);
    }

    /** libvirt's VIR_ERR_OPERATION_INVALID: {@code Requested operation is not valid: DETAIL}. */
    public static DomainException operationInvalid(String detail) {
        return new DomainException("Requested operation is not valid: " + detail);
    }
}
