package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.internal.Consts;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SOCK_RAW: an ICMP echo to loopback over a raw socket, answered by the kernel. Raw sockets need
 * CAP_NET_RAW; without it the tests are skipped, saying so.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RawSocketTest {
    private static final byte[] PAYLOAD = "jsock raw echo".getBytes(StandardCharsets.US_ASCII);

    @Test
    void icmpEchoToLoopbackIsAnswered() throws Exception {
        assumeEchoAnswered("/proc/sys/net/ipv4/icmp_echo_ignore_all");
        try (Socket s = openRaw(Family.INET, Sockets.IPPROTO_ICMP)) {
            assertEquals(Type.RAW, s.type());
            assertEquals(Sockets.IPPROTO_ICMP, s.proto());
            s.setTimeout(Duration.ofSeconds(10));
            int id = ThreadLocalRandom.current().nextInt(1, 0x10000);
            byte[] request = echo("icmphdr", "type", "checksum", "un.echo.id", "un.echo.sequence",
                    Consts.get("ICMP_ECHO"), id, 1);
            putChecksum(request, Consts.offsetOf("icmphdr", "checksum")); // IPv4 ICMP: the sender's job
            SockAddr loopback = SockAddr.inet("127.0.0.1", 0);
            assertEquals(request.length, s.sendTo(request, loopback));

            byte[] reply = awaitEcho(s, Consts.get("ICMP_ECHOREPLY"), id, true, loopback);
            assertEquals(0, checksum(reply, 0, reply.length), "the reply's checksum holds");
            assertArrayEquals(PAYLOAD, Arrays.copyOfRange(reply, Consts.sizeOf("icmphdr"), reply.length));
        }
    }

    @Test
    void icmpv6EchoToLoopbackIsAnswered() throws Exception {
        assumeEchoAnswered("/proc/sys/net/ipv6/icmp/echo_ignore_all");
        try (Socket s = openRaw(Family.INET6, Sockets.IPPROTO_ICMPV6)) {
            s.setTimeout(Duration.ofSeconds(10));
            int id = ThreadLocalRandom.current().nextInt(1, 0x10000);
            // The kernel computes an ICMPv6 checksum itself (it covers the IPv6 pseudo-header).
            byte[] request = echo("icmp6_hdr", "icmp6_type", "icmp6_cksum", "icmp6_id", "icmp6_seq",
                    Consts.get("ICMP6_ECHO_REQUEST"), id, 7);
            SockAddr loopback = SockAddr.inet6("::1", 0);
            s.sendTo(ByteBuffer.wrap(request), loopback);
            byte[] reply = awaitEcho(s, Consts.get("ICMP6_ECHO_REPLY"), id, false, loopback);
            assertArrayEquals(PAYLOAD, Arrays.copyOfRange(reply, Consts.sizeOf("icmp6_hdr"), reply.length));
        }
    }

    /** A raw IPv4 socket's name carries its protocol where a port would be, as CPython shows it. */
    @Test
    void aRawSocketsNameAndFromFdAgreeWithCPython() throws Exception {
        try (Socket s = openRaw(Family.INET, Sockets.IPPROTO_ICMP); Socket f = Socket.fromFd(s.fileno())) {
            String python = Python.output("import socket\n"
                    + "s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)\n"
                    + "print(s.getsockname(), s.type == socket.SOCK_RAW, s.proto)");
            SockAddr.Inet name = (SockAddr.Inet) s.getSockName();
            assertEquals(python, "('" + name.host() + "', " + name.port() + ") True " + f.proto());
            assertEquals(Type.RAW, f.type());
            assertEquals(Family.INET, f.family());
        }
    }

    // ---- helpers

    private static Socket openRaw(Family family, int proto) throws IOException {
        try {
            return Socket.open(family, Type.RAW, proto);
        } catch (SocketError e) {
            assumeTrue(e.errno() != Consts.get("EPERM") && e.errno() != Consts.get("EACCES"),
                    "raw sockets need CAP_NET_RAW, which this process lacks: " + e.getMessage());
            throw e;
        }
    }

    private static void assumeEchoAnswered(String sysctl) throws IOException {
        Path p = Path.of(sysctl);
        assumeTrue(!Files.exists(p) || Files.readString(p).trim().equals("0"),
                "this machine ignores echo requests (" + sysctl + " is set)");
    }

    /** An echo message: the ICMP header (offsets from the C headers) and the payload. */
    private static byte[] echo(String struct, String type, String sum, String ident, String seq,
            int kind, int id, int sequence) {
        ByteBuffer b = ByteBuffer.allocate(Consts.sizeOf(struct) + PAYLOAD.length).order(ByteOrder.BIG_ENDIAN);
        b.put(Consts.offsetOf(struct, type), (byte) kind);
        b.putShort(Consts.offsetOf(struct, sum), (short) 0);
        b.putShort(Consts.offsetOf(struct, ident), (short) id);
        b.putShort(Consts.offsetOf(struct, seq), (short) sequence);
        b.put(Consts.sizeOf(struct), PAYLOAD);
        return b.array();
    }

    /**
     * Receives until the echo reply with our id comes (a raw socket also sees our own request and
     * any other ICMP traffic). IPv4 raw sockets deliver the IP header first; IPv6 ones do not.
     */
    private static byte[] awaitEcho(Socket s, int replyType, int id, boolean ipHeader, SockAddr from)
            throws IOException {
        boolean v6 = !ipHeader;
        String struct = v6 ? "icmp6_hdr" : "icmphdr";
        int typeAt = Consts.offsetOf(struct, v6 ? "icmp6_type" : "type");
        int idAt = Consts.offsetOf(struct, v6 ? "icmp6_id" : "un.echo.id");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            Datagram d = s.recvFrom(65536);
            byte[] packet = d.data();
            // RFC 791: the low four bits of the first byte are the IPv4 header's length in 32-bit words.
            int start = ipHeader ? (packet[0] & 0x0f) * 4 : 0;
            byte[] icmp = Arrays.copyOfRange(packet, start, packet.length);
            if (icmp.length < Consts.sizeOf(struct)) continue;
            ByteBuffer b = ByteBuffer.wrap(icmp).order(ByteOrder.BIG_ENDIAN);
            if (Byte.toUnsignedInt(b.get(typeAt)) == replyType && Short.toUnsignedInt(b.getShort(idAt)) == id) {
                assertEquals(from, withoutPort(d.address()), "the reply comes from loopback");
                return icmp;
            }
        }
        throw new AssertionError("no echo reply within 10 s");
    }

    private static SockAddr withoutPort(SockAddr a) {
        if (a instanceof SockAddr.Inet i) return SockAddr.inet(i.host(), 0);
        SockAddr.Inet6 i = (SockAddr.Inet6) a;
        return SockAddr.inet6(i.host(), 0);
    }

    /** RFC 1071: the ones' complement of the ones' complement sum of the 16-bit words. */
    private static int checksum(byte[] b, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i += 2) {
            int hi = Byte.toUnsignedInt(b[i]);
            int lo = i + 1 < to ? Byte.toUnsignedInt(b[i + 1]) : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }

    private static void putChecksum(byte[] message, int at) {
        int sum = checksum(message, 0, message.length);
        message[at] = (byte) (sum >> 8);
        message[at + 1] = (byte) sum;
    }
}
