package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.ProcStatus;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The typed ancillary items, sent and received for real over loopback: IP_PKTINFO, IPV6_PKTINFO,
 * IP_TTL / IPV6_HOPLIMIT, IP_TOS / IPV6_TCLASS, SO_TIMESTAMP / SO_TIMESTAMPNS, SCM_CREDENTIALS,
 * and the raw triple for an item without a type of its own.
 */
class AncillaryItemsTest {
    private static final int SPACE = 1024;
    @RegisterExtension
    final OpenSockets open = new OpenSockets();

    private static int loopbackIndex() throws IOException {
        return Integer.parseInt(firstLine("/sys/class/net/lo/ifindex"));
    }

    /** Files.readString is not for /proc and /sys (it trusts their size of 0 and reads short). */
    private static String firstLine(String path) throws IOException {
        return Files.readAllLines(Path.of(path)).get(0).trim();
    }

    private static Ancillary only(Message m, int level, int type) {
        List<Ancillary> found = m.ancillary().stream().filter(a -> a.is(level, type)).toList();
        assertEquals(1, found.size(), "one item " + level + "/" + type + " in " + m);
        return found.get(0);
    }

    private static Message exchange(Socket from, Socket to, List<Ancillary> items) throws IOException {
        from.sendMsg(new byte[][] {"datagram".getBytes(StandardCharsets.US_ASCII)}, items, 0, to.getSockName());
        Message m = to.recvMsg(100, SPACE, 0);
        assertEquals("datagram", new String(m.data(), StandardCharsets.US_ASCII));
        assertEquals(0, m.flags() & (Sockets.MSG_TRUNC | Sockets.MSG_CTRUNC), m.toString());
        assertEquals(from.getSockName(), m.address());
        return m;
    }

    @Test
    void ipPktInfoReceived() throws IOException {
        Socket rx = open.udp(Family.INET, "127.0.0.2");
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_PKTINFO, 1);
        Ancillary.PktInfo info = only(exchange(tx, rx, List.of()), Sockets.IPPROTO_IP, Sockets.IP_PKTINFO).pktInfo();
        assertEquals(loopbackIndex(), info.ifindex());
        assertEquals(InetAddress.getByName("127.0.0.2"), info.addr(), "the header's destination");
        assertEquals(InetAddress.getByName("127.0.0.2"), info.specDst(), "the local address");
    }

    @Test
    void ipPktInfoSentChoosesTheSourceAddress() throws IOException {
        Socket rx = open.udp(Family.INET, "127.0.0.2");
        Socket tx = Socket.open(Family.INET, Type.DGRAM);
        open.add(tx);
        Inet4Address source = (Inet4Address) InetAddress.getByName("127.0.0.3");
        Inet4Address any = (Inet4Address) InetAddress.getByName("0.0.0.0");
        tx.sendMsg(new byte[][] {"x".getBytes()}, List.of(Ancillary.pktInfo(new Ancillary.PktInfo(0, source, any))), 0,
                rx.getSockName());
        Datagram d = rx.recvFrom(10);
        assertEquals(source, ((SockAddr.Inet) d.address()).address(), "ipi_spec_dst became the source");
    }

    @Test
    void ipv6PktInfoBothWays() throws IOException {
        Socket rx = open.udp(Family.INET6, "::1");
        Socket tx = open.udp(Family.INET6, "::1");
        rx.setSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_RECVPKTINFO, 1);
        Inet6Address loopback = (Inet6Address) InetAddress.getByName("::1");
        Ancillary sent = Ancillary.ipv6PktInfo(new Ancillary.Ipv6PktInfo(loopback, loopbackIndex()));
        Ancillary.Ipv6PktInfo info = only(exchange(tx, rx, List.of(sent)), Sockets.IPPROTO_IPV6, Sockets.IPV6_PKTINFO)
                .ipv6PktInfo();
        assertEquals(loopback, info.addr());
        assertEquals(loopbackIndex(), info.ifindex());
    }

    @Test
    void ttlAndHopLimitPerDatagram() throws IOException {
        int defaultTtl = Integer.parseInt(firstLine("/proc/sys/net/ipv4/ip_default_ttl"));
        Socket rx = open.udp(Family.INET, "127.0.0.1");
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_RECVTTL, 1);
        assertEquals(7, only(exchange(tx, rx, List.of(Ancillary.ttl(7))), Sockets.IPPROTO_IP, Sockets.IP_TTL).intValue());
        assertEquals(defaultTtl, only(exchange(tx, rx, List.of()), Sockets.IPPROTO_IP, Sockets.IP_TTL).intValue());

        Socket rx6 = open.udp(Family.INET6, "::1");
        Socket tx6 = open.udp(Family.INET6, "::1");
        rx6.setSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_RECVHOPLIMIT, 1);
        assertEquals(9, only(exchange(tx6, rx6, List.of(Ancillary.hopLimit(9))), Sockets.IPPROTO_IPV6,
                Sockets.IPV6_HOPLIMIT).intValue());
    }

    @Test
    void tosAndTrafficClassPerDatagram() throws IOException {
        Socket rx = open.udp(Family.INET, "127.0.0.1");
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_RECVTOS, 1);
        Ancillary tos = only(exchange(tx, rx, List.of(Ancillary.tos(0x28))), Sockets.IPPROTO_IP, Sockets.IP_TOS);
        assertEquals(1, tos.data().length, "the kernel reports IP_TOS as one byte");
        assertEquals(0x28, tos.intValue());

        Socket rx6 = open.udp(Family.INET6, "::1");
        Socket tx6 = open.udp(Family.INET6, "::1");
        rx6.setSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_RECVTCLASS, 1);
        assertEquals(0x28, only(exchange(tx6, rx6, List.of(Ancillary.trafficClass(0x28))), Sockets.IPPROTO_IPV6,
                Sockets.IPV6_TCLASS).intValue());
    }

    @Test
    void timestamps() throws IOException {
        Socket rx = open.udp(Family.INET, "127.0.0.1");
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TIMESTAMP, 1);
        Instant before = Instant.now();
        Instant micros = only(exchange(tx, rx, List.of()), Sockets.SOL_SOCKET, Sockets.SCM_TIMESTAMP).timestamp();
        rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TIMESTAMP, 0);
        rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TIMESTAMPNS, 1);
        Instant nanos = only(exchange(tx, rx, List.of()), Sockets.SOL_SOCKET, Sockets.SCM_TIMESTAMPNS).timestamp();
        Instant after = Instant.now();
        // The kernel's clock and Java's are the same realtime clock; a minute of slack is generous.
        for (Instant t : List.of(micros, nanos)) {
            assertTrue(t.isAfter(before.minusSeconds(60)) && t.isBefore(after.plusSeconds(60)), t + " is near " + before);
        }
        assertEquals(0, micros.getNano() % 1000, "SO_TIMESTAMP has microseconds");
        assertTrue(!nanos.isBefore(micros), "the second datagram came later");
    }

    @Test
    void credentialsOfADatagramsSender() throws Exception {
        Socket rx = Socket.open(Family.UNIX, Type.DGRAM);
        Socket tx = Socket.open(Family.UNIX, Type.DGRAM);
        open.add(rx);
        open.add(tx);
        rx.bind(SockAddr.unixAbstract("jsock-creds-" + ProcessHandle.current().pid()));
        tx.bind(SockAddr.unixAbstract("jsock-creds-tx-" + ProcessHandle.current().pid()));
        rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PASSCRED, 1);
        assertEquals(1, rx.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PASSCRED));
        Message m = exchange(tx, rx, List.of());
        assertEquals(ProcStatus.credentials(), only(m, Sockets.SOL_SOCKET, Sockets.SCM_CREDENTIALS).credentials());
        // Stated explicitly (our own, which the kernel accepts), they arrive alike.
        Ucred me = ProcStatus.credentials();
        m = exchange(tx, rx, List.of(Ancillary.credentials(me)));
        assertEquals(me, only(m, Sockets.SOL_SOCKET, Sockets.SCM_CREDENTIALS).credentials());
    }

    @Test
    void manyItemsInOneMessage() throws IOException {
        Socket rx = open.udp(Family.INET, "127.0.0.1");
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_PKTINFO, 1);
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_RECVTTL, 1);
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_RECVTOS, 1);
        rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TIMESTAMPNS, 1);
        Message m = exchange(tx, rx, List.of(Ancillary.ttl(33), Ancillary.tos(0x10)));
        assertEquals(4, m.ancillary().size(), m.toString());
        assertEquals(33, only(m, Sockets.IPPROTO_IP, Sockets.IP_TTL).intValue());
        assertEquals(0x10, only(m, Sockets.IPPROTO_IP, Sockets.IP_TOS).intValue());
        assertNotNull(only(m, Sockets.IPPROTO_IP, Sockets.IP_PKTINFO).pktInfo());
        assertNotNull(only(m, Sockets.SOL_SOCKET, Sockets.SCM_TIMESTAMPNS).timestamp());
        // Too little room for all four: MSG_CTRUNC, and what did fit is whole.
        tx.sendTo("again".getBytes(), rx.getSockName());
        Message cut = rx.recvMsg(100, Sockets.cmsgSpace(4) + Sockets.cmsgLen(4), 0);
        assertTrue(cut.controlTruncated(), cut.toString());
    }

    @Test
    void rawTripleForOtherItems() throws IOException {
        Socket rx = open.udp(Family.INET, "127.0.0.1");
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        rx.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_RECVORIGDSTADDR, 1);
        Ancillary a = only(exchange(tx, rx, List.of()), Sockets.IPPROTO_IP, Sockets.IP_ORIGDSTADDR);
        byte[] data = a.data();
        assertEquals(rx.getSockName(), SockAddr.decode(ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()), 0, data.length),
                "IP_ORIGDSTADDR is a sockaddr_in of where the datagram went");
        // A raw item goes out as given: IP_TTL built by hand is the same item as the typed one.
        byte[] ttl = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 5).array();
        assertEquals(Ancillary.ttl(5), new Ancillary(Sockets.IPPROTO_IP, Sockets.IP_TTL, ttl));
    }

    @Test
    void readersRefuseTheWrongItem() {
        Ancillary ttl = Ancillary.ttl(5);
        assertThrows(IllegalStateException.class, ttl::fds);
        assertThrows(IllegalStateException.class, ttl::credentials);
        assertThrows(IllegalStateException.class, ttl::pktInfo);
        assertThrows(IllegalStateException.class, ttl::ipv6PktInfo);
        assertThrows(IllegalStateException.class, ttl::timestamp);
        assertThrows(IllegalStateException.class, () -> Ancillary.fds(3).intValue());
        Ancillary shortCreds = new Ancillary(Sockets.SOL_SOCKET, Sockets.SCM_CREDENTIALS, new byte[4]);
        assertThrows(IllegalStateException.class, shortCreds::credentials);
        assertThrows(IllegalArgumentException.class, () -> Ancillary.fds(1, -1));
        assertThrows(NullPointerException.class, () -> new Ancillary(0, 0, null));
    }
}
