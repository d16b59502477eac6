package io.jsock.tools;

/** A mistake on the command line of {@code ip}, {@code ss} or {@code monitor}: exit code 2 and the usage. */
final class ArgumentError extends Exception {
    private static final long serialVersionUID = 1L;

    ArgumentError(String message) {
        super(message);
    }
}
