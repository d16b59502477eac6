package io.jsock;

import static io.jsock.SocketFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.Consts;
import io.jsock.testing.ChildProcess;
import io.jsock.testing.Python;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SockAddr record encodes and decodes exactly, and every field the kernel keeps comes back
 * from it unchanged: bind/getsockname, connect/getpeername, sendto/recvfrom.
 */
class SockAddrTest {
    private static final Random RANDOM = new Random();
    private static final int OFFSET_FAMILY = Consts.offsetOf("sockaddr", "sa_family");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- encoding alone

    /** Encodes at an odd offset of a larger buffer and decodes it back. */
    static SockAddr roundTrip(SockAddr a) {
        ByteBuffer b = ByteBuffer.allocate(SockAddr.MAX_LENGTH + 16).order(ByteOrder.nativeOrder());
        for (int i = 0; i < b.capacity(); i++) b.put(i, (byte) 0xA5); // no field may rely on a zeroed buffer
        int len = a.encode(b, 7);
        assertTrue(len > 0 && len <= SockAddr.MAX_LENGTH, "length " + len);
        assertEquals(a.family().value(), Short.toUnsignedInt(b.getShort(7 + OFFSET_FAMILY)), "sa_family of " + a);
        SockAddr back = SockAddr.decode(b, 7, len);
        assertEquals(a, back, "round trip of " + a);
        return back;
    }

    static byte[] encoded(SockAddr a) {
        ByteBuffer b = ByteBuffer.allocate(SockAddr.MAX_LENGTH).order(ByteOrder.nativeOrder());
        byte[] out = new byte[a.encode(b, 0)];
        b.get(0, out);
        return out;
    }

    @Test
    void unixAddressesRoundTrip() {
        roundTrip(SockAddr.unix("/run/jsock/socket"));
        roundTrip(SockAddr.unix("relative/name"));
        roundTrip(SockAddr.unix("x".repeat(SockAddr.Unix.MAX_NAME)));
        roundTrip(SockAddr.unix("ünïcödé/ß"));
        byte[] nasty = {0, 'a', 0, (byte) 0xff, (byte) 0x80, (byte) 0xc3, 0x28, '\n', 0};
        SockAddr.Unix abs = (SockAddr.Unix) roundTrip(SockAddr.unixAbstract(nasty));
        assertTrue(abs.isAbstract());
        assertArrayEquals(nasty, abs.name());
        roundTrip(SockAddr.unixAbstract(new byte[0]));
        byte[] longest = new byte[SockAddr.Unix.MAX_NAME];
        RANDOM.nextBytes(longest);
        roundTrip(SockAddr.unixAbstract(longest));
        SockAddr.Unix unnamed = (SockAddr.Unix) roundTrip(SockAddr.unixUnnamed());
        assertTrue(unnamed.isUnnamed());
        assertEquals(SockAddr.unixUnnamed(), SockAddr.unix(""));

        // The bytes: a path ends with its NUL, an abstract name starts with one, unnamed is the family alone.
        int sunPath = Consts.offsetOf("sockaddr_un", "sun_path");
        byte[] p = encoded(SockAddr.unix("/a"));
        assertEquals(sunPath + 3, p.length);
        assertArrayEquals(new byte[] {'/', 'a', 0}, java.util.Arrays.copyOfRange(p, sunPath, p.length));
        byte[] n = encoded(SockAddr.unixAbstract(new byte[] {'a', 0}));
        assertArrayEquals(new byte[] {0, 'a', 0}, java.util.Arrays.copyOfRange(n, sunPath, n.length));
        assertEquals(sunPath, encoded(SockAddr.unixUnnamed()).length);
        assertEquals(SockAddr.Unix.MAX_NAME, Sockets.UNIX_PATH_MAX - 1);
    }

    @Test
    void inetAddressesRoundTrip() {
        for (String host : List.of("0.0.0.0", "127.0.0.1", "255.255.255.255", "10.20.30.40")) {
            for (int port : new int[] {0, 1, 80, 0x8000, 65535}) roundTrip(SockAddr.inet(host, port));
        }
        assertEquals(SockAddr.inet("0.0.0.0", 0), SockAddr.inet("", 0));
        assertEquals(SockAddr.inet("255.255.255.255", 9), SockAddr.inet("<broadcast>", 9));
        byte[] b = encoded(SockAddr.inet("1.2.3.4", 0x1234));
        int port = Consts.offsetOf("sockaddr_in", "sin_port");
        int addr = Consts.offsetOf("sockaddr_in", "sin_addr");
        assertEquals(Consts.sizeOf("sockaddr_in"), b.length);
        assertArrayEquals(new byte[] {0x12, 0x34}, java.util.Arrays.copyOfRange(b, port, port + 2), "network byte order");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, java.util.Arrays.copyOfRange(b, addr, addr + 4));
    }

    @Test
    void inet6AddressesRoundTripWithEveryField() {
        for (String host : List.of("::", "::1", "fe80::1", "2001:db8::dead:beef", "::ffff:1.2.3.4",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            for (int flow : new int[] {0, 1, 0x12345, SockAddr.Inet6.MAX_FLOWINFO}) {
                for (int scope : new int[] {0, 1, 0x7fffffff, -1}) {
                    SockAddr.Inet6 back = (SockAddr.Inet6) roundTrip(SockAddr.inet6(host, 65535, flow, scope));
                    assertEquals(flow, back.flowInfo());
                    assertEquals(scope, back.scopeId());
                }
            }
        }
        SockAddr.Inet6 mapped = SockAddr.inet6("::ffff:1.2.3.4", 1);
        assertInstanceOf(Inet6Address.class, mapped.address(), "an IPv4-mapped address stays IPv6");
        assertEquals("::ffff:1.2.3.4", mapped.host());

        byte[] b = encoded(SockAddr.inet6("::1", 0xabcd, 0x12345, 0x01020304));
        int flow = Consts.offsetOf("sockaddr_in6", "sin6_flowinfo");
        int scope = Consts.offsetOf("sockaddr_in6", "sin6_scope_id");
        int port = Consts.offsetOf("sockaddr_in6", "sin6_port");
        assertEquals(Consts.sizeOf("sockaddr_in6"), b.length);
        assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd}, java.util.Arrays.copyOfRange(b, port, port + 2));
        assertArrayEquals(new byte[] {0, 1, 0x23, 0x45}, java.util.Arrays.copyOfRange(b, flow, flow + 4),
                "flowinfo in network byte order");
        assertEquals(0x01020304, ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt(scope),
                "scope id in host byte order");
    }

    @Test
    void netlinkAddressesRoundTrip() {
        for (int pid : new int[] {0, 1, 4242, 0x7fffffff, -1}) {
            for (int groups : new int[] {0, 1, 0x80000001, -1}) {
                SockAddr.Netlink back = (SockAddr.Netlink) roundTrip(SockAddr.netlink(pid, groups));
                assertEquals(pid, back.pid());
                assertEquals(groups, back.groups());
            }
        }
        assertEquals("netlink:4294967295:2147483649", SockAddr.netlink(-1, 0x80000001).toString());
    }

    /** A family jsock does not decode keeps its number and every byte after the family field. */
    @Test
    void otherFamiliesRoundTripAsBytes() {
        byte[] data = new byte[18];
        RANDOM.nextBytes(data);
        for (int af : new int[] {Sockets.AF_PACKET, Sockets.AF_APPLETALK, Sockets.AF_VSOCK}) {
            SockAddr.Other a = new SockAddr.Other(af, data);
            ByteBuffer b = ByteBuffer.allocate(SockAddr.MAX_LENGTH).order(ByteOrder.nativeOrder());
            int len = a.encode(b, 0);
            assertEquals(af, Short.toUnsignedInt(b.getShort(OFFSET_FAMILY)));
            SockAddr back = SockAddr.decode(b, 0, len);
            assertEquals(a, back);
            assertArrayEquals(data, ((SockAddr.Other) back).data());
        }
        assertEquals(Family.PACKET, new SockAddr.Other(Sockets.AF_PACKET, data).family());
        assertThrows(IllegalArgumentException.class, () -> new SockAddr.Other(Sockets.AF_PACKET, new byte[SockAddr.MAX_LENGTH]));
    }

    // ---------------------------------------------------------------- sun_path full: 108 bytes, no NUL

    /**
     * A CPython peer whose socket is bound to a path that fills sun_path (108 bytes, no NUL).
     * CPython's own bind refuses 108 bytes of str ("AF_UNIX path too long"), but the kernel takes
     * them, so the peer calls libc's bind through ctypes. It prints its getsockname() as CPython
     * decodes it, then plays its part: {@code dgram} sends "ping" to argv[3] (an abstract name,
     * hex) and prints the reply; {@code stream} listens, accepts, sends "hi" and prints what came.
     */
    private static final String FULL_PATH_PEER = "import ctypes, os, socket, struct, sys\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "kind, path = sys.argv[1], bytes.fromhex(sys.argv[2])\n"
            + "assert len(path) == 108\n"
            + "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM if kind == 'dgram' else socket.SOCK_STREAM)\n"
            + "addr = struct.pack('H', socket.AF_UNIX) + path\n"
            + "if libc.bind(s.fileno(), addr, len(addr)) != 0:\n"
            + "    e = ctypes.get_errno()\n    raise OSError(e, os.strerror(e))\n"
            + "print('bound', os.fsencode(s.getsockname()).hex())\n"
            + "if kind == 'dgram':\n"
            + "    s.sendto(b'ping', bytes.fromhex(sys.argv[3]))\n"
            + "    data, frm = s.recvfrom(100)\n"
            + "    print('got', data.decode())\n"
            + "else:\n"
            + "    s.listen()\n    print('listening')\n"
            + "    c, frm = s.accept()\n    c.sendall(b'hi')\n"
            + "    print('got', c.recv(100).decode())\n"
            + "os.unlink(path)\n";

    /** A path of exactly 108 bytes (sun_path full) inside {@code dir}. */
    private static byte[] fullPath(Path dir) {
        String prefix = dir.toString() + "/";
        byte[] path = (prefix + "f".repeat(108 - prefix.length())).getBytes(StandardCharsets.UTF_8);
        assertEquals(108, path.length);
        return path;
    }

    @Test
    void aDatagramFromAPeerBoundToA108BytePathKeepsTheWholeAddressAndTheReplyReachesIt(@TempDir Path dir)
            throws Exception {
        byte[] path = fullPath(dir);
        Python.assumeAvailable();
        try (Socket j = Socket.open(Family.UNIX, Type.DGRAM)) {
            j.bind(SockAddr.unixAbstract("jsock-full-path-" + ProcessHandle.current().pid()));
            j.setTimeout(Duration.ofSeconds(20));
            byte[] abstractName = concat(new byte[1], ((SockAddr.Unix) j.getSockName()).name());
            try (ChildProcess peer = Python.startCode(FULL_PATH_PEER, "dgram", hex(path), hex(abstractName))) {
                assertEquals(hex(path), peer.expect("bound")[0], "CPython reads its own 108-byte name whole");
                Datagram d = j.recvFrom(100); // the address decoded as the kernel wrote it, not refused
                assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), d.data());
                SockAddr.Unix full = new SockAddr.Unix(SockAddr.Unix.Kind.PATH, path);
                assertEquals(full, d.address(), "recvfrom gives the full 108-byte sun_path");
                assertEquals(108, ((SockAddr.Unix) d.address()).name().length);
                assertEquals(4, j.sendTo("pong".getBytes(StandardCharsets.US_ASCII), d.address()));
                assertEquals("pong", peer.expect("got")[0], "the reply to that address reached CPython");
                peer.finish();
            }
        }
    }

    @Test
    void aStreamConnectedToA108BytePathReportsTheWholePeerName(@TempDir Path dir) throws Exception {
        byte[] path = fullPath(dir);
        SockAddr.Unix full = new SockAddr.Unix(SockAddr.Unix.Kind.PATH, path);
        Python.assumeAvailable();
        try (ChildProcess peer = Python.startCode(FULL_PATH_PEER, "stream", hex(path))) {
            assertEquals(hex(path), peer.expect("bound")[0]);
            peer.expect("listening");
            try (Socket c = Socket.open(Family.UNIX, Type.STREAM)) {
                c.setTimeout(Duration.ofSeconds(20));
                c.connect(full);
                assertEquals(full, c.getPeerName());
                assertEquals(path.length, ((SockAddr.Unix) c.getPeerName()).name().length);
                assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), SocketFixtures.recvExactly(c, 2));
                c.sendAll("yo".getBytes(StandardCharsets.US_ASCII));
                assertEquals("yo", peer.expect("got")[0]);
            }
            peer.finish();
        }
    }

    /** jsock's own end bound to a full sun_path: getsockname, and the peer's view of it, whole. */
    @Test
    void jsockBindsA108BytePathAndBothEndsReportIt(@TempDir Path dir) throws Exception {
        byte[] path = fullPath(dir);
        SockAddr.Unix full = new SockAddr.Unix(SockAddr.Unix.Kind.PATH, path);
        try (Socket r = Socket.open(Family.UNIX, Type.DGRAM); Socket s = Socket.open(Family.UNIX, Type.DGRAM)) {
            r.bind(full);
            assertEquals(full, r.getSockName());
            assertTrue(Files.exists(Path.of(new String(path, StandardCharsets.UTF_8))), "the kernel made the whole name");
            s.bind(SockAddr.unixUnnamed());
            s.sendTo(new byte[] {7}, full);
            Datagram d = r.recvFrom(8);
            assertArrayEquals(new byte[] {7}, d.data());
            assertEquals(s.getSockName(), d.address());
            r.sendTo(new byte[] {8}, d.address());
            Datagram back = s.recvFrom(8);
            assertEquals(full, back.address(), "the sender's view: the full 108-byte name");
        }
    }

    @Test
    void theFactoriesKeepThe107ByteLimitAndTheRecordTakesNoMoreThanTheKernel() throws Exception {
        assertEquals("OSError", Python.output("import socket\ntry:\n"
                + "    socket.socket(socket.AF_UNIX).bind('/' + 'x' * 107)\nexcept OSError:\n    print('OSError')"));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix("/" + "x".repeat(107)));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix(Path.of("/" + "x".repeat(107))));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unixAbstract("x".repeat(108)));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unixAbstract(new byte[108]));
        assertEquals(107, SockAddr.unix("/" + "x".repeat(106)).name().length);
        byte[] x108 = "x".repeat(108).getBytes(StandardCharsets.US_ASCII);
        assertEquals(108, new SockAddr.Unix(SockAddr.Unix.Kind.PATH, x108).name().length, "sun_path full, as the kernel reports");
        assertThrows(IllegalArgumentException.class,
                () -> new SockAddr.Unix(SockAddr.Unix.Kind.PATH, "x".repeat(109).getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> new SockAddr.Unix(SockAddr.Unix.Kind.ABSTRACT, x108),
                "an abstract name's leading NUL takes one of the 108");
        assertEquals(107, new SockAddr.Unix(SockAddr.Unix.Kind.ABSTRACT, new byte[107]).name().length);
        assertThrows(IllegalArgumentException.class, () -> new SockAddr.Unix(SockAddr.Unix.Kind.PATH, new byte[108]));
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    // ---------------------------------------------------------------- through the kernel

    /** bind/getsockname, connect/getpeername (both ends), and sendto/recvfrom for one AF_UNIX name. */
    private void unixThroughKernel(SockAddr.Unix server, SockAddr.Unix client) throws IOException {
        try (Socket listener = Socket.open(Family.UNIX, Type.STREAM);
             Socket c = Socket.open(Family.UNIX, Type.STREAM)) {
            listener.bind(server);
            assertEquals(server, listener.getSockName());
            listener.listen();
            c.bind(client);
            assertEquals(client, c.getSockName());
            c.connect(server);
            assertEquals(server, c.getPeerName());
            try (Socket a = listener.accept()) {
                assertEquals(server, a.getSockName());
                assertEquals(client, a.getPeerName());
            }
        }
        SockAddr.Unix dgramServer = rename(server, "d");
        SockAddr.Unix dgramClient = rename(client, "d");
        try (Socket r = Socket.open(Family.UNIX, Type.DGRAM);
             Socket s = Socket.open(Family.UNIX, Type.DGRAM)) {
            r.bind(dgramServer);
            s.bind(dgramClient);
            s.sendTo(new byte[] {42}, dgramServer);
            Datagram d = r.recvFrom(8);
            assertArrayEquals(new byte[] {42}, d.data());
            assertEquals(dgramClient, d.address());
            s.sendTo(ByteBuffer.wrap(new byte[] {43}), dgramServer);
            ByteBuffer into = ByteBuffer.allocateDirect(8);
            assertEquals(dgramClient, r.recvFromInto(into));
            s.connect(dgramServer);
            assertEquals(dgramServer, s.getPeerName());
        }
    }

    /** The same kind of name with a distinct last byte, for a second socket. */
    private static SockAddr.Unix rename(SockAddr.Unix a, String suffix) {
        byte[] n = a.name();
        byte[] m = java.util.Arrays.copyOf(n, n.length);
        m[m.length - 1] = suffix.getBytes(StandardCharsets.UTF_8)[0];
        return new SockAddr.Unix(a.kind(), m);
    }

    @Test
    void unixPathsThroughTheKernel() throws IOException {
        unixThroughKernel(SockAddr.unix(dir.resolve("server").toString()), SockAddr.unix(dir.resolve("client").toString()));
        // The longest path sun_path holds (107 bytes and its NUL).
        String base = dir.toString() + "/";
        String longest = base + "p".repeat(SockAddr.Unix.MAX_NAME - base.length());
        assertEquals(SockAddr.Unix.MAX_NAME, longest.getBytes(StandardCharsets.UTF_8).length);
        String longest2 = base + "q".repeat(SockAddr.Unix.MAX_NAME - base.length());
        unixThroughKernel(SockAddr.unix(longest), SockAddr.unix(longest2));
    }

    @Test
    void abstractNamesThroughTheKernel() throws IOException {
        byte[] tag = new byte[6];
        RANDOM.nextBytes(tag);
        byte[] server = concat(new byte[] {'j', 0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, 0}, tag, new byte[] {'s'});
        byte[] client = concat(new byte[] {0, 0, (byte) 0xc3, 0x28}, tag, new byte[] {'c'});
        unixThroughKernel(SockAddr.unixAbstract(server), SockAddr.unixAbstract(client));
        byte[] longest = new byte[SockAddr.Unix.MAX_NAME];
        RANDOM.nextBytes(longest);
        longest[0] = 0;
        byte[] longest2 = longest.clone();
        longest2[1] ^= 1;
        unixThroughKernel(SockAddr.unixAbstract(longest), SockAddr.unixAbstract(longest2));
    }

    @Test
    void autobindGivesFiveHexDigitsAsCPythonShows() throws IOException {
        for (Type type : List.of(Type.STREAM, Type.DGRAM)) {
            try (Socket s = Socket.open(Family.UNIX, type)) {
                assertTrue(((SockAddr.Unix) s.getSockName()).isUnnamed(), "unbound is unnamed");
                s.bind(SockAddr.unixUnnamed());
                SockAddr.Unix name = (SockAddr.Unix) s.getSockName();
                assertTrue(name.isAbstract(), "autobind gives an abstract name: " + name);
                assertTrue(name.path().matches("[0-9a-f]{5}"), "autobind name " + name);
            }
        }
    }

    @Test
    void unnamedSocketsAndSenders() throws IOException {
        Socket[] pair = Socket.pair();
        try (Socket a = pair[0]; Socket b = pair[1]) {
            assertEquals(SockAddr.unixUnnamed(), a.getSockName());
            assertEquals(SockAddr.unixUnnamed(), a.getPeerName());
            assertEquals(SockAddr.unixUnnamed(), b.getPeerName());
        }
        SockAddr.Unix where = SockAddr.unix(dir.resolve("r").toString());
        try (Socket r = Socket.open(Family.UNIX, Type.DGRAM); Socket s = Socket.open(Family.UNIX, Type.DGRAM)) {
            r.bind(where);
            s.sendTo(new byte[] {7}, where);
            Datagram d = r.recvFrom(4);
            assertNull(d.address(), "an unbound sender has no address (CPython's None)");
            assertArrayEquals(new byte[] {7}, d.data());
        }
    }

    @Test
    void inetThroughTheKernel() throws IOException {
        ipThroughKernel(Family.INET, SockAddr.inet("127.0.0.1", 0));
    }

    @Test
    void inet6ThroughTheKernel() throws IOException {
        ipThroughKernel(Family.INET6, SockAddr.inet6("::1", 0));
    }

    private void ipThroughKernel(Family family, SockAddr loopback) throws IOException {
        try (Socket listener = Socket.open(family, Type.STREAM); Socket c = Socket.open(family, Type.STREAM)) {
            listener.bind(loopback);
            SockAddr bound = listener.getSockName();
            assertEquals(loopback, withPort(bound, 0));
            assertNotEquals(0, port(bound), "bind to port 0 chose a port");
            listener.listen();
            c.connect(bound);
            assertEquals(bound, c.getPeerName());
            try (Socket a = listener.accept()) {
                assertEquals(bound, a.getSockName());
                assertEquals(c.getSockName(), a.getPeerName());
            }
        }
        try (Socket r = Socket.open(family, Type.DGRAM); Socket s = Socket.open(family, Type.DGRAM)) {
            r.bind(loopback);
            s.bind(loopback);
            s.sendTo(new byte[] {1, 2}, r.getSockName());
            Datagram d = r.recvFrom(8);
            assertEquals(s.getSockName(), d.address());
            s.connect(r.getSockName());
            assertEquals(r.getSockName(), s.getPeerName());
        }
    }

    private static int port(SockAddr a) {
        return a instanceof SockAddr.Inet i ? i.port() : ((SockAddr.Inet6) a).port();
    }

    private static SockAddr withPort(SockAddr a, int port) {
        if (a instanceof SockAddr.Inet i) return SockAddr.inet(i.address(), port);
        SockAddr.Inet6 i = (SockAddr.Inet6) a;
        return SockAddr.inet6(i.address(), port, i.flowInfo(), i.scopeId());
    }

    /**
     * The flow label: a UDP socket that sends flow information (IPV6_FLOWINFO_SEND) and owns a
     * label (IPV6_FLOWLABEL_MGR) connects with it and getpeername gives it back; sendto with it
     * puts it in the packet, where CPython's recvmsg reads it (IPV6_FLOWINFO).
     */
    @Test
    void flowInfoThroughTheKernel() throws IOException {
        try (Socket r = Socket.open(Family.INET6, Type.DGRAM); Socket s = Socket.open(Family.INET6, Type.DGRAM)) {
            r.bind(SockAddr.inet6("::1", 0));
            s.bind(SockAddr.inet6("::1", 0));
            int label = ownFlowLabel(s);
            SockAddr.Inet6 to = (SockAddr.Inet6) r.getSockName();
            s.connect(SockAddr.inet6(to.address(), to.port(), label, 0));
            SockAddr.Inet6 peer = (SockAddr.Inet6) s.getPeerName();
            assertEquals(label, peer.flowInfo(), "getpeername's flowinfo");
            assertEquals(to.port(), peer.port());
        }
        try (ChildProcess py = Python.start("peer.py", "flowinfo-receiver", Integer.toString(Consts.get("IPV6_FLOWINFO")));
             Socket s = Socket.open(Family.INET6, Type.DGRAM)) {
            SockAddr.Inet6 to = (SockAddr.Inet6) Python.parse(py.expect("ready")[0]);
            s.bind(SockAddr.inet6("::1", 0));
            int label = ownFlowLabel(s);
            s.sendTo(new byte[] {9, 8, 7}, SockAddr.inet6(to.address(), to.port(), label, 0));
            String[] got = py.expect("datagram");
            assertEquals("090807", got[0]);
            assertEquals(Python.spec(s.getSockName()), got[1]);
            assertEquals("flowinfo", got[2]);
            assertEquals(label, Integer.parseInt(got[3]) & SockAddr.Inet6.MAX_FLOWINFO, "flow label CPython received");
            py.finish();
        }
    }

    /**
     * Has the kernel give {@code s} a flow label of its own, sends flow information from it, and
     * returns the label. The request's layout and numbers come from the headers, read by cc.
     */
    private static int ownFlowLabel(Socket s) throws IOException {
        Map<String, Long> h = flowLabelRequestLayout();
        int ipv6 = Sockets.IPPROTO_IPV6;
        for (int attempt = 0; ; attempt++) {
            int label = 1 + RANDOM.nextInt(0x7fffe); // below the "stateless" half the kernel keeps to itself
            ByteBuffer req = ByteBuffer.allocate(h.get("sizeof(struct in6_flowlabel_req)").intValue()).order(ByteOrder.nativeOrder());
            req.put(h.get("offsetof(struct in6_flowlabel_req, flr_dst)").intValue(), SockAddr.inet6("::1", 0).address().getAddress());
            req.order(ByteOrder.BIG_ENDIAN).putInt(h.get("offsetof(struct in6_flowlabel_req, flr_label)").intValue(), label)
                    .order(ByteOrder.nativeOrder());
            req.put(h.get("offsetof(struct in6_flowlabel_req, flr_action)").intValue(), h.get("IPV6_FL_A_GET").byteValue());
            req.put(h.get("offsetof(struct in6_flowlabel_req, flr_share)").intValue(), h.get("IPV6_FL_S_EXCL").byteValue());
            req.putShort(h.get("offsetof(struct in6_flowlabel_req, flr_flags)").intValue(), h.get("IPV6_FL_F_CREATE").shortValue());
            try {
                s.setSockOpt(ipv6, Consts.get("IPV6_FLOWLABEL_MGR"), req.array());
                s.setSockOpt(ipv6, Consts.get("IPV6_FLOWINFO_SEND"), 1);
                return label;
            } catch (SocketError e) {
                if ("EEXIST".equals(e.errnoName()) && attempt < 5) continue; // another socket holds that label
                Assumptions.abort("this kernel gives no IPv6 flow label to an unprivileged socket ("
                        + e.getMessage() + "): flowinfo through the kernel is not tested here");
            }
        }
    }

    private static Map<String, Long> flowLabelLayout;

    private static synchronized Map<String, Long> flowLabelRequestLayout() {
        if (flowLabelLayout == null) {
            List<String> names = new ArrayList<>(List.of("sizeof(struct in6_flowlabel_req)", "IPV6_FL_A_GET",
                    "IPV6_FL_S_EXCL", "IPV6_FL_F_CREATE"));
            for (String f : List.of("flr_dst", "flr_label", "flr_action", "flr_share", "flr_flags")) {
                names.add("offsetof(struct in6_flowlabel_req, " + f + ")");
            }
            flowLabelLayout = new HashMap<>(CProgram.values(CProgram.SOCKET_HEADERS, names));
        }
        return flowLabelLayout;
    }

    /**
     * The scope id needs a link-local address, and the only interface a test may use is a
     * loopback: so the probe runs in a network namespace of its own (unshare -rn) whose loopback
     * carries fe80::1, and reports what the kernel gave back.
     */
    @Test
    void scopeIdThroughTheKernel() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String setup = "ip link set lo up && ip addr add fe80::1/64 dev lo nodad && exec \"$0\" -cp \"$1\" "
                + ScopeIdProbe.class.getName();
        Process p = new ProcessBuilder("unshare", "-rn", "sh", "-c", setup, java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (p.exitValue() != 0 && (out.contains("unshare:") || out.contains("ip:") || out.contains("RTNETLINK"))) {
            Assumptions.abort("no private network namespace with a link-local loopback here (unshare -rn and ip are"
                    + " needed), so the scope id is not passed through the kernel: " + out.strip());
        }
        assertEquals(0, p.exitValue(), "the scope-id probe failed:\n" + out);
        Map<String, String> seen = new HashMap<>();
        out.lines().forEach(l -> {
            int sp = l.indexOf(' ');
            if (sp > 0) seen.put(l.substring(0, sp), l.substring(sp + 1));
        });
        int index = Integer.parseUnsignedInt(seen.get("index"));
        assertNotEquals(0, index, "fe80::1%lo names the loopback interface");
        for (String key : List.of("tcp-bound", "tcp-peer", "tcp-local", "tcp-accepted-peer", "udp-from", "udp-sender", "udp-peer")) {
            assertTrue(seen.containsKey(key), key + " missing from the probe's output:\n" + out);
            SockAddr.Inet6 a = (SockAddr.Inet6) Python.parse(seen.get(key));
            assertEquals("fe80::1", a.host(), key);
            assertEquals(index, a.scopeId(), key + ": the scope id the kernel gave back\n" + out);
        }
        assertEquals("EINVAL", seen.get("tcp-unscoped-connect"), "connect to a link-local address without its scope");
        System.out.println("SockAddrTest: scope id " + index + " came back from bind, connect, accept and recvfrom");
    }

    @Test
    void netlinkPidAndGroupsThroughTheKernel() throws IOException {
        try (Socket s = Socket.open(Family.NETLINK, Type.RAW, Sockets.NETLINK_ROUTE)) {
            s.bind(SockAddr.netlink(0, 0x80000001)); // groups 1 and 32; pid 0 asks the kernel for one
            SockAddr.Netlink n = (SockAddr.Netlink) s.getSockName();
            assertNotEquals(0, n.pid(), "the kernel assigned a port id");
            assertEquals(0x80000001, n.groups());
        }
        int a = 0x40000000 | RANDOM.nextInt(0x3fffffff);
        int b = a ^ 1;
        try (Socket x = Socket.open(Family.NETLINK, Type.RAW, Sockets.NETLINK_USERSOCK);
             Socket y = Socket.open(Family.NETLINK, Type.RAW, Sockets.NETLINK_USERSOCK)) {
            x.bind(SockAddr.netlink(a, 0));
            y.bind(SockAddr.netlink(b, 0));
            assertEquals(SockAddr.netlink(a, 0), x.getSockName());
            y.sendTo(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, SockAddr.netlink(a, 0));
            x.setTimeout(Duration.ofSeconds(10));
            Datagram d = x.recvFrom(64);
            assertEquals(SockAddr.netlink(b, 0), d.address());
            assertEquals(16, d.data().length);
        }
    }

    // ---------------------------------------------------------------- the JDK's types

    @Test
    void conversionsToAndFromTheJdksTypes() throws Exception {
        SockAddr.Inet v4 = SockAddr.inet("192.0.2.7", 8080);
        InetSocketAddress isa = v4.toInetSocketAddress();
        assertEquals(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}), 8080), isa);
        assertEquals(v4, SockAddr.of(isa));

        SockAddr.Inet6 v6 = SockAddr.inet6("fe80::1", 443, 0, 3);
        InetSocketAddress isa6 = v6.toInetSocketAddress();
        assertEquals(3, ((Inet6Address) isa6.getAddress()).getScopeId());
        assertEquals(443, isa6.getPort());
        assertEquals(v6, SockAddr.of(isa6));
        // The JDK's type has no flowinfo: it is lost going there and 0 coming back.
        assertEquals(0, ((SockAddr.Inet6) SockAddr.of(SockAddr.inet6("::1", 1, 77, 0).toInetSocketAddress())).flowInfo());
        assertInstanceOf(SockAddr.Inet.class, SockAddr.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1)));
        assertInstanceOf(Inet4Address.class, SockAddr.inet("127.0.0.1", 1).toInetSocketAddress().getAddress());

        Path p = dir.resolve("sock");
        SockAddr.Unix u = SockAddr.unix(p);
        assertEquals(UnixDomainSocketAddress.of(p), u.toUnixDomainSocketAddress());
        assertEquals(u, SockAddr.of(UnixDomainSocketAddress.of(p)));
        assertThrows(UnsupportedOperationException.class, () -> SockAddr.unixAbstract("x").toUnixDomainSocketAddress());
        assertThrows(UnsupportedOperationException.class, () -> SockAddr.unixUnnamed().toUnixDomainSocketAddress());
        assertThrows(IllegalArgumentException.class, () -> SockAddr.of(InetSocketAddress.createUnresolved("localhost", 80)));
    }

    // ---------------------------------------------------------------- bad input, refused in Java

    @Test
    void badAddressesAreRefusedInJava() {
        String tooLong = "/" + "x".repeat(SockAddr.Unix.MAX_NAME); // 108 bytes
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix(tooLong));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix("/" + "é".repeat(54))); // 109 bytes in UTF-8
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unixAbstract(new byte[SockAddr.Unix.MAX_NAME + 1]));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix("/a\0b"));
        for (int port : new int[] {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThrows(IllegalArgumentException.class, () -> SockAddr.inet("127.0.0.1", port), "port " + port);
            assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("::1", port), "port " + port);
        }
        for (int flow : new int[] {-1, SockAddr.Inet6.MAX_FLOWINFO + 1, Integer.MIN_VALUE}) {
            assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("::1", 1, flow, 0), "flowinfo " + flow);
        }
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet("::1", 1));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet("localhost", 1));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("1.2.3.4", 1));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("fe80::1%no-such-interface", 1));
        assertThrows(NullPointerException.class, () -> SockAddr.inet((String) null, 1));
    }

    /**
     * An address of another family is refused before any system call: the socket is untouched
     * and still binds and connects.
     */
    @Test
    void anAddressOfTheWrongFamilyIsRefusedInJava() throws IOException {
        Map<Family, SockAddr> foreign = Map.of(
                Family.INET, SockAddr.inet6("::1", 0),
                Family.INET6, SockAddr.inet("127.0.0.1", 0),
                Family.UNIX, SockAddr.inet("127.0.0.1", 0));
        Map<Family, SockAddr> own = Map.of(
                Family.INET, SockAddr.inet("127.0.0.1", 0),
                Family.INET6, SockAddr.inet6("::1", 0),
                Family.UNIX, SockAddr.unix(dir.resolve("own").toString()));
        for (Family f : List.of(Family.INET, Family.INET6, Family.UNIX)) {
            try (Socket s = Socket.open(f, Type.DGRAM)) {
                SockAddr wrong = foreign.get(f);
                assertThrows(IllegalArgumentException.class, () -> s.bind(wrong), "bind " + f);
                assertThrows(IllegalArgumentException.class, () -> s.connect(wrong), "connect " + f);
                assertThrows(IllegalArgumentException.class, () -> s.connectEx(wrong), "connect_ex " + f);
                assertThrows(IllegalArgumentException.class, () -> s.sendTo(new byte[1], wrong), "sendto " + f);
                assertThrows(IllegalArgumentException.class, () -> s.sendTo(ByteBuffer.allocate(1), wrong), "sendto " + f);
                s.bind(own.get(f));
                s.connect(s.getSockName());
                s.send(new byte[] {5});
                assertArrayEquals(new byte[] {5}, s.recv(1));
            }
        }
        assertTrue(Files.exists(dir.resolve("own")));
    }
}
