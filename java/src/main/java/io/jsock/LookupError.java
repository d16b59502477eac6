package io.jsock;

/**
 * A name look-up of the C library failed: the common part of {@link GaiError} (getaddrinfo,
 * getnameinfo) and {@link HostError} (the gethostby* functions), both Python OSErrors whose
 * errno is the resolver's own code. Callers that know only the JDK catch it as an
 * {@link java.net.UnknownHostException}.
 */
public abstract class LookupError extends java.net.UnknownHostException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;
    private final String name;

    LookupError(ErrnoDetail detail, String name) {
        super(LookupMessages.of(detail, name));
        this.detail = detail;
        this.name = name;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }

    /** The resolver's code: an EAI_ code for GaiError, an h_errno code for HostError. */
    public int code() {
        return detail.errno();
    }

    /** What was looked up, as text, or null when the detail's address says it. */
    public String name() {
        return name;
    }
}
