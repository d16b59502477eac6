package io.jsock.netlink;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;

/**
 * A generic netlink message: the family it belongs to (its nlmsg_type), the command and version
 * of its {@code genlmsghdr}, the family's own header if it has one, and the attributes.
 */
public record GenlMessage(int family, int command, int version, ByteBuffer familyHeader, NetlinkAttributes attributes) {
    static final Field CMD = Field.of("genlmsghdr", "cmd");
    static final Field VERSION = Field.of("genlmsghdr", "version");
    /** GENL_HDRLEN: where the family's header (or the attributes) start. */
    static final int HEADER = Consts.get("GENL_HDRLEN");

    public GenlMessage {
        familyHeader = familyHeader.slice().asReadOnlyBuffer().order(java.nio.ByteOrder.nativeOrder());
    }

    /**
     * The generic netlink message in {@code m}, whose family has a header of
     * {@code familyHeaderSize} bytes (see {@link GenlFamily#headerSize()}).
     *
     * @throws NetlinkParseException if the message is too short or its attributes malformed
     */
    public static GenlMessage decode(NetlinkMessage m, int familyHeaderSize) {
        ByteBuffer p = m.payload();
        if (familyHeaderSize < 0) throw new IllegalArgumentException("familyHeaderSize: negative (" + familyHeaderSize + ")");
        long start = HEADER + NetlinkMessage.align((long) familyHeaderSize);
        if (p.limit() < start) {
            throw new NetlinkParseException("generic netlink message of " + p.limit() + " bytes, headers need " + start);
        }
        int at = (int) start;
        return new GenlMessage(m.type(), CMD.getInt(p, 0), VERSION.getInt(p, 0), p.slice(HEADER, familyHeaderSize),
                NetlinkAttributes.parse(p, at, p.limit() - at));
    }
}
