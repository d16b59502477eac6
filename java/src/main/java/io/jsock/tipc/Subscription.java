package io.jsock.tipc;

import io.jsock.SockAddr;
import io.jsock.internal.Consts;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A subscription to the TIPC topology service, {@code struct tipc_subscr} (28 bytes, in either
 * byte order: the server tells which by the filter's bits and answers in the same): the service range of interest,
 * how long the subscription lasts, what it reports, and 8 bytes of the subscriber's own that
 * every event echoes back. The server reports each event with the whole subscription, so an
 * event's {@link TopologyEvent#subscription()} equals the subscription that caused it.
 *
 * @param type the service type, unsigned 32-bit
 * @param lower the range's lower instance, unsigned 32-bit
 * @param upper the range's upper instance, unsigned 32-bit, at least {@code lower}
 * @param timeoutMillis the subscription's life in milliseconds, unsigned 32-bit; {@link #FOREVER} for no end
 * @param filter {@link #PORTS} (an event for each publication that matches) or {@link #SERVICE}
 *     (an event when an instance range in the subscription's range gets its first publication
 *     and when it loses its last, not for each socket that binds the same instances)
 * @param handle the subscriber's 8 bytes, echoed in each event
 */
public record Subscription(long type, long lower, long upper, long timeoutMillis, int filter, byte[] handle) {
    /** TIPC_SUB_PORTS: an event at each publication and withdrawal that overlaps the range. */
    public static final int PORTS = Consts.get("TIPC_SUB_PORTS");
    /**
     * TIPC_SUB_SERVICE: an event when an instance range gets its first publication and loses its
     * last; more sockets binding the same instances make none.
     */
    public static final int SERVICE = Consts.get("TIPC_SUB_SERVICE");
    /** TIPC_SUB_CANCEL: the bit {@link TopologyClient#cancel} adds to cancel a subscription. */
    public static final int CANCEL = Consts.get("TIPC_SUB_CANCEL");
    /** TIPC_WAIT_FOREVER as an unsigned 32-bit timeout: a subscription that never times out. */
    public static final long FOREVER = Integer.toUnsignedLong(Consts.get("TIPC_WAIT_FOREVER"));
    /** sizeof(struct tipc_subscr): 28 bytes. */
    public static final int SIZE = Consts.sizeOf("tipc_subscr");
    /** The length of the subscriber's handle: 8 bytes. */
    public static final int HANDLE_LENGTH = SIZE - Consts.offsetOf("tipc_subscr", "usr_handle");

    private static final int SEQ = Consts.offsetOf("tipc_subscr", "seq");
    private static final int TYPE = SEQ + Consts.offsetOf("tipc_service_range", "type");
    private static final int LOWER = SEQ + Consts.offsetOf("tipc_service_range", "lower");
    private static final int UPPER = SEQ + Consts.offsetOf("tipc_service_range", "upper");
    private static final int TIMEOUT = Consts.offsetOf("tipc_subscr", "timeout");
    private static final int FILTER = Consts.offsetOf("tipc_subscr", "filter");
    private static final int HANDLE = Consts.offsetOf("tipc_subscr", "usr_handle");
    private static final long U32 = 0xFFFF_FFFFL;

    /**
     * Every number unsigned 32-bit and {@code lower <= upper} (the server drops the connection
     * of a subscriber that asks otherwise); a filter of {@link #PORTS}, {@link #SERVICE} or both,
     * with {@link #CANCEL} at most; a handle of 8 bytes.
     */
    public Subscription {
        checkU32(type, "service type");
        checkU32(lower, "lower instance");
        checkU32(upper, "upper instance");
        checkU32(timeoutMillis, "timeout");
        if (lower > upper) throw new IllegalArgumentException("TIPC subscription range " + lower + "-" + upper + ": lower above upper");
        if ((filter & (PORTS | SERVICE)) == 0 || (filter & ~(PORTS | SERVICE | CANCEL)) != 0) {
            throw new IllegalArgumentException("TIPC subscription filter 0x" + Integer.toHexString(filter)
                    + ": TIPC_SUB_PORTS or TIPC_SUB_SERVICE, with TIPC_SUB_CANCEL at most");
        }
        Objects.requireNonNull(handle, "handle");
        if (handle.length != HANDLE_LENGTH) {
            throw new IllegalArgumentException("TIPC subscription handle of " + handle.length + " bytes, not " + HANDLE_LENGTH);
        }
        handle = handle.clone();
    }

    /** Every publication and withdrawal in {@code range} (TIPC_SUB_PORTS), for {@code timeout} (null: forever). */
    public static Subscription ports(SockAddr.TipcNameSeq range, Duration timeout) {
        return of(range, PORTS, timeout);
    }

    /** The range's first publication and its last withdrawal (TIPC_SUB_SERVICE), for {@code timeout} (null: forever). */
    public static Subscription service(SockAddr.TipcNameSeq range, Duration timeout) {
        return of(range, SERVICE, timeout);
    }

    private static Subscription of(SockAddr.TipcNameSeq range, int filter, Duration timeout) {
        Objects.requireNonNull(range, "range");
        return new Subscription(range.type(), range.lower(), range.upper(), millis(timeout), filter, new byte[HANDLE_LENGTH]);
    }

    /** A timeout as the server takes it: null is {@link #FOREVER}; otherwise whole milliseconds, below FOREVER. */
    static long millis(Duration timeout) {
        if (timeout == null) return FOREVER;
        if (timeout.isNegative()) throw new IllegalArgumentException("negative TIPC subscription timeout: " + timeout);
        long ms;
        try {
            ms = timeout.toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        if (ms >= FOREVER) {
            throw new IllegalArgumentException("TIPC subscription timeout " + timeout + " is " + ms + " ms, at most "
                    + (FOREVER - 1) + " (null subscribes forever)");
        }
        return ms;
    }

    /** This subscription with another handle of 8 bytes. */
    public Subscription withHandle(byte[] handle) {
        return new Subscription(type, lower, upper, timeoutMillis, filter, handle);
    }

    /** This subscription with the handle of a long's 8 bytes in this host's order ({@link #handleAsLong()} reads it back). */
    public Subscription withHandle(long handle) {
        return withHandle(ByteBuffer.allocate(HANDLE_LENGTH).order(ByteOrder.nativeOrder()).putLong(0, handle).array());
    }

    /** The handle's 8 bytes as a long, in this host's order. */
    public long handleAsLong() {
        return ByteBuffer.wrap(handle).order(ByteOrder.nativeOrder()).getLong(0);
    }

    /** A copy of the handle. */
    @Override public byte[] handle() {
        return handle.clone();
    }

    /** The range as a TIPC service range address (cluster scope). */
    public SockAddr.TipcNameSeq range() {
        return SockAddr.tipcNameSeq(type, lower, upper);
    }

    /** Whether the subscription never times out. */
    public boolean forever() {
        return timeoutMillis == FOREVER;
    }

    /** This subscription with TIPC_SUB_CANCEL: what cancels it. */
    Subscription cancelling() {
        return new Subscription(type, lower, upper, timeoutMillis, filter | CANCEL, handle);
    }

    /** The 28 bytes of {@code struct tipc_subscr} at {@code offset} of {@code out}, in {@code out}'s order. */
    public void encode(ByteBuffer out, int offset) {
        out.putInt(offset + TYPE, (int) type).putInt(offset + LOWER, (int) lower).putInt(offset + UPPER, (int) upper)
                .putInt(offset + TIMEOUT, (int) timeoutMillis).putInt(offset + FILTER, filter)
                .put(offset + HANDLE, handle);
    }

    /** The bytes of {@code struct tipc_subscr} in this host's order. */
    public byte[] toBytes() {
        return toBytes(ByteOrder.nativeOrder());
    }

    /** The bytes of {@code struct tipc_subscr} in {@code order}. */
    public byte[] toBytes(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(order);
        encode(b, 0);
        return b.array();
    }

    /** The {@code struct tipc_subscr} at {@code offset} of {@code in}, in {@code in}'s order. */
    public static Subscription decode(ByteBuffer in, int offset) {
        byte[] h = new byte[HANDLE_LENGTH];
        in.get(offset + HANDLE, h);
        return new Subscription(u32(in, offset + TYPE), u32(in, offset + LOWER), u32(in, offset + UPPER),
                u32(in, offset + TIMEOUT), in.getInt(offset + FILTER), h);
    }

    private static long u32(ByteBuffer in, int at) {
        return Integer.toUnsignedLong(in.getInt(at));
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > U32) throw new IllegalArgumentException("TIPC subscription " + what + " must be 0-" + U32 + ", not " + v);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Subscription s && s.type == type && s.lower == lower && s.upper == upper
                && s.timeoutMillis == timeoutMillis && s.filter == filter && Arrays.equals(s.handle, handle);
    }

    @Override public int hashCode() {
        return Objects.hash(type, lower, upper, timeoutMillis, filter) * 31 + Arrays.hashCode(handle);
    }

    /** {@code Subscription[{type,lower,upper} ports forever handle=0102...]}. */
    @Override public String toString() {
        String what = (filter & PORTS) != 0 ? "ports" : "service";
        if ((filter & CANCEL) != 0) what += "+cancel";
        return "Subscription[{" + type + "," + lower + "," + upper + "} " + what + " "
                + (forever() ? "forever" : timeoutMillis + "ms") + " handle=" + HexFormat.of().formatHex(handle) + "]";
    }
}
