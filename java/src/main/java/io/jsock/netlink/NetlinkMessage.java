package io.jsock.netlink;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One netlink message: the fields of its {@code nlmsghdr} and its payload (what follows the
 * header, up to {@code nlmsg_len}). The payload is a read-only buffer in native byte order whose
 * position 0 is the first byte after the header.
 */
public record NetlinkMessage(int type, int flags, int seq, int portId, ByteBuffer payload) {
    private static final Field LEN = Field.of("nlmsghdr", "nlmsg_len");
    private static final Field TYPE = Field.of("nlmsghdr", "nlmsg_type");
    private static final Field FLAGS = Field.of("nlmsghdr", "nlmsg_flags");
    private static final Field SEQ = Field.of("nlmsghdr", "nlmsg_seq");
    private static final Field PID = Field.of("nlmsghdr", "nlmsg_pid");

    /** NLMSG_HDRLEN: the aligned header length, where the payload starts. */
    public static final int HEADER_LENGTH = Consts.get("NLMSG_HDRLEN");
    /** NLMSG_ALIGNTO: messages (and attributes) start on multiples of this. */
    public static final int ALIGNMENT = Consts.get("NLMSG_ALIGNTO");

    public NetlinkMessage {
        payload = payload.slice().asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** The payload from position 0 to its end; each call gives an independent view. */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    /** Whether all the bits of {@code flag} (NLM_F_*) are set. */
    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /**
     * NLMSG_ALIGN: {@code length} rounded up to the alignment.
     *
     * @throws IllegalArgumentException for a negative length, or one so close to
     *     {@link Integer#MAX_VALUE} that its rounding does not fit an int
     */
    public static int align(int length) {
        if (length < 0) throw new IllegalArgumentException("length: negative (" + length + ")");
        long aligned = align((long) length);
        if (aligned > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("length: " + length + " rounded up to the alignment of " + ALIGNMENT
                    + " is over Integer.MAX_VALUE");
        }
        return (int) aligned;
    }

    /** NLMSG_ALIGN of a length that is not negative, without overflow: what the decoders step by. */
    static long align(long length) {
        return (length + ALIGNMENT - 1) & ~(long) (ALIGNMENT - 1);
    }

    /**
     * The messages of one datagram, from the buffer's position to its limit, as NLMSG_OK and
     * NLMSG_NEXT walk them. The messages share the buffer's bytes: copy it first if it is reused.
     * Fewer bytes than a header at the end are ignored, as by the kernel's own walk.
     *
     * @throws NetlinkParseException if a message's length is shorter than its header or runs past the end
     */
    public static List<NetlinkMessage> parse(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int at = 0;
        int end = in.limit();
        while (end - at >= HEADER_LENGTH) {
            long len = LEN.get(in, at);
            if (len < HEADER_LENGTH || len > end - at) {
                throw new NetlinkParseException("nlmsg_len " + len + " at offset " + at + " of a " + end
                        + "-byte datagram (header " + HEADER_LENGTH + ")");
            }
            int length = (int) len;
            ByteBuffer payload = in.slice(at + HEADER_LENGTH, length - HEADER_LENGTH);
            out.add(new NetlinkMessage(TYPE.getInt(in, at), FLAGS.getInt(in, at), SEQ.getInt(in, at), PID.getInt(in, at), payload));
            at += (int) Math.min(align((long) length), end - at);
        }
        return Collections.unmodifiableList(out);
    }

    /** Writes a header at {@code offset} of {@code out}: what {@link MessageBuilder} and tests use. */
    static void putHeader(ByteBuffer out, int offset, int length, int type, int flags, int seq, int portId) {
        LEN.put(out, offset, length);
        TYPE.put(out, offset, type);
        FLAGS.put(out, offset, flags);
        SEQ.put(out, offset, seq);
        PID.put(out, offset, portId);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + Integer.toUnsignedString(seq)
                + ", portId=" + Integer.toUnsignedString(portId) + ", " + payload.remaining() + " bytes]";
    }
}
