package io.jsock;

/**
 * A call on a non-blocking socket (timeout zero, or MSG_DONTWAIT) could not complete at once:
 * EAGAIN, or EINPROGRESS from connect. Python's BlockingIOError.
 */
public class WouldBlock extends SocketError {
    private static final long serialVersionUID = 1L;

    public WouldBlock(ErrnoDetail detail) {
        super(detail);
    }
}
