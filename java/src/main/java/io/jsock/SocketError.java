package io.jsock;

/** A socket call failed with an errno that no more specific JDK exception type stands for. */
public class SocketError extends java.net.SocketException implements ErrnoException {
    private static final long serialVersionUID = 1L;
    private final transient ErrnoDetail detail;

    public SocketError(ErrnoDetail detail) {
        super(detail.message());
        this.detail = detail;
    }

    @Override
    public ErrnoDetail detail() {
        return detail;
    }
}
