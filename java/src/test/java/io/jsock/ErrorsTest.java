package io.jsock;

import static io.jsock.SocketFixtures.connected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import io.jsock.internal.Consts;
import io.jsock.testing.Python;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure is precise: an IOException of the JDK type a caller expects, carrying errno, its
 * name, the C library's text, the call and the address. Bad arguments are refused in Java before
 * any native call, and a closed or detached socket refuses every call.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ErrorsTest {
    private static final int EBADF = Consts.get("EBADF");

    // ---------------------------------------------------------------- errno to exception

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"INET_STREAM", "INET6_STREAM", "UNIX_STREAM", "UNIX_SEQPACKET"})
    void aRefusedConnectIsAConnectExceptionWithEveryDetail(Kind kind) throws Exception {
        String text = Python.output("import errno, os\nprint(os.strerror(errno.ECONNREFUSED))");
        SockAddr nobody;
        try (Socket s = kind.open()) {
            s.bind(kind.wildcard()); // bound, never listening: connections to it are refused
            nobody = s.getSockName();
            try (Socket c = kind.open()) {
                ConnectException e = assertThrows(ConnectException.class, () -> c.connect(nobody));
                ErrnoException x = (ErrnoException) e;
                assertTrue(e instanceof ConnectError);
                assertEquals(Consts.get("ECONNREFUSED"), x.errno());
                assertEquals("ECONNREFUSED", x.errnoName());
                assertEquals(text, x.strerror());
                assertEquals("connect", x.call());
                assertEquals(nobody, x.address());
                assertEquals("connect(" + nobody + "): [Errno " + x.errno() + " ECONNREFUSED] " + text, e.getMessage());
                assertEquals(x.detail().message(), e.getMessage());
            }
        }
    }

    @Test
    void aMissingUnixPathIsENOENT(@TempDir Path dir) throws IOException {
        SockAddr missing = SockAddr.unix(dir.resolve("nobody").toString());
        try (Socket c = Socket.open(Family.UNIX, Type.STREAM)) {
            SocketError e = assertThrows(SocketError.class, () -> c.connect(missing));
            assertEquals(Consts.get("ENOENT"), e.errno());
            assertEquals(missing, e.address());
            assertEquals(Consts.get("ENOENT"), c.connectEx(missing));
        }
        try (Socket d = Socket.open(Family.UNIX, Type.DGRAM)) {
            SocketError e = assertThrows(SocketError.class, () -> d.sendTo(new byte[1], missing));
            assertEquals(Consts.get("ENOENT"), e.errno());
            assertEquals("sendto", e.call());
            assertEquals(missing, e.address());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#kinds")
    void anAddressInUseIsABindException(Kind kind) throws IOException {
        try (Socket a = kind.open(); Socket b = kind.open()) {
            a.bind(kind.wildcard());
            SockAddr taken = a.getSockName();
            BindException e = assertThrows(BindException.class, () -> b.bind(taken));
            ErrnoException x = (ErrnoException) e;
            assertEquals(Consts.get("EADDRINUSE"), x.errno());
            assertEquals("EADDRINUSE", x.errnoName());
            assertEquals("bind", x.call());
            assertEquals(taken, x.address());
        }
    }

    @Test
    void aUnixPathThatExistsIsInUse(@TempDir Path dir) throws IOException {
        SockAddr path = SockAddr.unix(dir.resolve("s").toString());
        try (Socket a = Socket.open(Family.UNIX, Type.STREAM); Socket b = Socket.open(Family.UNIX, Type.STREAM)) {
            a.bind(path);
            a.close(); // the file stays
            BindError e = assertThrows(BindError.class, () -> b.bind(path));
            assertEquals(Consts.get("EADDRINUSE"), e.errno());
        }
    }

    /** The kernel finds the clash at listen when SO_REUSEADDR let two sockets bind one port. */
    @Test
    void anAddressInUseAtListenIsABindException() throws IOException {
        try (Socket a = Socket.open(Family.INET, Type.STREAM); Socket b = Socket.open(Family.INET, Type.STREAM)) {
            a.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
            b.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
            a.bind(SockAddr.inet("127.0.0.1", 0));
            b.bind(a.getSockName());
            a.listen();
            BindError e = assertThrows(BindError.class, b::listen);
            assertEquals(Consts.get("EADDRINUSE"), e.errno());
            assertEquals("listen", e.call());
        }
    }

    @Test
    void errnoNamesAreCPythonsNames() throws Exception {
        String python = Python.output("import errno\n"
                + "print(' '.join(errno.errorcode[e] for e in (errno.EAGAIN, errno.EPIPE, errno.ENOTCONN,"
                + " errno.EOPNOTSUPP, errno.ECONNRESET, errno.EINPROGRESS)))");
        StringBuilder jsock = new StringBuilder();
        for (String e : new String[] {"EAGAIN", "EPIPE", "ENOTCONN", "ENOTSUP", "ECONNRESET", "EINPROGRESS"}) {
            jsock.append(io.jsock.internal.Errors.name(Consts.get(e))).append(' ');
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void anUnknownOptionIsENOPROTOOPT() throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            SocketError e = assertThrows(SocketError.class, () -> s.getSockOpt(Sockets.SOL_SOCKET, 0x7fff));
            assertEquals(Consts.get("ENOPROTOOPT"), e.errno());
            assertEquals("getsockopt", e.call());
            e = assertThrows(SocketError.class, () -> s.setSockOpt(Sockets.SOL_SOCKET, 0x7fff, 1));
            assertEquals(Consts.get("ENOPROTOOPT"), e.errno());
            assertEquals("setsockopt", e.call());
            e = assertThrows(SocketError.class, () -> s.getSockOpt(Sockets.SOL_SOCKET, 0x7fff, 16));
            assertEquals("getsockopt", e.call());
            e = assertThrows(SocketError.class, () -> s.ioctl(Consts.get("SIOCGIFINDEX"), new byte[8]));
            assertEquals("ioctl", e.call());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#streams")
    void sendToAClosedPeerIsEPIPENeverSIGPIPE(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.b().close();
            SocketError e = assertThrows(SocketError.class, () -> {
                for (int i = 0; i < 100; i++) p.a().sendAll(new byte[1000]);
            });
            if (e.errno() == Consts.get("ECONNRESET")) { // TCP: the reset comes first
                e = assertThrows(SocketError.class, () -> p.a().send(ByteBuffer.allocateDirect(10)));
            }
            assertEquals(Consts.get("EPIPE"), e.errno());
            assertEquals(Consts.get("EPIPE"), assertThrows(SocketError.class, () -> p.a().send(new byte[1])).errno());
        }
        // Still alive: SIGPIPE would have ended the JVM before this line.
    }

    // ---------------------------------------------------------------- bad arguments

    /**
     * Each bad argument is refused in Java: on a closed socket the refusal still comes before the
     * "socket closed" of the first native step, so no native call was made.
     */
    @Test
    void badArgumentsAreRefusedBeforeAnyNativeCall() throws IOException {
        Socket s = Socket.open(Family.INET, Type.DGRAM);
        s.close();
        SockAddr v4 = SockAddr.inet("127.0.0.1", 9);
        SockAddr v6 = SockAddr.inet6("::1", 9);
        byte[] eight = new byte[8];

        assertThrows(IllegalArgumentException.class, () -> s.recv(-1));
        assertThrows(IllegalArgumentException.class, () -> s.recv(-1, Sockets.MSG_PEEK));
        assertThrows(IllegalArgumentException.class, () -> s.recvFrom(-1));
        assertThrows(IllegalArgumentException.class, () -> s.recvFrom(-1, 0));
        for (int[] r : new int[][] {{-1, 4}, {5, 4}, {0, 9}, {2, -1}, {9, 0}}) {
            assertThrows(IndexOutOfBoundsException.class, () -> s.recvInto(eight, r[0], r[1]));
            assertThrows(IndexOutOfBoundsException.class, () -> s.recvInto(eight, r[0], r[1], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> s.send(eight, r[0], r[1]));
            assertThrows(IndexOutOfBoundsException.class, () -> s.send(eight, r[0], r[1], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> s.sendAll(eight, r[0], r[1]));
            assertThrows(IndexOutOfBoundsException.class, () -> s.sendAll(eight, r[0], r[1], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> s.sendTo(eight, r[0], r[1], 0, v4));
        }
        assertThrows(NullPointerException.class, () -> s.recvInto((byte[]) null, 0, 0));
        assertThrows(NullPointerException.class, () -> s.recvInto((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> s.recvFromInto(null));
        assertThrows(NullPointerException.class, () -> s.send((byte[]) null));
        assertThrows(NullPointerException.class, () -> s.send((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> s.sendAll((byte[]) null));
        assertThrows(NullPointerException.class, () -> s.sendTo(eight, null));
        assertThrows(NullPointerException.class, () -> s.bind(null));
        assertThrows(NullPointerException.class, () -> s.connect(null));
        assertThrows(NullPointerException.class, () -> s.connectEx(null));
        assertThrows(NullPointerException.class, () -> s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, null));
        assertThrows(NullPointerException.class, () -> s.ioctl(Sockets.FIONREAD, null));
        assertThrows(NullPointerException.class, () -> s.shutdown(null));

        // An address of another family.
        assertThrows(IllegalArgumentException.class, () -> s.bind(v6));
        assertThrows(IllegalArgumentException.class, () -> s.connect(v6));
        assertThrows(IllegalArgumentException.class, () -> s.connectEx(v6));
        assertThrows(IllegalArgumentException.class, () -> s.sendTo(eight, v6));
        assertThrows(IllegalArgumentException.class, () -> s.sendTo(ByteBuffer.wrap(eight), SockAddr.unixUnnamed()));

        // Sizes outside what the calls take.
        assertThrows(IllegalArgumentException.class, () -> s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, 0));
        assertThrows(IllegalArgumentException.class, () -> s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, 1025));
        assertThrows(IllegalArgumentException.class, () -> s.ioctl(Sockets.FIONREAD, new byte[1025]));
        assertThrows(IllegalArgumentException.class, () -> s.setTimeout(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> s.makeFile("rx"));
    }

    @Test
    void badAddressesAreRefusedWhenMade() throws Exception {
        assertEquals("OSError", Python.output("import socket\ntry:\n"
                + "    socket.socket(socket.AF_UNIX).bind('x' * 108)\nexcept OSError:\n    print('OSError')"));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix("x".repeat(108)));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix("é".repeat(54)), "108 bytes in UTF-8");
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unixAbstract("x".repeat(108)));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.unix("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet("127.0.0.1", -1));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet("127.0.0.1", 65536));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("::1", 65536));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("::1", -1));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet("::1", 80), "an IPv6 host for IPv4");
        assertThrows(IllegalArgumentException.class, () -> SockAddr.inet6("127.0.0.1", 80), "an IPv4 host for IPv6");
        SockAddr.inet("127.0.0.1", 65535);
        SockAddr.inet6("::1", 0);
    }

    // ---------------------------------------------------------------- strings on their way to C

    /**
     * Text with a NUL inside, which C would take for its end, or a lone surrogate, which UTF-8
     * cannot encode (Java's getBytes would make it '?'): refused before any call with an
     * IllegalArgumentException, where CPython refuses it too (ValueError, TypeError or
     * UnicodeEncodeError). CPython itself lets two through that C then truncates, a host of
     * getaddrinfo and a UNIX path: jsock refuses those as well.
     */
    @Test
    void textThatCWouldTruncateOrCannotEncodeIsRefusedAsCPythonRefusesIt() throws Exception {
        Map<String, String> python = new LinkedHashMap<>();
        python.put("gethostbyname", "socket.gethostbyname('localhost\\0evil')");
        python.put("gethostbyname_ex", "socket.gethostbyname_ex('localhost\\0evil')");
        python.put("gethostbyaddr", "socket.gethostbyaddr('127.0.0.1\\0evil')");
        python.put("if_nametoindex", "socket.if_nametoindex('lo\\0x')");
        python.put("if_nametoindex surrogate", "socket.if_nametoindex('\\ud800')");
        python.put("getservbyname", "socket.getservbyname('http\\0x')");
        python.put("getprotobyname", "socket.getprotobyname('tcp\\0x')");
        python.put("inet_aton", "socket.inet_aton('127.0.0.1\\0x')");
        python.put("inet_pton", "socket.inet_pton(socket.AF_INET, '127.0.0.1\\0x')");
        python.put("ipv6 scope", "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).bind(('fe80::1%lo\\0x', 0))");
        python.put("ipv6 scope surrogate", "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).bind(('fe80::1%\\ud800', 0))");
        python.put("unix path surrogate", "socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind('/tmp/\\ud800')");
        python.put("abstract surrogate", "socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind('\\0a\\ud800')");
        python.put("abstract with NUL", "socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind('\\0a\\0b')");
        StringBuilder program = new StringBuilder("import socket\n"
                + "def refused(call):\n"
                + "    try:\n        call()\n        return 'ok'\n"
                + "    except (ValueError, TypeError):\n        return 'refused'\n");
        python.forEach((name, call) -> program.append("print('").append(name).append("', refused(lambda: ").append(call)
                .append("), sep=': ', end='; ')\n"));

        Map<String, Executable> jsock = new LinkedHashMap<>();
        jsock.put("gethostbyname", () -> Sockets.getHostByName("localhost\0evil"));
        jsock.put("gethostbyname_ex", () -> Sockets.getHostByNameEx("localhost\0evil"));
        jsock.put("gethostbyaddr", () -> Sockets.getHostByAddr("127.0.0.1\0evil"));
        jsock.put("if_nametoindex", () -> Sockets.ifNameToIndex("lo\0x"));
        jsock.put("if_nametoindex surrogate", () -> Sockets.ifNameToIndex("\ud800"));
        jsock.put("getservbyname", () -> Sockets.getServByName("http\0x"));
        jsock.put("getprotobyname", () -> Sockets.getProtoByName("tcp\0x"));
        jsock.put("inet_aton", () -> Sockets.inetAton("127.0.0.1\0x"));
        jsock.put("inet_pton", () -> Sockets.inetPton(Family.INET, "127.0.0.1\0x"));
        jsock.put("ipv6 scope", () -> SockAddr.inet6("fe80::1%lo\0x", 0));
        jsock.put("ipv6 scope surrogate", () -> SockAddr.inet6("fe80::1%\ud800", 0));
        jsock.put("unix path surrogate", () -> SockAddr.unix("/tmp/\ud800"));
        jsock.put("abstract surrogate", () -> SockAddr.unixAbstract("a\ud800"));
        jsock.put("abstract with NUL", () -> {
            try (Socket s = Socket.open(Family.UNIX, Type.DGRAM)) {
                s.bind(SockAddr.unixAbstract("a\0b" + ProcessHandle.current().pid()));
            }
        });
        assertEquals(python.keySet(), jsock.keySet());
        StringBuilder got = new StringBuilder();
        jsock.forEach((name, call) -> got.append(name).append(": ").append(refusedInJava(call)).append("; "));
        assertEquals(Python.output(program.toString()), got.toString().trim());
    }

    /** Those CPython lets C truncate, and the rest that reach C as text: refused all the same. */
    @Test
    void textThatCWouldTruncateIsRefusedEvenWhereCPythonLetsItThrough() throws Exception {
        assertEquals("ok ok", Python.output("import os, socket, tempfile\n"
                + "socket.getaddrinfo('localhost\\0evil', 80)\n"
                + "d = tempfile.mkdtemp()\ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
                + "s.bind(d + '/a\\0b')\n"
                + "print('ok', 'ok' if s.getsockname() == d + '/a' else s.getsockname())\n"
                + "os.unlink(d + '/a')\nos.rmdir(d)"), "CPython truncates both silently");
        java.util.List<Executable> calls = java.util.List.of(
                () -> Sockets.getAddrInfo("localhost\0evil", 80),
                () -> Sockets.getAddrInfo("localhost\0evil", "http"),
                () -> Sockets.getAddrInfo("localhost", "http\0x"),
                () -> Sockets.getAddrInfo("localhost\0evil", 80, Family.INET, Type.STREAM, 0, 0),
                () -> Sockets.getAddrInfo("\ud800", 80),
                () -> Sockets.getHostByName("\ud800"),
                () -> Sockets.getServByName("http", "tcp\0x"),
                () -> Sockets.createConnection("localhost\0evil", 9),
                () -> SockAddr.unix("/tmp/a\0b"),
                () -> SockAddr.unix("\ud800"),
                () -> SockAddr.unix("/tmp/\udc80"),
                () -> new SockAddr.Unix(SockAddr.Unix.Kind.PATH, new byte[] {'/', 't', 0, 'x'}),
                () -> SockAddr.inet("127.0.0.1\0x", 80),
                () -> SockAddr.inet6("::1\0x", 80),
                () -> SockAddr.inet6("fe80::1%1\0x", 0),
                () -> SockAddr.inet6("fe80::1%lo\0", 0));
        for (int i = 0; i < calls.size(); i++) {
            assertEquals("refused", refusedInJava(calls.get(i)), "call " + i);
        }
    }

    @Test
    void interfaceNamesWithANulAreRefusedBeforeTheCall() throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.DGRAM); Socket t = Socket.open(Family.INET, Type.STREAM)) {
            for (String name : new String[] {"lo\0x", "lo\0", "\ud800", "l\udfffo"}) {
                assertThrows(IllegalArgumentException.class, () -> s.set(SockOpt.SO_BINDTODEVICE, name), name);
                assertThrows(IllegalArgumentException.class, () -> Ioctl.siocgifindex(s, name), name);
                assertThrows(IllegalArgumentException.class, () -> Ioctl.siocgifmtu(s, name), name);
                assertThrows(IllegalArgumentException.class, () -> Sockets.ifNameToIndex(name), name);
            }
            assertThrows(IllegalArgumentException.class, () -> t.set(SockOpt.TCP_CONGESTION, "cubic\0x"));
            assertThrows(IllegalArgumentException.class, () -> t.set(SockOpt.TCP_CONGESTION, "cubic\ud800"));
            assertEquals("", s.get(SockOpt.SO_BINDTODEVICE), "nothing was bound");
            assertEquals(Loopback.INDEX, Sockets.ifNameToIndex("lo"), "the same name without the tail is fine");
        }
    }

    /** Abstract names are bytes: a NUL inside is part of the name, and it round-trips through the kernel. */
    @Test
    void abstractNamesKeepTheirNulBytesThroughTheKernel() throws IOException {
        String name = "jsock\0test\0" + ProcessHandle.current().pid();
        SockAddr.Unix address = SockAddr.unixAbstract(name);
        assertEquals(name.length(), address.name().length);
        try (Socket a = Socket.open(Family.UNIX, Type.DGRAM); Socket b = Socket.open(Family.UNIX, Type.DGRAM)) {
            a.bind(address);
            assertEquals(address, a.getSockName());
            b.sendTo(new byte[] {'x'}, address);
            assertEquals(1, a.recv(4).length);
        }
        assertArrayEquals(new byte[] {'a', 0, 'b'}, SockAddr.unixAbstract(new byte[] {'a', 0, 'b'}).name());
    }

    /** 107 bytes is the longest path: it binds, and the kernel gives the same name back. */
    @Test
    void theLongestUnixPathAndAbstractNameBind(@TempDir Path dir) throws IOException {
        String prefix = dir.toString() + "/";
        String path = prefix + "p".repeat(107 - prefix.length());
        assertEquals(107, path.length());
        SockAddr named = SockAddr.unixAbstract("a".repeat(107));
        try (Socket a = Socket.open(Family.UNIX, Type.DGRAM); Socket b = Socket.open(Family.UNIX, Type.DGRAM)) {
            a.bind(SockAddr.unix(path));
            assertEquals(SockAddr.unix(path), a.getSockName());
            b.bind(named);
            assertEquals(named, b.getSockName());
        }
    }

    // ---------------------------------------------------------------- use after close or detach

    @Test
    void useAfterCloseFailsAsCPythonsEBADF() throws Exception {
        assertEquals(Integer.toString(EBADF), Python.output("import socket\ns = socket.socket()\ns.close()\n"
                + "try:\n    s.recv(1)\nexcept OSError as e:\n    print(e.errno)"));
        Socket s = Socket.open(Family.INET, Type.STREAM);
        s.close();
        assertEveryCallRefused(s);
    }

    @Test
    void useAfterDetachIsRefusedToo() throws IOException {
        Socket s = Socket.open(Family.INET, Type.STREAM);
        int fd = s.detach();
        try {
            assertEveryCallRefused(s);
        } finally {
            io.jsock.internal.Native.LIBC.close(fd);
        }
    }

    /** "refused" for an IllegalArgumentException, "ok" when the call went; anything else fails. */
    private static String refusedInJava(Executable call) {
        try {
            call.execute();
            return "ok";
        } catch (IllegalArgumentException e) {
            return "refused";
        } catch (Throwable t) {
            throw new AssertionError("neither refused nor done: " + t, t);
        }
    }

    private static void assertEveryCallRefused(Socket s) throws IOException {
        SockAddr to = SockAddr.inet("127.0.0.1", 9);
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("bind", () -> s.bind(to));
        calls.put("listen", s::listen);
        calls.put("listen(n)", () -> s.listen(1));
        calls.put("accept", s::accept);
        calls.put("connect", () -> s.connect(to));
        calls.put("connectEx", () -> s.connectEx(to));
        calls.put("recv", () -> s.recv(1));
        calls.put("recv(flags)", () -> s.recv(1, Sockets.MSG_PEEK));
        calls.put("recv(0)", () -> s.recv(0));
        calls.put("recvInto(byte[])", () -> s.recvInto(new byte[1], 0, 1));
        calls.put("recvInto(heap)", () -> s.recvInto(ByteBuffer.allocate(1)));
        calls.put("recvInto(direct)", () -> s.recvInto(ByteBuffer.allocateDirect(1), 0));
        calls.put("recvFrom", () -> s.recvFrom(1));
        calls.put("recvFromInto", () -> s.recvFromInto(ByteBuffer.allocate(1)));
        calls.put("send", () -> s.send(new byte[1]));
        calls.put("send(range)", () -> s.send(new byte[1], 0, 1, 0));
        calls.put("send(buffer)", () -> s.send(ByteBuffer.allocateDirect(1)));
        calls.put("sendAll", () -> s.sendAll(new byte[1]));
        calls.put("sendAll(buffer)", () -> s.sendAll(ByteBuffer.allocate(1)));
        calls.put("sendTo", () -> s.sendTo(new byte[1], to));
        calls.put("sendTo(buffer)", () -> s.sendTo(ByteBuffer.allocate(1), to));
        calls.put("getPeerName", s::getPeerName);
        calls.put("getSockName", s::getSockName);
        calls.put("getSockOpt", () -> s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TYPE));
        calls.put("getSockOpt(buflen)", () -> s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, 8));
        calls.put("setSockOpt", () -> s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
        calls.put("setSockOpt(bytes)", () -> s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, new byte[8]));
        calls.put("get(SockOpt)", () -> s.get(SockOpt.SO_RCVBUF));
        calls.put("set(SockOpt)", () -> s.set(SockOpt.SO_REUSEADDR, true));
        calls.put("shutdown", () -> s.shutdown(How.BOTH));
        calls.put("dup", s::dup);
        calls.put("ioctl(int)", () -> s.ioctl(Sockets.FIONREAD, 0));
        calls.put("ioctl(bytes)", () -> s.ioctl(Consts.get("SIOCGIFINDEX"), new byte[40]));
        calls.put("setBlocking", () -> s.setBlocking(false));
        calls.put("setTimeout", () -> s.setTimeout(Duration.ofSeconds(1)));
        calls.put("setInheritable", () -> s.setInheritable(true));
        calls.put("getInheritable", s::getInheritable);
        calls.put("makeFile", () -> s.makeFile("rwb"));
        calls.put("inputStream", s::inputStream);
        calls.put("outputStream", s::outputStream);
        calls.put("channel", s::channel);
        for (Map.Entry<String, Call> c : calls.entrySet()) {
            SocketClosedException e = assertThrows(SocketClosedException.class, c.getValue()::run, c.getKey());
            assertEquals(EBADF, e.errno(), c.getKey());
            assertEquals("EBADF", e.errnoName(), c.getKey());
            assertFalse(e.call().isEmpty(), c.getKey());
            assertNull(e.address(), c.getKey());
        }
        // What needs no fd still answers, as in CPython.
        assertEquals(-1, s.fileno());
        assertTrue(s.isClosed());
        assertEquals(Family.INET, s.family());
        assertEquals(Type.STREAM, s.type());
        assertEquals(0, s.proto());
        assertNull(s.getTimeout());
        assertTrue(s.getBlocking());
        assertTrue(s.toString().contains("fd=-1"));
        s.close();
        assertEquals(-1, s.detach());
    }

    private interface Call {
        void run() throws IOException;
    }
}
