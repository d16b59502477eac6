package io.jsock;

/**
 * The facts of one failed call: errno, its symbolic name, the C library's text for it, the call
 * and the address it was given (or null).
 */
public record ErrnoDetail(int errno, String errnoName, String strerror, String call, SockAddr address) {
    /** {@code call(address): [Errno N NAME] text}, the one message format of jsock's exceptions. */
    public String message() {
        StringBuilder b = new StringBuilder(call);
        if (address != null) b.append('(').append(address).append(')');
        b.append(": [Errno ").append(errno);
        if (errnoName != null) b.append(' ').append(errnoName);
        return b.append("] ").append(strerror).toString();
    }
}
