package io.jsock;

/**
 * gethostbyname_r or gethostbyaddr_r found nothing: Python's {@code socket.herror}.
 * {@link #errno()} is the h_errno code ({@code HOST_NOT_FOUND}, {@code TRY_AGAIN},
 * {@code NO_RECOVERY}, {@code NO_DATA}), {@link #errnoName()} its name and {@link #strerror()}
 * the C library's hstrerror text. Callers that know only the JDK catch it as an
 * {@link java.net.UnknownHostException}.
 */
public class HostError extends java.net.UnknownHostException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;
    private final String name;

    /** {@code name} is the host name or address that was looked up. */
    public HostError(ErrnoDetail detail, String name) {
        super(LookupMessages.of(detail, name));
        this.detail = detail;
        this.name = name;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }

    /** The h_errno code. */
    public int code() {
        return detail.errno();
    }

    /** The host name or address that was looked up. */
    public String name() {
        return name;
    }
}
