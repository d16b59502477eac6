package io.jsock.tipc;

import io.jsock.SockAddr;
import io.jsock.internal.Consts;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An event of the TIPC topology service, {@code struct tipc_event} (48 bytes): a publication
 * that appeared or went, or a subscription that timed out.
 *
 * @param kind what happened
 * @param foundLower the lower instance of the publication that matched (for a timeout, the subscription's)
 * @param foundUpper its upper instance
 * @param port the socket that published or withdrew (the publisher's socket reference and node)
 * @param subscription the subscription the event is for, as the subscriber sent it
 */
public record TopologyEvent(Kind kind, long foundLower, long foundUpper, SockAddr.TipcId port, Subscription subscription) {
    /** sizeof(struct tipc_event): 48 bytes. */
    public static final int SIZE = Consts.sizeOf("tipc_event");
    private static final int EVENT = Consts.offsetOf("tipc_event", "event");
    private static final int FOUND_LOWER = Consts.offsetOf("tipc_event", "found_lower");
    private static final int FOUND_UPPER = Consts.offsetOf("tipc_event", "found_upper");
    private static final int PORT = Consts.offsetOf("tipc_event", "port");
    private static final int PORT_REF = PORT + Consts.offsetOf("tipc_socket_addr", "ref");
    private static final int PORT_NODE = PORT + Consts.offsetOf("tipc_socket_addr", "node");
    private static final int SUBSCRIPTION = Consts.offsetOf("tipc_event", "s");

    /** The three events, with their numbers from the headers. */
    public enum Kind {
        /** TIPC_PUBLISHED: a socket bound a name in the range. */
        PUBLISHED("TIPC_PUBLISHED"),
        /** TIPC_WITHDRAWN: a socket withdrew a name in the range (it unbound or closed). */
        WITHDRAWN("TIPC_WITHDRAWN"),
        /** TIPC_SUBSCR_TIMEOUT: the subscription ended, its timeout passed. */
        SUBSCR_TIMEOUT("TIPC_SUBSCR_TIMEOUT");

        private final int value;

        Kind(String cName) {
            this.value = Consts.get(cName);
        }

        /** The number of the {@code event} field. */
        public int value() {
            return value;
        }

        /** The kind of an {@code event} number, or null for one the headers do not name. */
        public static Kind of(int value) {
            for (Kind k : values()) {
                if (k.value == value) return k;
            }
            return null;
        }
    }

    /** A kind, a range within u32 and the port and subscription. */
    public TopologyEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(subscription, "subscription");
        if (foundLower < 0 || foundLower > 0xFFFF_FFFFL || foundUpper < 0 || foundUpper > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("found range " + foundLower + "-" + foundUpper + " outside 0-4294967295");
        }
    }

    /**
     * The event at {@code offset} of {@code in}, in {@code in}'s order.
     *
     * @throws IllegalArgumentException for an event number the headers do not name
     */
    public static TopologyEvent decode(ByteBuffer in, int offset) {
        int event = in.getInt(offset + EVENT);
        Kind kind = Kind.of(event);
        if (kind == null) throw new IllegalArgumentException("TIPC topology event " + event + " is none the headers name");
        return new TopologyEvent(kind, u32(in, offset + FOUND_LOWER), u32(in, offset + FOUND_UPPER),
                SockAddr.tipcId(u32(in, offset + PORT_REF), u32(in, offset + PORT_NODE)),
                Subscription.decode(in, offset + SUBSCRIPTION));
    }

    /** The 48 bytes of this event at {@code offset} of {@code out}, in {@code out}'s order (the server's side: for tests). */
    public void encode(ByteBuffer out, int offset) {
        out.putInt(offset + EVENT, kind.value).putInt(offset + FOUND_LOWER, (int) foundLower)
                .putInt(offset + FOUND_UPPER, (int) foundUpper)
                .putInt(offset + PORT_REF, (int) port.ref()).putInt(offset + PORT_NODE, (int) port.node());
        subscription.encode(out, offset + SUBSCRIPTION);
    }

    private static long u32(ByteBuffer in, int at) {
        return Integer.toUnsignedLong(in.getInt(at));
    }
}
