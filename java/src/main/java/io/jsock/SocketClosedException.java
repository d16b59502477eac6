package io.jsock;

/** The socket was closed or detached, before or during the call; errno is EBADF, as Python reports a closed socket. */
public class SocketClosedException extends java.net.SocketException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;

    public SocketClosedException(ErrnoDetail detail) {
        super(detail.message());
        this.detail = detail;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }
}
