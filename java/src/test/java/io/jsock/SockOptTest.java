package io.jsock;

import static io.jsock.ErrnoAssertions.assertErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jsock.internal.Consts;
import io.jsock.testing.ProcStatus;
import io.jsock.testing.Python;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every typed option against the real kernel, as rust socket2's option test does: on a socket of
 * a fitting family and type, get, set to a value other than the default, get again and see the
 * value took. Read-only options are read and checked against what is known to be true;
 * write-only ones are set and their effect seen through the kernel's own refusal to repeat it.
 */
class SockOptTest {
    private static final int LO = Loopback.INDEX;
    private static final Inet4Address GROUP4 = (Inet4Address) Loopback.address("239.255.77.1");
    private static final Inet6Address GROUP6 = (Inet6Address) Loopback.address("ff12::7a:1");
    private static final Map<SockOpt<?>, Case<?>> CASES = new LinkedHashMap<>();

    static {
        // SOL_SOCKET
        roundTrip(SockOpt.SO_REUSEADDR, SockOptTest::tcp4, true);
        roundTrip(SockOpt.SO_REUSEPORT, SockOptTest::tcp4, true);
        roundTrip(SockOpt.SO_KEEPALIVE, SockOptTest::tcp4, true);
        roundTrip(SockOpt.SO_BROADCAST, SockOptTest::udp4, true);
        roundTrip(SockOpt.SO_LINGER, SockOptTest::tcp4, Linger.seconds(7));
        roundTrip(SockOpt.SO_RCVBUF, SockOptTest::tcp4, 12345, 2 * 12345); // Linux doubles the size
        roundTrip(SockOpt.SO_SNDBUF, SockOptTest::tcp4, 12345, 2 * 12345);
        roundTrip(SockOpt.SO_RCVLOWAT, SockOptTest::tcp4, 100);
        reads(SockOpt.SO_TYPE, SockOptTest::udp4, Type.DGRAM);
        reads(SockOpt.SO_PROTOCOL, SockOptTest::udp4, Sockets.IPPROTO_UDP);
        reads(SockOpt.SO_DOMAIN, SockOptTest::udp6, Family.INET6);
        readsAs(SockOpt.SO_ERROR, SockOptTest::refusedConnect, (s, err) -> {
            assertEquals(Consts.get("ECONNREFUSED"), err);
            assertEquals(0, s.get(SockOpt.SO_ERROR), "reading SO_ERROR clears it");
        });
        readsAs(SockOpt.SO_ACCEPTCONN, SockOptTest::listening, (s, on) -> {
            assertTrue(on);
            try (Socket fresh = Socket.open(Family.INET, Type.STREAM)) {
                assertFalse(fresh.get(SockOpt.SO_ACCEPTCONN));
            }
        });
        readsAs(SockOpt.SO_PEERCRED, SockOptTest::unixPair, (s, cred) -> {
            assertEquals(ProcessHandle.current().pid(), cred.pid());
            assertEquals(ProcStatus.effectiveUid(), cred.uid());
            assertEquals(ProcStatus.effectiveGid(), cred.gid());
        });
        roundTrip(SockOpt.SO_PASSCRED, SockOptTest::unixPair, true);
        asRoot(roundTrip(SockOpt.SO_BINDTODEVICE, SockOptTest::udp4, "lo"), "SO_BINDTODEVICE needs CAP_NET_RAW");
        asRoot(roundTrip(SockOpt.SO_MARK, SockOptTest::udp4, 42), "setting SO_MARK needs CAP_NET_ADMIN");
        roundTrip(SockOpt.SO_PRIORITY, SockOptTest::udp4, 5);

        // IPPROTO_TCP
        roundTrip(SockOpt.TCP_NODELAY, SockOptTest::tcp4, true);
        roundTrip(SockOpt.TCP_CORK, SockOptTest::tcp4, true);
        roundTrip(SockOpt.TCP_QUICKACK, SockOptTest::tcp4, false);
        roundTrip(SockOpt.TCP_KEEPIDLE, SockOptTest::tcp4, 61);
        roundTrip(SockOpt.TCP_KEEPINTVL, SockOptTest::tcp4, 11);
        roundTrip(SockOpt.TCP_KEEPCNT, SockOptTest::tcp4, 3);
        roundTrip(SockOpt.TCP_USER_TIMEOUT, SockOptTest::tcp4, 5000);
        check(SockOpt.TCP_CONGESTION, SockOptTest::tcp4, (o, s) -> {
            String before = o.get(s);
            String other = otherCongestionControl(before);
            o.set(s, other);
            assertEquals(other, o.get(s));
        });
        readsAs(SockOpt.TCP_INFO, SockOptTest::established, (s, info) -> {
            assertEquals(Consts.get("TCP_ESTABLISHED"), info.state());
            assertTrue(info.sndMss() >= 536 && info.sndMss() <= 65535, "snd_mss " + info.sndMss());
            assertTrue(info.advmss() >= 536 && info.advmss() <= 65535, "advmss " + info.advmss());
            assertTrue(info.sndCwnd() > 0, "snd_cwnd " + info.sndCwnd());
            assertTrue(info.rto() > 0, "rto " + info.rto());
        });

        // IPPROTO_IP
        roundTrip(SockOpt.IP_TTL, SockOptTest::udp4, 7);
        roundTrip(SockOpt.IP_TOS, SockOptTest::udp4, 0x10);
        roundTrip(SockOpt.IP_MULTICAST_TTL, SockOptTest::udp4, 5);
        roundTrip(SockOpt.IP_MULTICAST_LOOP, SockOptTest::udp4, false);
        roundTrip(SockOpt.IP_MULTICAST_IF, SockOptTest::udp4, Loopback.ADDRESS4);
        IpMembership group4 = IpMembership.onInterface(GROUP4, LO);
        takes(SockOpt.IP_ADD_MEMBERSHIP, SockOptTest::udp4, group4, s -> {
            assertErrno("EADDRINUSE", () -> s.set(SockOpt.IP_ADD_MEMBERSHIP, group4)); // joined already
            s.set(SockOpt.IP_DROP_MEMBERSHIP, group4);
        });
        check(SockOpt.IP_DROP_MEMBERSHIP, SockOptTest::udp4, (o, s) -> {
            assertThrows(UnsupportedOperationException.class, () -> o.get(s));
            s.set(SockOpt.IP_ADD_MEMBERSHIP, group4);
            o.set(s, group4);
            assertErrno("EADDRNOTAVAIL", () -> o.set(s, group4)); // not a member any more
        });

        // IPPROTO_IPV6
        roundTrip(SockOpt.IPV6_V6ONLY, SockOptTest::udp6, true);
        roundTrip(SockOpt.IPV6_UNICAST_HOPS, SockOptTest::udp6, 9);
        roundTrip(SockOpt.IPV6_MULTICAST_HOPS, SockOptTest::udp6, 9);
        roundTrip(SockOpt.IPV6_MULTICAST_LOOP, SockOptTest::udp6, false);
        roundTrip(SockOpt.IPV6_MULTICAST_IF, SockOptTest::udp6, LO);
        Ipv6Membership group6 = new Ipv6Membership(GROUP6, LO);
        takes(SockOpt.IPV6_JOIN_GROUP, SockOptTest::udp6, group6, s -> {
            assertErrno("EADDRINUSE", () -> s.set(SockOpt.IPV6_JOIN_GROUP, group6));
            s.set(SockOpt.IPV6_LEAVE_GROUP, group6);
        });
        check(SockOpt.IPV6_LEAVE_GROUP, SockOptTest::udp6, (o, s) -> {
            assertThrows(UnsupportedOperationException.class, () -> o.get(s));
            s.set(SockOpt.IPV6_JOIN_GROUP, group6);
            o.set(s, group6);
            assertErrno("EADDRNOTAVAIL", () -> o.set(s, group6));
        });
    }

    /** Every typed option but TIPC's, which need a kernel with TIPC: TipcSockOptTest has their cases. */
    static List<SockOpt<?>> options() {
        return SockOpt.all().stream().filter(o -> o.level() != Sockets.SOL_TIPC).toList();
    }

    static List<SockOpt<?>> allOptions() {
        return SockOpt.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void getSetGet(SockOpt<?> option) throws Exception {
        Case<?> c = CASES.get(option);
        if (c == null) fail("no test case for " + option + ": add one to SockOptTest");
        c.run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allOptions")
    @SuppressWarnings("unchecked")
    void nullValueRejected(SockOpt<?> option) throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> ((SockOpt<Object>) option).set(s, null));
            assertTrue(e.getMessage().contains(option.cName()), e.getMessage());
        }
    }

    @Test
    void everyOptionIsListedOnceWithItsHeaderNumber() {
        assertEquals(options().size(), CASES.size(), "cases " + CASES.keySet());
        for (SockOpt<?> o : SockOpt.all()) {
            assertEquals(Consts.get(o.cName()), o.name(), o.cName());
        }
        assertEquals(Sockets.SOL_SOCKET, SockOpt.SO_MARK.level());
        assertEquals(Sockets.IPPROTO_TCP, SockOpt.TCP_INFO.level());
        assertEquals(Sockets.IPPROTO_IP, SockOpt.IP_TTL.level());
        assertEquals(Sockets.IPPROTO_IPV6, SockOpt.IPV6_V6ONLY.level());
    }

    @Test
    void failuresNameTheOption() throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            SocketError e = assertThrows(SocketError.class, () -> s.set(SockOpt.SO_BINDTODEVICE, "nosuchif0"));
            assertEquals("ENODEV", e.errnoName());
            assertEquals("setsockopt SO_BINDTODEVICE", e.call());
            assertTrue(e.getMessage().startsWith("setsockopt SO_BINDTODEVICE: [Errno " + e.errno() + " ENODEV]"), e.getMessage());
            SocketError c = assertThrows(SocketError.class, () -> s.set(SockOpt.TCP_CONGESTION, "cubic"));
            assertEquals("setsockopt TCP_CONGESTION", c.call()); // a TCP option on a UDP socket
            SocketError i = assertThrows(SocketError.class, () -> s.get(SockOpt.TCP_INFO));
            assertEquals("getsockopt TCP_INFO", i.call());
        }
        try (Socket t = Socket.open(Family.INET, Type.STREAM)) {
            assertErrno("ENOENT", () -> t.set(SockOpt.TCP_CONGESTION, "nosuchalgorithm"));
        }
    }

    @Test
    void badValuesRejectedBeforeTheCall() throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            assertThrows(IllegalArgumentException.class, () -> s.set(SockOpt.SO_BINDTODEVICE, "x".repeat(Sockets.IFNAMSIZ)));
            assertThrows(IllegalArgumentException.class, () -> s.set(SockOpt.SO_BINDTODEVICE, "l\0o"));
            assertEquals("", s.get(SockOpt.SO_BINDTODEVICE), "nothing was bound");
        }
        assertThrows(IllegalArgumentException.class, () -> Linger.seconds(-1));
        assertThrows(IllegalArgumentException.class,
                () -> IpMembership.onInterface(Loopback.ADDRESS4, LO)); // not a group
        assertThrows(IllegalArgumentException.class, () -> IpMembership.onInterface(GROUP4, -1));
        assertThrows(NullPointerException.class, () -> IpMembership.onAddress(GROUP4, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Ipv6Membership((Inet6Address) InetAddress.getByName("::1"), LO));
    }

    /**
     * l_linger is a C int: a negative one set through the raw form is taken by the kernel (as
     * "forever") and reads back as whatever the kernel reports, here a negative int too. The
     * typed option decodes it without an exception, to the value CPython unpacks from the same
     * setting; only {@link Linger#seconds(int)}, the caller's way to make a Linger, refuses it.
     */
    @Test
    void aNegativeLingerSetThroughTheRawFormReadsBackAsTheKernelReportsIt() throws Exception {
        for (int seconds : new int[] {-5, -1, Integer.MIN_VALUE}) {
            String python = Python.output("import socket, struct, sys\n"
                    + "s = socket.socket()\n"
                    + "s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, int(sys.argv[1])))\n"
                    + "print(*struct.unpack('ii', s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))",
                    Integer.toString(seconds));
            try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
                byte[] raw = java.nio.ByteBuffer.allocate(Linger.SIZE).order(java.nio.ByteOrder.nativeOrder())
                        .putInt(1).putInt(seconds).array();
                s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, raw);
                Linger linger = s.get(SockOpt.SO_LINGER);
                assertEquals(python, (linger.on() ? 1 : 0) + " " + linger.seconds(), "l_linger " + seconds);
                java.nio.ByteBuffer back = java.nio.ByteBuffer.wrap(s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, 8))
                        .order(java.nio.ByteOrder.nativeOrder());
                assertEquals(python, back.getInt(0) + " " + back.getInt(4), "the raw form reads the same");
                s.set(SockOpt.SO_LINGER, linger); // what was read can be set again
                assertEquals(linger, s.get(SockOpt.SO_LINGER));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linger.seconds(-1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linger.seconds(Integer.MIN_VALUE));
        assertEquals(new Linger(true, 0), Linger.seconds(0));
    }

    /**
     * AF_VSOCK's buffer sizes are u64 in the kernel, which refuses 4 bytes for them: getsockopt
     * and setsockopt of the int form must go as 8 bytes, as CPython sends them, and read what
     * CPython reads.
     */
    @Test
    void vsockBufferSizesAreReadAndSetAsCPythonDoes() throws Exception {
        Socket s = openVsock();
        try (s) {
            int[] options = {Sockets.SO_VM_SOCKETS_BUFFER_SIZE, Sockets.SO_VM_SOCKETS_BUFFER_MIN_SIZE,
                Sockets.SO_VM_SOCKETS_BUFFER_MAX_SIZE};
            int size = 100_000;
            int min = 4096;
            String python = Python.output("import socket, sys\n"
                    + "s = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)\n"
                    + "o = (socket.SO_VM_SOCKETS_BUFFER_SIZE, socket.SO_VM_SOCKETS_BUFFER_MIN_SIZE,"
                    + " socket.SO_VM_SOCKETS_BUFFER_MAX_SIZE)\n"
                    + "print(*[s.getsockopt(socket.AF_VSOCK, n) for n in o], end=' ')\n"
                    + "s.setsockopt(socket.AF_VSOCK, socket.SO_VM_SOCKETS_BUFFER_SIZE, int(sys.argv[1]))\n"
                    + "s.setsockopt(socket.AF_VSOCK, socket.SO_VM_SOCKETS_BUFFER_MIN_SIZE, int(sys.argv[2]))\n"
                    + "print(*[s.getsockopt(socket.AF_VSOCK, n) for n in o])",
                    Integer.toString(size), Integer.toString(min));
            StringBuilder jsock = new StringBuilder();
            for (int o : options) jsock.append(s.getSockOpt(Sockets.AF_VSOCK, o)).append(' ');
            assertNotEquals(size, s.getSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_SIZE), "the test value must differ");
            s.setSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_SIZE, size);
            s.setSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_MIN_SIZE, min);
            for (int o : options) jsock.append(s.getSockOpt(Sockets.AF_VSOCK, o)).append(' ');
            assertEquals(python, jsock.toString().trim());
            assertEquals(size, s.getSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_SIZE));
            assertEquals(min, s.getSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_MIN_SIZE));
            // The kernel keeps the size within [min, max]: a size above the max reads back as the max.
            int max = s.getSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_MAX_SIZE);
            s.setSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_SIZE, max + 1);
            assertEquals(max, s.getSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_SIZE));
        }
    }

    /**
     * A vsock buffer size above 32 bits is kept whole, as CPython keeps it: the long forms read and
     * set it; the int form refuses to cut it (ArithmeticException) rather than return 5.
     */
    @Test
    void vsockSizesAbove32BitsAreKeptWhole() throws Exception {
        Socket s = openVsock();
        try (s) {
            long big = (1L << 32) + 5;
            String python = Python.output("import socket, sys\n"
                    + "s = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)\n"
                    + "s.setsockopt(socket.AF_VSOCK, socket.SO_VM_SOCKETS_BUFFER_MAX_SIZE, int(sys.argv[1]))\n"
                    + "print(s.getsockopt(socket.AF_VSOCK, socket.SO_VM_SOCKETS_BUFFER_MAX_SIZE))", Long.toString(big));
            s.setSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_MAX_SIZE, big);
            assertEquals(python.trim(), Long.toString(s.getSockOptLong(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_MAX_SIZE)));
            ArithmeticException e = assertThrows(ArithmeticException.class,
                    () -> s.getSockOpt(Sockets.AF_VSOCK, Sockets.SO_VM_SOCKETS_BUFFER_MAX_SIZE));
            assertTrue(e.getMessage().contains("4294967301"), e.getMessage());
        }
    }

    /** SOL_SOCKET options of an AF_VSOCK socket still read and set as ints (CPython sends 8 bytes, the kernel reads 4). */
    @Test
    void vsockSocketLevelOptionsStillWork() throws Exception {
        Socket s = openVsock();
        try (s) {
            String python = Python.output("import socket\n"
                    + "s = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)\n"
                    + "print(s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE), s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE), end=' ')\n"
                    + "s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)\n"
                    + "print(s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE))");
            String jsock = s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TYPE) + " "
                    + s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE) + " ";
            s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE, 1);
            jsock += s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_KEEPALIVE);
            assertEquals(python, jsock);
            assertEquals(Type.STREAM, s.get(SockOpt.SO_TYPE));
            assertTrue(s.get(SockOpt.SO_KEEPALIVE));
        }
    }

    /** An AF_VSOCK stream socket, or the test skipped where the kernel has no vsock transport. */
    private static Socket openVsock() throws IOException {
        try {
            return Socket.open(Family.VSOCK, Type.STREAM);
        } catch (SocketError e) {
            Assumptions.abort("AF_VSOCK sockets cannot be created here (" + e.errnoName()
                    + "): load vsock_loopback or vhost_vsock, or run in the project's VM guest");
            return null;
        }
    }

    @Test
    void closedSocketReportsClosed() throws IOException {
        Socket s = Socket.open(Family.INET, Type.STREAM);
        s.close();
        assertThrows(SocketClosedException.class, () -> s.get(SockOpt.SO_RCVBUF));
        assertThrows(SocketClosedException.class, () -> s.set(SockOpt.SO_LINGER, Linger.OFF));
    }

    // ---------------------------------------------------------------- cases

    /** Checks one option on a socket opened for it. */
    private interface Check<T> {
        void run(SockOpt<T> option, Socket socket) throws Exception;
    }

    private interface SocketCheck<T> {
        void run(Socket socket, T value) throws Exception;
    }

    private interface Opener {
        Fixture open() throws IOException;
    }

    private record Case<T>(SockOpt<T> option, Opener opener, Check<T> check, String rootReason) {
        void run() throws Exception {
            if (rootReason != null) Assumptions.assumeTrue(ProcStatus.isRoot(), rootReason + ": run the tests as root");
            try (Fixture f = opener.open()) {
                check.run(option, f.socket());
            }
        }
    }

    private static <T> Case<T> check(SockOpt<T> option, Opener opener, Check<T> check) {
        Case<T> c = new Case<>(option, opener, check, null);
        if (CASES.put(option, c) != null) throw new IllegalStateException("two cases for " + option);
        return c;
    }

    private static <T> Case<T> roundTrip(SockOpt<T> option, Opener opener, T value) {
        return roundTrip(option, opener, value, value);
    }

    /** get, set {@code value}, get {@code expected}: the default must differ, so the check can fail. */
    private static <T> Case<T> roundTrip(SockOpt<T> option, Opener opener, T value, T expected) {
        return check(option, opener, (o, s) -> {
            T before = o.get(s);
            assertNotNull(before);
            assertNotEquals(expected, before, o + ": the test value must differ from the default");
            o.set(s, value);
            assertEquals(expected, o.get(s), o.cName());
        });
    }

    private static <T> void reads(SockOpt<T> option, Opener opener, T truth) {
        readsAs(option, opener, (s, value) -> assertEquals(truth, value, option.cName()));
    }

    /** A read-only option: its value checked against the truth, and set refused before any call. */
    private static <T> void readsAs(SockOpt<T> option, Opener opener, SocketCheck<T> truth) {
        check(option, opener, (o, s) -> {
            T value = o.get(s);
            truth.run(s, value);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> o.set(s, value));
            assertTrue(e.getMessage().contains(o.cName() + " is read-only"), e.getMessage());
        });
    }

    /** A write-only option: get refused before any call, set taken, its effect seen by {@code after}. */
    private static <T> void takes(SockOpt<T> option, Opener opener, T value, SocketConsumer after) {
        check(option, opener, (o, s) -> {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> o.get(s));
            assertTrue(e.getMessage().contains(o.cName() + " is write-only"), e.getMessage());
            o.set(s, value);
            after.accept(s);
        });
    }

    private interface SocketConsumer {
        void accept(Socket s) throws Exception;
    }

    private static <T> void asRoot(Case<T> c, String reason) {
        CASES.put(c.option(), new Case<>(c.option(), c.opener(), c.check(), reason));
    }

    // ---------------------------------------------------------------- sockets

    /** The socket under test and the ones it needs kept open. */
    private record Fixture(Socket socket, List<Socket> others) implements AutoCloseable {
        Fixture(Socket socket, Socket... others) {
            this(socket, Arrays.asList(others));
        }

        @Override public void close() throws IOException {
            socket.close();
            for (Socket each : others) each.close();
        }
    }

    private static Fixture tcp4() throws IOException {
        return new Fixture(Socket.open(Family.INET, Type.STREAM));
    }

    private static Fixture udp4() throws IOException {
        return new Fixture(Socket.open(Family.INET, Type.DGRAM));
    }

    private static Fixture udp6() throws IOException {
        return new Fixture(Socket.open(Family.INET6, Type.DGRAM));
    }

    private static Fixture unixPair() throws IOException {
        Socket[] p = Socket.pair();
        return new Fixture(p[0], p[1]);
    }

    private static Fixture listening() throws IOException {
        Socket s = Socket.open(Family.INET, Type.STREAM);
        s.bind(SockAddr.inet("127.0.0.1", 0));
        s.listen();
        return new Fixture(s);
    }

    /** A client connected over loopback, with its listener and accepted peer. */
    private static Fixture established() throws IOException {
        List<Socket> open = new ArrayList<>();
        try {
            Socket server = listening().socket();
            open.add(server);
            Socket client = Socket.open(Family.INET, Type.STREAM);
            open.add(client);
            client.setTimeout(Duration.ofSeconds(30));
            client.connect(server.getSockName());
            open.add(server.accept());
            return new Fixture(client, server, open.get(2));
        } catch (IOException | RuntimeException e) {
            for (Socket each : open) each.close();
            throw e;
        }
    }

    /**
     * A non-blocking client whose connect to a bound but not listening port was refused: the
     * refusal waits in SO_ERROR.
     */
    private static Fixture refusedConnect() throws IOException {
        Socket closedPort = Socket.open(Family.INET, Type.STREAM);
        Socket client = null;
        try {
            closedPort.bind(SockAddr.inet("127.0.0.1", 0));
            client = Socket.open(Family.INET, Type.STREAM, 0, Sockets.SOCK_NONBLOCK);
            assertEquals(Consts.get("EINPROGRESS"), client.connectEx(closedPort.getSockName()));
            assertTrue(client.await(true, Duration.ofSeconds(30).toNanos()), "the refusal did not come");
            return new Fixture(client, closedPort);
        } catch (IOException | RuntimeException | Error e) {
            closedPort.close();
            if (client != null) client.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- the machine

    /** A congestion control algorithm this process may set other than {@code current}. */
    private static String otherCongestionControl(String current) throws IOException {
        String file = ProcStatus.isRoot() ? "tcp_available_congestion_control" : "tcp_allowed_congestion_control";
        String[] names = Files.readString(Path.of("/proc/sys/net/ipv4", file)).trim().split("\\s+");
        for (String n : names) {
            if (!n.equals(current)) return n;
        }
        Assumptions.abort("no congestion control algorithm other than " + current + " in " + file);
        return null;
    }
}
