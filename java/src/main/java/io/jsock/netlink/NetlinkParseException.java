package io.jsock.netlink;

/**
 * Bytes that are not a well-formed netlink message, attribute or struct: a length that runs past
 * its buffer, a header shorter than its struct, an attribute of the wrong size for its type.
 * Every decoder of this package throws this, and only this, for any malformed input.
 */
public final class NetlinkParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetlinkParseException(String message) {
        super(message);
    }
}
