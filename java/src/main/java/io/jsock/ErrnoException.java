package io.jsock;

/**
 * What every jsock exception from a failed system call carries, whichever JDK exception type it
 * is ({@link SocketError}, {@link ConnectError}, {@link BindError}, {@link SocketTimeout},
 * {@link SocketClosedException}): the errno, its symbolic name, the C library's text for it, the
 * call that failed and the address it was given, if any.
 */
public interface ErrnoException {
    ErrnoDetail detail();

    /** The errno value, as {@code OSError.errno} in Python. */
    default int errno() { return detail().errno(); }

    /** The symbolic name of {@link #errno()}, such as {@code "ECONNREFUSED"}. */
    default String errnoName() { return detail().errnoName(); }

    /** The C library's text for {@link #errno()}, or jsock's own text for its own states. */
    default String strerror() { return detail().strerror(); }

    /** The call that failed, such as {@code "connect"}. */
    default String call() { return detail().call(); }

    /** The address the call was given, or null. */
    default SockAddr address() { return detail().address(); }
}
