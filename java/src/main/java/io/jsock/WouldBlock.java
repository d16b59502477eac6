package io.jsock;

/**
 * A call on a non-blocking socket (timeout zero, or MSG_DONTWAIT) could not complete at once:
 * EAGAIN, or EINPROGRESS from connect. Python's BlockingIOError.
 */
public class WouldBlock extends SocketError {
    private static final long serialVersionUID = 1L;

    /**
     * For a call that moves many bytes in several steps (sendAll, sendFile, a stream's write):
     * how many went before the socket's buffer filled, so that the caller can resume from there.
     * As {@link java.io.InterruptedIOException#bytesTransferred} and Python's
     * {@code BlockingIOError.characters_written}; 0 for other calls.
     */
    public int bytesTransferred;

    public WouldBlock(ErrnoDetail detail) {
        super(detail);
    }
}
