package io.jsock;

/** Connect failed: the peer refused, was unreachable, or did not answer (ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ETIMEDOUT). */
public class ConnectError extends java.net.ConnectException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;

    public ConnectError(ErrnoDetail detail) {
        super(detail.message());
        this.detail = detail;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }
}
