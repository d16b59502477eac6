package io.jsock.netlink;

import io.jsock.ErrnoDetail;
import io.jsock.SocketError;
import io.jsock.internal.Consts;
import io.jsock.internal.Errors;
import java.nio.ByteBuffer;

/**
 * The kernel refused a netlink request: the errno of its NLMSG_ERROR (or of the NLMSG_DONE that
 * ended a dump) and, when the kernel gave one, its extended ACK: a message saying why and the
 * offset in the request of the attribute it blames.
 */
public final class NetlinkException extends SocketError {
    private static final long serialVersionUID = 1L;
    private static final Field ERROR = Field.of("nlmsgerr", "error");
    private static final Field MSG = Field.of("nlmsgerr", "msg");
    private static final Field ORIGINAL_LENGTH = Field.of("nlmsghdr", "nlmsg_len");
    private static final int NLMSGERR_SIZE = Consts.sizeOf("nlmsgerr");
    private static final int F_CAPPED = Consts.get("NLM_F_CAPPED");
    private static final int F_ACK_TLVS = Consts.get("NLM_F_ACK_TLVS");
    private static final int ATTR_MSG = Consts.get("NLMSGERR_ATTR_MSG");
    private static final int ATTR_OFFS = Consts.get("NLMSGERR_ATTR_OFFS");

    private final String extAckMessage;
    private final int extAckOffset;

    NetlinkException(int errno, String call, String extAckMessage, int extAckOffset) {
        super(new ErrnoDetail(errno, Errors.name(errno), Errors.strerror(errno), call, null));
        this.extAckMessage = extAckMessage;
        this.extAckOffset = extAckOffset;
    }

    /** The kernel's extended-ACK text (NLMSGERR_ATTR_MSG), or null when it gave none. */
    public String extAckMessage() {
        return extAckMessage;
    }

    /**
     * Where in the request the kernel found the fault (NLMSGERR_ATTR_OFFS): the offset of the
     * attribute from the start of the request's header, or -1 when it gave none.
     */
    public int extAckOffset() {
        return extAckOffset;
    }

    /** {@code call: [Errno N NAME] text: the kernel's message (offset N)}. */
    @Override
    public String getMessage() {
        StringBuilder b = new StringBuilder(detail().message());
        if (extAckMessage != null) b.append(": ").append(extAckMessage);
        if (extAckOffset >= 0) b.append(" (attribute at offset ").append(extAckOffset).append(')');
        return b.toString();
    }

    /**
     * The exception an NLMSG_ERROR stands for, or null when it is an ACK (error 0). An error the
     * kernel reports is negative; a positive one comes only from a peer that is not the kernel,
     * and is taken as its absolute value.
     *
     * @throws NetlinkParseException if the message is too short for a struct nlmsgerr
     */
    static NetlinkException fromError(NetlinkMessage m, String call) {
        ByteBuffer p = m.payload();
        if (p.limit() < NLMSGERR_SIZE) throw new NetlinkParseException("NLMSG_ERROR of " + p.limit() + " bytes");
        int error = ERROR.getInt(p, 0);
        if (error == 0) return null;
        int tlvs = NLMSGERR_SIZE;
        if ((m.flags() & F_CAPPED) == 0) {
            long original = ORIGINAL_LENGTH.get(p, MSG.offset());
            if (original < NetlinkMessage.HEADER_LENGTH) throw new NetlinkParseException("NLMSG_ERROR echoes a " + original + "-byte request");
            tlvs += (int) Math.min(original - NetlinkMessage.HEADER_LENGTH, Integer.MAX_VALUE - NLMSGERR_SIZE);
        }
        return of(error, call, m, tlvs);
    }

    /** The exception for an NLMSG_DONE that carries an error (a dump the kernel could not finish), or null. */
    static NetlinkException fromDone(NetlinkMessage m, String call) {
        ByteBuffer p = m.payload();
        if (p.limit() < ERROR.size()) return null; // a bare NLMSG_DONE: some families send no error field
        int error = ERROR.getInt(p, 0);
        return error == 0 ? null : of(error, call, m, ERROR.size());
    }

    private static NetlinkException of(int error, String call, NetlinkMessage m, int tlvStart) {
        int errno = error == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(error);
        String text = null;
        int offset = -1;
        if ((m.flags() & F_ACK_TLVS) != 0) {
            ByteBuffer p = m.payload();
            long start = NetlinkMessage.align((long) tlvStart);
            if (start > p.limit()) throw new NetlinkParseException("extended ACK at " + start + " past the end " + p.limit());
            NetlinkAttributes tlv = NetlinkAttributes.parse(p, (int) start, p.limit() - (int) start);
            text = tlv.string(ATTR_MSG);
            Integer offs = tlv.u32(ATTR_OFFS);
            if (offs != null) offset = offs < 0 ? Integer.MAX_VALUE : offs;
        }
        return new NetlinkException(errno, call, text, offset);
    }
}
