package org.virtxml.qemu.qmp;

import java.io.IOException;

/** A QMP exchange failed: the connection, the protocol, a timeout, or QEMU answered with an error. */
public class QmpException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A failure described by a message. */
    public QmpException(String message) {
        super(message);
    }

    /** A failure caused by another exception. */
    public QmpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** QEMU answered a command with {@code {"error": {"class": ..., "desc": ...}}}. */
    public static final class CommandFailed extends QmpException {
        private static final long serialVersionUID = 1L;
        private final String command;
        private final String errorClass;
        private final String description;

        /** The error reply of {@code command}. */
        public CommandFailed(String command, String errorClass, String description) {
            super("QEMU refused '" + command + "': " + description + " (" + errorClass + ")");
            this.command = command;
            this.errorClass = errorClass;
            this.description = description;
        }

        /** The command that failed. */
        public String command() {
            return command;
        }

        /** QEMU's error class, e.g. {@code GenericError}, {@code CommandNotFound}, {@code DeviceNotFound}. */
        public String errorClass() {
            return errorClass;
        }

        /** QEMU's human-readable description. */
        public String description() {
            return description;
        }
    }

    /** No answer (or no event, or no greeting) arrived in time. */
    public static final class Timeout extends QmpException {
        private static final long serialVersionUID = 1L;

        /** What was being waited for. */
        public Timeout(String message) {
            super(message);
        }
    }

    /** The monitor connection ended (QEMU quit, crashed or was killed) or was closed by us. */
    public static final class Closed extends QmpException {
        private static final long serialVersionUID = 1L;

        /** Why the connection is gone, including QEMU's own last words when known. */
        public Closed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
