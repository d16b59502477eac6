package io.jsock;

/** The message of a failed look-up: the detail's one format, with what was looked up after the call. */
final class LookupMessages {
    private LookupMessages() {}

    /** {@code call(name): [Errno N NAME] text}; without a name, the detail's own message. */
    static String of(ErrnoDetail detail, String name) {
        if (name == null || detail.address() != null) return detail.message();
        ErrnoDetail named = new ErrnoDetail(detail.errno(), detail.errnoName(), detail.strerror(),
                detail.call() + "(" + name + ")", null);
        return named.message();
    }
}
