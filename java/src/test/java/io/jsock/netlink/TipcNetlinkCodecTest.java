package io.jsock.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SockAddr;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TIPCv2's messages, encoded and decoded against bytes laid out here by hand, with the attribute
 * numbers of linux/tipc_netlink.h written as literals (the uapi never renumbers them): runs on any
 * kernel, TIPC or not.
 */
class TipcNetlinkCodecTest {
    private static final int NESTED = 0x8000;
    private static final int FAMILY_ID = 0x1f;

    // ---- a hand encoder: struct nlattr is {u16 nla_len; u16 nla_type}, values padded to 4 bytes

    private static byte[] attr(int type, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate((4 + value.length + 3) & ~3).order(ByteOrder.nativeOrder());
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        return b.array();
    }

    private static byte[] u32(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    private static byte[] u64(int type, long value) {
        return attr(type, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
    }

    private static byte[] flag(int type) {
        return attr(type, new byte[0]);
    }

    private static byte[] string(int type, String s) {
        return attr(type, (s + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] nest(int type, byte[]... children) {
        return attr(type | NESTED, concat(children));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    /** A whole reply: nlmsghdr, genlmsghdr (cmd, version 1) and the attributes. */
    private static GenlMessage reply(int cmd, byte[]... attributes) {
        byte[] a = concat(attributes);
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + a.length).order(ByteOrder.nativeOrder());
        b.putInt(b.capacity()).putShort((short) FAMILY_ID).putShort((short) 2).putInt(7).putInt(0);
        b.put((byte) cmd).put((byte) 1).putShort((short) 0).put(a);
        b.flip();
        List<NetlinkMessage> m = NetlinkMessage.parse(b);
        assertEquals(1, m.size());
        return GenlMessage.decode(m.get(0), 0);
    }

    /** The attributes a request builder wrote: what follows the nlmsghdr and genlmsghdr. */
    private static byte[] attributesOf(java.util.function.Consumer<MessageBuilder> put) {
        MessageBuilder m = new MessageBuilder(FAMILY_ID, 0);
        m.reserve(4);
        put.accept(m);
        ByteBuffer b = m.build(1, 0);
        byte[] out = new byte[b.limit() - 20];
        b.get(20, out);
        return out;
    }

    @Test
    void theNumbersAreThoseOfTheHeader() {
        assertEquals("TIPCv2", TipcNetlink.FAMILY_NAME);
        assertEquals(1, TipcNetlink.TIPC_GENL_V2_VERSION);
        assertEquals(2, TipcNetlink.TIPC_NL_BEARER_DISABLE);
        assertEquals(3, TipcNetlink.TIPC_NL_BEARER_ENABLE);
        assertEquals(4, TipcNetlink.TIPC_NL_BEARER_GET);
        assertEquals(6, TipcNetlink.TIPC_NL_SOCK_GET);
        assertEquals(7, TipcNetlink.TIPC_NL_PUBL_GET);
        assertEquals(8, TipcNetlink.TIPC_NL_LINK_GET);
        assertEquals(13, TipcNetlink.TIPC_NL_NODE_GET);
        assertEquals(14, TipcNetlink.TIPC_NL_NET_GET);
        assertEquals(15, TipcNetlink.TIPC_NL_NET_SET);
        assertEquals(16, TipcNetlink.TIPC_NL_NAME_TABLE_GET);
        assertEquals(7, TipcNetlink.TIPC_NLA_NET);
        assertEquals(3, TipcNetlink.TIPC_NLA_NET_NODEID);
        assertEquals(4, TipcNetlink.TIPC_NLA_NET_NODEID_W1);
        assertEquals(8, TipcNetlink.TIPC_NLA_LINK_STATS);
        assertEquals(33, TipcNetlink.TIPC_NLA_STATS_AVG_QUEUE);
        assertEquals(7, TipcNetlink.TIPC_NLA_PUBL_KEY);
        assertEquals(16, TipcNetlink.NODEID_LENGTH);
    }

    @Test
    void netGetReplyDecodes() {
        byte[] id = TipcNetlink.nodeId("nodea");
        ByteBuffer w = ByteBuffer.wrap(id).order(ByteOrder.nativeOrder());
        GenlMessage m = reply(14, nest(7, u32(1, 4711), u32(2, 0x1a2b3c4d), u64(3, w.getLong(0)), u64(4, w.getLong(8))));
        TipcNetlink.Net n = TipcNetlink.decodeNet(m);
        assertEquals(4711, n.netId());
        assertEquals(0x1a2b3c4d, n.address());
        assertArrayEquals(id, n.nodeId());
        assertEquals("nodea", n.nodeIdString());
        assertNull(TipcNetlink.decodeNet(reply(14, nest(6, u32(1, 1)))), "no TIPC_NLA_NET");
    }

    @Test
    void netSetEncodesTheIdentityAsTwoHostOrderWords() {
        byte[] id = TipcNetlink.nodeId("0123456789abcdef0123456789abcdef");
        ByteBuffer w = ByteBuffer.wrap(id).order(ByteOrder.nativeOrder());
        byte[] expected = nest(7, u64(3, w.getLong(0)), u64(4, w.getLong(8)));
        assertArrayEquals(expected, attributesOf(m -> TipcNetlink.putNodeId(m, id)));
        assertThrows(IllegalArgumentException.class, () -> attributesOf(m -> TipcNetlink.putNodeId(m, new byte[15])));
    }

    @Test
    void identitiesAreReadAndWrittenAsIproute2Does() {
        byte[] name = TipcNetlink.nodeId("node-a");
        assertEquals("node-a", new String(name, 0, 6, StandardCharsets.US_ASCII));
        assertTrue(Arrays.equals(new byte[10], Arrays.copyOfRange(name, 6, 16)));
        assertEquals("node-a", TipcNetlink.nodeIdString(name));
        // 16 name characters fill the identity without a NUL
        assertEquals("abcdefghijklmnop", TipcNetlink.nodeIdString(TipcNetlink.nodeId("abcdefghijklmnop")));
        // more than 16: hex digits, an odd count padded with a 0 nibble; printed without trailing zeros
        byte[] hex = TipcNetlink.nodeId("0123456789abcdef1");
        assertEquals(0x01, hex[0]);
        assertEquals((byte) 0xef, hex[7]);
        assertEquals(0x10, hex[8]);
        assertEquals("0123456789abcdef1", TipcNetlink.nodeIdString(hex));
        // a kernel-made identity (a MAC address's hex) is not a name
        byte[] mac = new byte[16];
        mac[0] = 0x52;
        mac[1] = 0x54;
        mac[5] = 0x12;
        assertEquals("525400000012", TipcNetlink.nodeIdString(mac));
        assertThrows(IllegalArgumentException.class, () -> TipcNetlink.nodeId(""));
        assertThrows(IllegalArgumentException.class, () -> TipcNetlink.nodeId("0123456789abcdef0123456789abcdef0"));
        assertThrows(IllegalArgumentException.class, () -> TipcNetlink.nodeId("not a name, not hex"));
    }

    @Test
    void nodeDumpDecodes() {
        TipcNetlink.Node up = TipcNetlink.decodeNode(reply(13, nest(6, u32(1, 0x01001001), flag(2))));
        assertEquals(new TipcNetlink.Node(0x01001001, true), up);
        assertFalse(TipcNetlink.decodeNode(reply(13, nest(6, u32(1, 5)))).up());
    }

    @Test
    void bearerDumpDecodes() {
        TipcNetlink.Bearer b = TipcNetlink.decodeBearer(reply(4, nest(1, string(1, "eth:va"),
                nest(2, u32(1, 10), u32(2, 1500), u32(3, 50)), u32(3, 0x1001000))));
        assertEquals("eth:va", b.name());
        assertEquals(new TipcNetlink.Properties(10, 1500, 50, null), b.properties());
        assertEquals(0x1001000, b.domain());
        assertThrows(NetlinkParseException.class, () -> TipcNetlink.decodeBearer(reply(4, nest(1, u32(3, 1)))));
    }

    @Test
    void bearerEnableAndDisableEncode() {
        assertArrayEquals(nest(1, string(1, "eth:va")), attributesOf(m -> TipcNetlink.putBearerName(m, "eth:va", null)));
        SockAddr local = SockAddr.inet("10.0.0.1", 6118);
        SockAddr remote = SockAddr.inet("10.0.0.2", 6118);
        byte[] sin1 = sockaddrIn(new byte[] {10, 0, 0, 1}, 6118);
        byte[] sin2 = sockaddrIn(new byte[] {10, 0, 0, 2}, 6118);
        assertArrayEquals(nest(1, string(1, "udp:u1"), nest(4, attr(1, sin1), attr(2, sin2))),
                attributesOf(m -> TipcNetlink.putUdpBearer(m, "u1", local, remote)));
        assertThrows(IllegalArgumentException.class,
                () -> attributesOf(m -> TipcNetlink.putUdpBearer(m, "u1", local, SockAddr.inet6("::1", 6118))));
        assertThrows(IllegalArgumentException.class,
                () -> attributesOf(m -> TipcNetlink.putBearerName(m, "eth:" + "x".repeat(40), null)));
    }

    /** sockaddr_in: family (native), port (big-endian), the address, 8 zero bytes. */
    private static byte[] sockaddrIn(byte[] address, int port) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putShort((short) 2);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        b.put(address);
        return b.array();
    }

    @Test
    void linkDumpDecodesWithItsStatistics() {
        byte[][] stats = new byte[33][];
        for (int i = 0; i < 33; i++) stats[i] = u32(i + 1, 100 + i);
        GenlMessage m = reply(8, nest(4, string(1, "1.1.1:va-1.1.2:vb"), u32(2, 0x1001002), u32(3, 1500), flag(5), flag(6),
                nest(7, u32(1, 10), u32(2, 1500), u32(3, 50)), nest(8, stats), u32(9, 1234), u32(10, 5678)));
        TipcNetlink.Link l = TipcNetlink.decodeLink(m);
        assertEquals("1.1.1:va-1.1.2:vb", l.name());
        assertEquals(0x1001002, l.destination());
        assertEquals(1500, l.mtu());
        assertFalse(l.broadcast());
        assertTrue(l.up());
        assertTrue(l.active());
        assertEquals(1234, l.rx());
        assertEquals(5678, l.tx());
        assertEquals(new TipcNetlink.Properties(10, 1500, 50, null), l.properties());
        assertEquals(100, l.stats().rxInfo());
        assertEquals(110, l.stats().msgProfileTotal());
        assertEquals(120, l.stats().rxStates());
        assertEquals(132, l.stats().avgQueue());

        TipcNetlink.Link bc = TipcNetlink.decodeLink(reply(8, nest(4, string(1, "broadcast-link"), flag(4),
                nest(7, u32(3, 50)), nest(8))));
        assertTrue(bc.broadcast());
        assertFalse(bc.up());
        assertEquals(0, bc.stats().rxInfo(), "absent counters are 0");
    }

    @Test
    void linkRequestsEncode() {
        assertArrayEquals(nest(4, string(1, "broadcast-link")), attributesOf(m -> TipcNetlink.putLinkName(m, "broadcast-link")));
        assertArrayEquals(nest(2, u32(2, 77)), attributesOf(m -> TipcNetlink.putSocketRef(m, 77)));
    }

    @Test
    void nameTableDumpDecodes() {
        GenlMessage m = reply(16, nest(8, nest(1, u32(1, 18888), u32(2, 1), u32(3, 10), u32(4, 2), u32(5, 0x1001001),
                u32(6, 0x8000_0001), u32(7, 0x8000_0002))));
        assertEquals(new TipcNetlink.Publication(18888, 1, 10, 2, 0x1001001, 0x8000_0001, 0x8000_0002),
                TipcNetlink.decodeNameTableEntry(m));
        assertNull(TipcNetlink.decodeNameTableEntry(reply(16, nest(8))));
    }

    @Test
    void socketDumpDecodes() {
        TipcNetlink.SocketInfo bound = TipcNetlink.decodeSocket(reply(6, nest(2, u32(1, 0x1001001), u32(2, 3000), flag(4))));
        assertEquals(3000, bound.ref());
        assertEquals(0x1001001, bound.address());
        assertNull(bound.connection());
        assertTrue(bound.hasPublications());
        TipcNetlink.SocketInfo connected = TipcNetlink.decodeSocket(reply(6, nest(2, u32(1, 1), u32(2, 3001),
                nest(3, flag(1), u32(2, 0x1001002), u32(3, 4000), u32(4, 18888), u32(5, 17)))));
        assertEquals(new TipcNetlink.Connection(0x1001002, 4000, true, 18888, 17), connected.connection());
        assertFalse(connected.hasPublications());
        assertThrows(NetlinkParseException.class, () -> TipcNetlink.decodeSocket(reply(6, nest(2, u32(1, 1)))));
    }
}
