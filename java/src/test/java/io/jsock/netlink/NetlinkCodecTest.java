package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message and attribute encoder and decoder on their own: layout, alignment, flags, and refusal of bad bytes. */
class NetlinkCodecTest {

    @Test
    void headerFieldsAndAlignmentComeFromTheHeaders() {
        assertEquals(NLMSG_HDRLEN, NetlinkMessage.HEADER_LENGTH);
        assertEquals(NLA_HDRLEN, NetlinkAttribute.HEADER_LENGTH);
        assertEquals(0, NetlinkMessage.align(0));
        assertEquals(NLMSG_ALIGNTO, NetlinkMessage.align(1));
        assertEquals(NLMSG_ALIGNTO, NetlinkMessage.align(NLMSG_ALIGNTO));
    }

    @Test
    void aBuiltMessageDecodesToWhatWasPut() throws Exception {
        MessageBuilder m = new MessageBuilder(RTM_NEWLINK, NLM_F_CREATE, "RTM_NEWLINK");
        int h = m.reserve(Link.HEADER);
        m.set(Link.INDEX, h, 7);
        m.attrString(IFLA_IFNAME, "abc");
        m.attrU8(IFLA_OPERSTATE, IF_OPER_UP);
        m.attrU16(IFLA_GROUP + 100, 0xBEEF);
        m.attrU32(IFLA_MTU, 9000);
        m.attrU64(IFLA_MTU + 200, 0x0102030405060708L);
        m.attrBe16(IFLA_MTU + 201 | NetlinkAttribute.F_NET_BYTEORDER, 0x1234);
        m.attrAddress(IFLA_MTU + 202, InetAddress.getByName("fd00::1"));
        m.attrFlag(IFLA_MTU + 203);
        int info = m.beginNested(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "veth");
        int data = m.beginNested(IFLA_INFO_DATA);
        m.attrU32(1, 42);
        m.end(data);
        m.end(info);
        ByteBuffer bytes = m.build(99, 1234);

        assertEquals(bytes.limit() % NLMSG_ALIGNTO, 0);
        List<NetlinkMessage> parsed = NetlinkMessage.parse(bytes);
        assertEquals(1, parsed.size());
        NetlinkMessage msg = parsed.get(0);
        assertEquals(RTM_NEWLINK, msg.type());
        assertEquals(NLM_F_CREATE, msg.flags());
        assertEquals(99, msg.seq());
        assertEquals(1234, msg.portId());

        Link link = Link.decode(msg);
        assertEquals(7, link.index());
        assertEquals("abc", link.name());
        assertEquals(IF_OPER_UP, link.operState());
        assertEquals(9000, link.mtu());
        assertEquals("veth", link.kind());
        NetlinkAttributes a = link.attributes();
        assertEquals(0xBEEF, a.get(IFLA_GROUP + 100).u16());
        assertEquals(0x0102030405060708L, a.get(IFLA_MTU + 200).u64());
        NetlinkAttribute be = a.get(IFLA_MTU + 201);
        assertTrue(be.netByteOrder());
        assertEquals(0x1234, be.u16(), "the byte-order flag makes u16 read big-endian");
        assertEquals(0x1234, be.be16());
        assertEquals(InetAddress.getByName("fd00::1"), a.address(IFLA_MTU + 202));
        assertEquals(0, a.get(IFLA_MTU + 203).length());
        NetlinkAttribute nest = a.get(IFLA_LINKINFO);
        assertTrue(nest.nested());
        assertEquals(IFLA_LINKINFO, nest.type(), "the flag bits are not part of the type");
        assertEquals(42, nest.attributes().nested(IFLA_INFO_DATA).u32(1));
        // every attribute starts aligned
        assertEquals(3, a.get(IFLA_IFNAME).string().length());
        assertEquals(4, a.get(IFLA_IFNAME).length(), "the kernel's strings end with a NUL");
    }

    @Test
    void severalMessagesInOneDatagram() {
        ByteBuffer one = new MessageBuilder(NLMSG_NOOP, 0).build(1, 0);
        MessageBuilder two = new MessageBuilder(NLMSG_DONE, NLM_F_MULTI);
        two.attrU8(1, 5); // an odd length inside, padded after
        ByteBuffer b = two.build(2, 0);
        ByteBuffer both = ByteBuffer.allocate(one.limit() + b.limit()).order(ByteOrder.nativeOrder());
        both.put(one).put(b).flip();
        List<NetlinkMessage> parsed = NetlinkMessage.parse(both);
        assertEquals(2, parsed.size());
        assertEquals(2, parsed.get(1).seq());
        assertTrue(parsed.get(1).hasFlag(NLM_F_MULTI));
    }

    @Test
    void malformedBytesAreRefusedWithTheParseError() {
        ByteBuffer ok = new MessageBuilder(RTM_NEWLINK, 0).build(1, 0);
        ByteBuffer tooLong = new MessageBuilder(RTM_NEWLINK, 0).build(1, 0);
        tooLong.putInt(0, ok.limit() + 4);
        assertThrows(NetlinkParseException.class, () -> NetlinkMessage.parse(tooLong));
        ByteBuffer tooShort = new MessageBuilder(RTM_NEWLINK, 0).build(1, 0);
        tooShort.putInt(0, 3);
        assertThrows(NetlinkParseException.class, () -> NetlinkMessage.parse(tooShort));
        NetlinkMessage bare = NetlinkMessage.parse(ok).get(0);
        assertThrows(NetlinkParseException.class, () -> Link.decode(bare), "no ifinfomsg");

        ByteBuffer attrs = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        attrs.putShort(0, (short) 12).putShort(2, (short) 1); // says 12 bytes, has 8
        assertThrows(NetlinkParseException.class, () -> NetlinkAttributes.parse(attrs, 0, 8));
        attrs.putShort(0, (short) 2);                          // shorter than its own header
        assertThrows(NetlinkParseException.class, () -> NetlinkAttributes.parse(attrs, 0, 8));
        attrs.putShort(0, (short) 6);                          // a 2-byte value: not a u32
        NetlinkAttribute two = NetlinkAttributes.parse(attrs, 0, 8).get(1);
        assertThrows(NetlinkParseException.class, two::u32);
        assertThrows(NetlinkParseException.class, two::address);
        assertEquals(2, two.length());
        assertThrows(NetlinkParseException.class, () -> NetlinkAttributes.parse(attrs, 4, 8), "outside the buffer");
    }

    @Test
    void trailingBytesShorterThanAHeaderArePadding() {
        ByteBuffer attrs = ByteBuffer.allocate(11).order(ByteOrder.nativeOrder());
        attrs.putShort(0, (short) 8).putShort(2, (short) 3).putInt(4, 77);
        NetlinkAttributes a = NetlinkAttributes.parse(attrs, 0, 11);
        assertEquals(1, a.size());
        assertEquals(77, a.u32(3));
    }

    @Test
    void theBuilderRefusesWhatCannotBeEncoded() {
        MessageBuilder m = new MessageBuilder(RTM_NEWLINK, 0);
        assertThrows(IllegalArgumentException.class, () -> m.attr(1, new byte[70000]));
        assertThrows(IllegalArgumentException.class, () -> m.attrString(1, "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> m.end(NLMSG_HDRLEN + 400));
        assertThrows(IndexOutOfBoundsException.class, () -> m.putU32(0, 1), "the header is the connection's");
        assertThrows(IllegalArgumentException.class, () -> new MessageBuilder(0x10000, 0));
    }
}
