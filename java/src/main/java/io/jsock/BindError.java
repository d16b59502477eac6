package io.jsock;

/** Bind failed: the address is in use (found at bind or at listen), not available, or not permitted (EADDRINUSE, EADDRNOTAVAIL, EACCES). */
public class BindError extends java.net.BindException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;

    public BindError(ErrnoDetail detail) {
        super(detail.message());
        this.detail = detail;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }
}
