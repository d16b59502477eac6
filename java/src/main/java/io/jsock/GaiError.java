package io.jsock;

/**
 * getaddrinfo or getnameinfo failed: Python's {@code socket.gaierror}. {@link #errno()} is the
 * EAI_ code (as {@code gaierror.errno}), {@link #errnoName()} its name ({@code "EAI_NONAME"}) and
 * {@link #strerror()} the C library's gai_strerror text. Callers that know only the JDK catch it
 * as an {@link java.net.UnknownHostException}.
 */
public class GaiError extends java.net.UnknownHostException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;
    private final String name;

    /** {@code name} is what was looked up (host and service), or null when the detail's address says it. */
    public GaiError(ErrnoDetail detail, String name) {
        super(LookupMessages.of(detail, name));
        this.detail = detail;
        this.name = name;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }

    /** The EAI_ code, such as {@link Sockets#EAI_NONAME}. */
    public int code() {
        return detail.errno();
    }

    /** The host and service that were looked up, as text, or null. */
    public String name() {
        return name;
    }
}
