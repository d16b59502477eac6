package io.jsock.netlink;

import java.io.IOException;
import java.util.List;

/**
 * A dump whose messages the kernel marked NLM_F_DUMP_INTR: the table changed while it was being
 * dumped, so the result may be inconsistent. Asking again usually succeeds; the messages of the
 * interrupted dump are kept here for callers that can use them anyway.
 */
public final class NetlinkDumpInterruptedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<NetlinkMessage> messages;

    NetlinkDumpInterruptedException(String call, List<NetlinkMessage> messages) {
        super(call + ": dump interrupted (NLM_F_DUMP_INTR): the kernel's table changed during the dump");
        this.messages = List.copyOf(messages);
    }

    /** The messages of the interrupted dump. */
    public List<NetlinkMessage> messages() {
        return messages;
    }
}
