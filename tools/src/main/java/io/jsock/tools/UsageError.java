package io.jsock.tools;

/** A mistake on the command line: one line on stderr and exit code 2. */
final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
