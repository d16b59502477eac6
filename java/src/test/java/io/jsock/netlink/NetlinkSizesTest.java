package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sizes at their limits: what a caller asks to encode is refused with IllegalArgumentException
 * naming the argument, before anything is sent, when a length field could not say it or its sum
 * would overflow; what the kernel could send is decoded, and impossible lengths are only ever
 * NetlinkParseException.
 */
class NetlinkSizesTest {

    private static void refused(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(argument + ":"), "names " + argument + ": " + e.getMessage());
    }

    private static NetlinkMessage parseOne(ByteBuffer datagram) {
        return NetlinkMessage.parse(datagram).get(0);
    }

    @Test
    void anAttributeValueIsAtMost65531Bytes() {
        assertEquals(65535 - 4, MessageBuilder.MAX_ATTRIBUTE_VALUE);
        MessageBuilder m = new MessageBuilder(RTM_NEWLINK, 0);
        m.attr(1, new byte[MessageBuilder.MAX_ATTRIBUTE_VALUE]);
        NetlinkAttribute a = NetlinkAttributes.parse(parseOne(m.build(1, 0)).payload(), 0, m.length() - NLMSG_HDRLEN).get(1);
        assertEquals(MessageBuilder.MAX_ATTRIBUTE_VALUE, a.length(), "nla_len 65535, the largest a u16 says");

        int before = m.length();
        refused("value", () -> m.attr(1, new byte[MessageBuilder.MAX_ATTRIBUTE_VALUE + 1]));
        refused("value", () -> m.attrString(1, "x".repeat(MessageBuilder.MAX_ATTRIBUTE_VALUE))); // and its NUL
        refused("value", () -> m.attrString(1, "é".repeat(32766))); // 65532 bytes of UTF-8
        assertEquals(before, m.length(), "a refused attribute leaves nothing behind");
        m.attrString(1, "x".repeat(MessageBuilder.MAX_ATTRIBUTE_VALUE - 1));
        refused("type", () -> m.attrU32(0x10000, 1));
    }

    @Test
    void aNestIsAtMost65535BytesWithEverythingInIt() {
        MessageBuilder ok = new MessageBuilder(RTM_NEWLINK, 0);
        int nest = ok.beginNested(IFLA_LINKINFO);
        ok.attr(1, new byte[65524]); // 4 + align(4 + 65524) = 65532: the largest nest of aligned attributes
        ok.end(nest);
        NetlinkAttributes outer = NetlinkAttributes.parse(parseOne(ok.build(1, 0)).payload(), 0, ok.length() - NLMSG_HDRLEN);
        assertEquals(65524, outer.get(IFLA_LINKINFO).attributes().get(1).length());

        MessageBuilder tooLong = new MessageBuilder(RTM_NEWLINK, 0);
        int big = tooLong.beginNested(IFLA_LINKINFO);
        tooLong.attr(1, new byte[65525]); // each fits; together 65536
        refused("start", () -> tooLong.end(big));
    }

    @Test
    void reservedSizesCannotOverflowTheMessage() {
        MessageBuilder m = new MessageBuilder(RTM_NEWLINK, 0);
        refused("size", () -> m.reserve(-1));
        refused("size", () -> m.reserve(Integer.MAX_VALUE));      // its alignment alone overflows an int
        refused("size", () -> m.reserve(Integer.MAX_VALUE - 3));  // aligned, but with the header over the limit
        refused("size", () -> m.reserve(MessageBuilder.MAX_MESSAGE));
        assertEquals(NLMSG_HDRLEN, m.length(), "nothing was appended");
        assertEquals(NLMSG_HDRLEN, m.reserve(5), "and the builder still works");
        assertEquals(NLMSG_HDRLEN + 8, m.length());
    }

    @Test
    void flagsAndTypeAre16Bits() {
        refused("flags", () -> new MessageBuilder(RTM_NEWLINK, 0x10000));
        refused("flags", () -> new MessageBuilder(RTM_NEWLINK, -1));
        refused("type", () -> new MessageBuilder(-1, 0));
        MessageBuilder m = new MessageBuilder(RTM_NEWLINK, 0xFFFF);
        refused("more", () -> m.addFlags(0x10000));
        assertEquals(0xFFFF, parseOne(m.build(1, 0)).flags());
    }

    @Test
    void alignmentRefusesWhatItCannotRound() {
        assertEquals(Integer.MAX_VALUE - 3, NetlinkMessage.align(Integer.MAX_VALUE - 3));
        assertEquals(Integer.MAX_VALUE - 3, NetlinkMessage.align(Integer.MAX_VALUE - 6));
        refused("length", () -> NetlinkMessage.align(Integer.MAX_VALUE - 2));
        refused("length", () -> NetlinkMessage.align(Integer.MAX_VALUE));
        refused("length", () -> NetlinkMessage.align(-1));
        assertEquals(0, NetlinkMessage.align(0));
        assertEquals(4, NetlinkMessage.align(1));
    }

    @Test
    void aGenlFamilyHeaderSizeBeyondTheMessageIsAParseError() {
        MessageBuilder m = new MessageBuilder(GENL_ID_CTRL, 0);
        m.reserve(GenlMessage.HEADER + 8);
        NetlinkMessage msg = parseOne(m.build(1, 0));
        assertEquals(8, GenlMessage.decode(msg, 8).familyHeader().remaining());
        for (int size : new int[] {9, 12, Integer.MAX_VALUE - 3, Integer.MAX_VALUE}) {
            assertThrows(NetlinkParseException.class, () -> GenlMessage.decode(msg, size), "header of " + size);
        }
        refused("familyHeaderSize", () -> GenlMessage.decode(msg, -1));
    }

    @Test
    void aFamilyWhoseHeaderSizeNoMessageHoldsIsAParseError() {
        MessageBuilder m = new MessageBuilder(GENL_ID_CTRL, 0);
        int h = m.reserve(GenlMessage.HEADER);
        m.set(GenlMessage.CMD, h, CTRL_CMD_NEWFAMILY);
        m.attrU16(CTRL_ATTR_FAMILY_ID, 99);
        m.attrString(CTRL_ATTR_FAMILY_NAME, "big");
        m.attrU32(CTRL_ATTR_HDRSIZE, 0xFFFFFFF0);
        assertThrows(NetlinkParseException.class, () -> GenlFamily.decode(parseOne(m.build(1, 0))));
    }

    @Test
    void lengthsNearTheU32LimitInKernelBytesAreParseErrors() {
        ByteBuffer d = new MessageBuilder(RTM_NEWLINK, 0).build(1, 0);
        for (int len : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 2}) {
            ByteBuffer copy = ByteBuffer.allocate(d.limit()).order(ByteOrder.nativeOrder()).put(0, d, 0, d.limit());
            copy.putInt(0, len);
            assertThrows(NetlinkParseException.class, () -> NetlinkMessage.parse(copy), "nlmsg_len " + Integer.toUnsignedString(len));
        }
        // an NLMSG_ERROR with extended-ACK TLVs whose echoed request claims 2^31 - 1 bytes
        MessageBuilder e = new MessageBuilder(NLMSG_ERROR, NLM_F_ACK_TLVS);
        int at = e.reserve(io.jsock.internal.Consts.sizeOf("nlmsgerr"));
        e.putU32(at + Field.of("nlmsgerr", "error").offset(), -1);
        e.putU32(at + Field.of("nlmsgerr", "msg").offset() + Field.of("nlmsghdr", "nlmsg_len").offset(),
                Integer.MAX_VALUE); // the echoed request's nlmsg_len
        NetlinkMessage err = parseOne(e.build(1, 0));
        assertThrows(NetlinkParseException.class, () -> NetlinkException.fromError(err, "test"));
    }
}
