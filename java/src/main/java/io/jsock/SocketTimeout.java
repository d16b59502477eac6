package io.jsock;

/** The socket's timeout passed before the call could complete; errno is ETIMEDOUT, as for Python's socket.timeout (TimeoutError). */
public class SocketTimeout extends java.net.SocketTimeoutException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;

    public SocketTimeout(ErrnoDetail detail) {
        super(detail.message());
        this.detail = detail;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }
}
