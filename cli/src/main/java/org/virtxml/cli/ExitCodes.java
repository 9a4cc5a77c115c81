package org.virtxml.cli;

/** The exit codes of the CLI contract. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** An input is invalid or refused, or the operation failed. */
    static final int FAILED = 1;
    /** Bad option or unreadable file. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
