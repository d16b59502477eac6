package io.jsock;

/**
 * gethostbyname_r or gethostbyaddr_r found nothing: Python's {@code socket.herror}.
 * {@link #errno()} is the h_errno code ({@code HOST_NOT_FOUND}, {@code TRY_AGAIN},
 * {@code NO_RECOVERY}, {@code NO_DATA}), {@link #errnoName()} its name and {@link #strerror()}
 * the C library's hstrerror text.
 */
public class HostError extends LookupError {
    private static final long serialVersionUID = 1L;

    /** {@code name} is the host name or address that was looked up. */
    public HostError(ErrnoDetail detail, String name) {
        super(detail, name);
    }
}
