package io.jsock;

/**
 * getaddrinfo or getnameinfo failed: Python's {@code socket.gaierror}. {@link #errno()} is the
 * EAI_ code (as {@code gaierror.errno}, such as {@link Sockets#EAI_NONAME}), {@link #errnoName()}
 * its name and {@link #strerror()} the C library's gai_strerror text.
 */
public class GaiError extends LookupError {
    private static final long serialVersionUID = 1L;

    /** {@code name} is what was looked up (host and service), or null when the detail's address says it. */
    public GaiError(ErrnoDetail detail, String name) {
        super(detail, name);
    }
}
