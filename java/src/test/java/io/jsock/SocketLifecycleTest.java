package io.jsock;

import static io.jsock.SocketFixtures.connected;
import static io.jsock.SocketFixtures.listening;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import io.jsock.internal.Consts;
import io.jsock.internal.Native;
import io.jsock.testing.ProcFds;
import io.jsock.testing.Programs;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Creation, naming, connection, duplication and the end of a socket's life. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketLifecycleTest {
    private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openGivesABlockingCloseOnExecSocketOfTheKind(Kind kind) throws IOException {
        Socket s = kind.open();
        int fd = s.fileno();
        String what = ProcFds.target(fd);
        try (s) {
            assertTrue(what.startsWith("socket:"), what);
            assertEquals(kind.family, s.family());
            assertEquals(kind.type, s.type());
            assertEquals(0, s.proto());
            assertEquals(kind.family.value(), s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_DOMAIN));
            assertEquals(kind.type.value(), s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TYPE));
            assertTrue(ProcFds.closeOnExec(fd), "close-on-exec");
            assertFalse(s.getInheritable());
            assertFalse(ProcFds.nonBlocking(fd), "a blocking socket's fd is blocking");
            assertNull(s.getTimeout());
            assertTrue(s.getBlocking());
        }
        assertTrue(s.isClosed());
        assertEquals(-1, s.fileno());
        assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(what), "the fd is released by close");
    }

    @Test
    void openWithAProtocolKeepsIt() throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.STREAM, Sockets.IPPROTO_TCP)) {
            assertEquals(Sockets.IPPROTO_TCP, s.proto());
            assertEquals(Sockets.IPPROTO_TCP, s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PROTOCOL));
        }
        try (Socket s = Socket.open(Family.INET, Type.DGRAM, Sockets.IPPROTO_TCP)) {
            throw new AssertionError("a TCP datagram socket was made: " + s);
        } catch (SocketError e) {
            assertEquals(Consts.get("EPROTONOSUPPORT"), e.errno());
            assertEquals("socket", e.call());
        }
    }

    @Test
    void sockNonblockAtCreationIsNonBlockingModeAsInCPython() throws Exception {
        String python = Python.output("import socket\n"
                + "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)\n"
                + "print(s.gettimeout(), s.getblocking(), s.type == socket.SOCK_STREAM)");
        assertEquals("0.0 False True", python);
        try (Socket s = Socket.open(Family.INET, Type.STREAM, 0, Sockets.SOCK_NONBLOCK)) {
            assertEquals(Duration.ZERO, s.getTimeout());
            assertFalse(s.getBlocking());
            assertEquals(Type.STREAM, s.type());
            assertTrue(ProcFds.nonBlocking(s.fileno()));
            assertTrue(ProcFds.closeOnExec(s.fileno()));
        }
        // Non-blocking whatever the default timeout says, as CPython.
        Sockets.setDefaultTimeout(Duration.ofSeconds(3));
        try (Socket s = Socket.open(Family.INET, Type.STREAM, 0, Sockets.SOCK_NONBLOCK)) {
            assertEquals(Duration.ZERO, s.getTimeout());
        } finally {
            Sockets.setDefaultTimeout(null);
        }
    }

    @Test
    void sockCloexecAtCreationIsAcceptedAndOtherFlagsAreNot() throws IOException {
        try (Socket s = Socket.open(Family.UNIX, Type.DGRAM, 0, Sockets.SOCK_CLOEXEC)) {
            assertTrue(ProcFds.closeOnExec(s.fileno()));
            assertTrue(s.getBlocking());
        }
        int stray = Integer.lowestOneBit(~(Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC));
        assertThrows(IllegalArgumentException.class, () -> Socket.open(Family.UNIX, Type.DGRAM, 0, stray));
    }

    @Test
    void inheritableIsFalseAsInCPythonAndSetInheritableClearsCloseOnExec() throws Exception {
        assertEquals("False", Python.output("import socket\nprint(socket.socket().get_inheritable())"));
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            assertFalse(s.getInheritable());
            s.setInheritable(true);
            assertTrue(s.getInheritable());
            assertFalse(ProcFds.closeOnExec(s.fileno()), "set_inheritable(True) clears FD_CLOEXEC");
            s.setInheritable(false);
            assertFalse(s.getInheritable());
            assertTrue(ProcFds.closeOnExec(s.fileno()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"STREAM", "DGRAM", "SEQPACKET"})
    void pairIsTwoConnectedUnixSockets(Type type) throws IOException {
        Socket[] p = Socket.pair(Family.UNIX, type);
        try (Socket a = p[0]; Socket b = p[1]) {
            for (Socket s : p) {
                assertEquals(Family.UNIX, s.family());
                assertEquals(type, s.type());
                assertTrue(ProcFds.closeOnExec(s.fileno()));
                assertNull(s.getTimeout());
                assertTrue(((SockAddr.Unix) s.getPeerName()).isUnnamed());
            }
            a.sendAll(HELLO);
            assertArrayEquals(HELLO, b.recv(64));
            b.sendAll(HELLO);
            assertArrayEquals(HELLO, a.recv(64));
        }
    }

    @Test
    void pairWithoutArgumentsIsUnixStream() throws IOException {
        Socket[] p = Socket.pair();
        try (Socket a = p[0]; Socket b = p[1]) {
            assertEquals(Family.UNIX, a.family());
            assertEquals(Type.STREAM, b.type());
        }
    }

    @Test
    void pairOfAFamilyWithoutSocketpairFailsWithCPythonsErrno() throws Exception {
        String errno = Python.output("import socket\n"
                + "try:\n    socket.socketpair(socket.AF_INET)\nexcept OSError as e:\n    print(e.errno)");
        SocketError e = assertThrows(SocketError.class, () -> Socket.pair(Family.INET, Type.STREAM));
        assertEquals(errno, Integer.toString(e.errno()));
        assertEquals("socketpair", e.call());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fromFdDetectsFamilyTypeAndProtocolOnADuplicate(Kind kind) throws IOException {
        try (Socket s = kind.open()) {
            s.bind(kind.wildcard());
            try (Socket f = Socket.fromFd(s.fileno())) {
                assertNotEquals(s.fileno(), f.fileno());
                assertEquals(ProcFds.target(s.fileno()), ProcFds.target(f.fileno()), "the same socket");
                assertEquals(kind.family, f.family());
                assertEquals(kind.type, f.type());
                assertEquals(s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PROTOCOL), f.proto());
                assertTrue(ProcFds.closeOnExec(f.fileno()));
                assertEquals(s.getSockName(), f.getSockName());
            }
            assertFalse(s.isClosed(), "closing the fromFd socket leaves the caller's fd");
            assertTrue(ProcFds.isOpen(s.fileno()));
            s.getSockName();
        }
    }

    @Test
    void fromFdReadsTheProtocolAsCPythonDoes() throws Exception {
        String python = Python.output("import os, socket\n"
                + "for f, t in ((socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_DGRAM),"
                + " (socket.AF_UNIX, socket.SOCK_SEQPACKET)):\n"
                + "    s = socket.socket(f, t)\n"
                + "    print(socket.socket(fileno=os.dup(s.fileno())).proto, end=' ')");
        StringBuilder jsock = new StringBuilder();
        for (Kind k : List.of(Kind.INET_STREAM, Kind.INET6_DGRAM, Kind.UNIX_SEQPACKET)) {
            try (Socket s = k.open(); Socket f = Socket.fromFd(s.fileno())) {
                jsock.append(f.proto()).append(' ');
            }
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void fromFdOfANonBlockingFdIsInNonBlockingMode() throws IOException {
        // CPython leaves such a socket's gettimeout() at the default although its fd does not
        // block; jsock reports what the fd does, so getBlocking() is true only when it blocks.
        try (Socket s = Socket.open(Family.UNIX, Type.STREAM, 0, Sockets.SOCK_NONBLOCK);
                Socket f = Socket.fromFd(s.fileno())) {
            assertEquals(Duration.ZERO, f.getTimeout());
            assertFalse(f.getBlocking());
        }
    }

    @Test
    void fromFdRefusesWhatIsNotASocketAndLeaksNothing() throws IOException {
        int notSocket = anyOpenNonSocketFd();
        String target = ProcFds.target(notSocket);
        int before = ProcFds.on(target).size();
        SocketError e = assertThrows(SocketError.class, () -> Socket.fromFd(notSocket));
        assertEquals(Consts.get("ENOTSOCK"), e.errno());
        assertEquals("ENOTSOCK", e.errnoName());
        assertEquals(before, ProcFds.on(target).size(), "the duplicate was closed");
        assertTrue(ProcFds.isOpen(notSocket), "the caller's fd is left alone");

        assertThrows(IllegalArgumentException.class, () -> Socket.fromFd(-1));
        SocketError badf = assertThrows(SocketError.class, () -> Socket.fromFd(unusedFd()));
        assertEquals(Consts.get("EBADF"), badf.errno());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void detachReturnsTheFdAndLeavesItOpen(Kind kind) throws IOException {
        Socket s = kind.open();
        int fd = s.fileno();
        String what = ProcFds.target(fd);
        int detached = s.detach();
        try {
            assertEquals(fd, detached);
            assertEquals(-1, s.fileno());
            assertTrue(s.isClosed());
            assertEquals(-1, s.detach(), "a second detach has no fd to give");
            s.close(); // closes nothing: the fd is the caller's now
            assertTrue(ProcFds.isOpen(fd));
            assertEquals(what, ProcFds.target(fd));
            assertThrows(SocketClosedException.class, s::getSockName);
            try (Socket again = Socket.fromFd(detached)) {
                assertEquals(kind.family, again.family());
                assertEquals(kind.type, again.type());
            }
        } finally {
            assertEquals(0, Native.LIBC.close(detached));
        }
    }

    @Test
    void dupIsAnIndependentSocketWithTheSameTimeoutAsInCPython() throws Exception {
        assertEquals("1.5 False", Python.output("import socket\n"
                + "s = socket.socket()\ns.settimeout(1.5)\nd = s.dup()\nprint(d.gettimeout(), d.get_inheritable())"));
        try (Pair p = connected(Kind.INET_STREAM)) {
            p.a().setTimeout(Duration.ofMillis(1500));
            Socket d = p.a().dup();
            try (d) {
                assertNotEquals(p.a().fileno(), d.fileno());
                assertEquals(ProcFds.target(p.a().fileno()), ProcFds.target(d.fileno()));
                assertEquals(Duration.ofMillis(1500), d.getTimeout());
                assertTrue(ProcFds.closeOnExec(d.fileno()));
                assertEquals(p.a().family(), d.family());
                assertEquals(p.a().type(), d.type());
                assertEquals(p.a().proto(), d.proto());
                assertEquals(p.a().getSockName(), d.getSockName());
                p.a().close();
                // The duplicate still holds the connection.
                d.sendAll(HELLO);
                assertArrayEquals(HELLO, SocketFixtures.recvExactly(p.b(), HELLO.length));
                p.b().sendAll(HELLO);
                assertArrayEquals(HELLO, SocketFixtures.recvExactly(d, HELLO.length));
                d.setTimeout(null); // its own timeout, not the original's
                assertNull(d.getTimeout());
            }
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        Socket s = Socket.open(Family.UNIX, Type.STREAM);
        s.close();
        s.close();
        assertTrue(s.isClosed());
        assertEquals(-1, s.fileno());
        assertEquals(-1, s.detach());
    }

    // ---- close of an fd closed behind the socket's back (CPython's testCloseException)

    @Test
    void closeOfAnFdClosedBehindItsBackIsEBADFAsInCPython() throws Exception {
        assertEquals("EBADF -1 None", Python.output("import errno, os, socket\n"
                + "s = socket.socket()\nos.close(s.fileno())\n"
                + "try:\n    s.close()\nexcept OSError as e:\n    print(errno.errorcode[e.errno], end=' ')\n"
                + "print(s.fileno(), s.close())"));
        for (Kind kind : List.of(Kind.INET_STREAM, Kind.UNIX_DGRAM)) {
            Socket s = kind.open();
            Sockets.close(s.fileno());
            SocketError e = assertThrows(SocketError.class, s::close, kind.toString());
            assertEquals("EBADF", e.errnoName());
            assertEquals(Consts.get("EBADF"), e.errno());
            assertEquals("close", e.call());
            assertTrue(s.isClosed());
            assertEquals(-1, s.fileno());
            s.close(); // a second close has nothing left to close: no exception
        }
    }

    @Test
    void closeReportsEBADFWhenLibcClosedTheFdThroughAnotherPath() throws IOException {
        Socket s = Socket.open(Family.UNIX, Type.STREAM);
        assertEquals(0, PosixForTests.LIBC.close(s.fileno()), "close(2) through a binding of the tests' own");
        SocketError e = assertThrows(SocketError.class, s::close);
        assertEquals("EBADF", e.errnoName());
        assertEquals("close", e.call());
        s.close();
        assertTrue(s.isClosed());
    }

    @Test
    void closeOfAHealthySocketThrowsNothingAndReleasesTheFd() throws IOException {
        Socket s = Socket.open(Family.INET6, Type.STREAM);
        int fd = s.fileno();
        String what = ProcFds.target(fd);
        s.close();
        s.close();
        assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(what));
        SocketError e = assertThrows(SocketError.class, () -> Sockets.close(fd), "the fd went with the first close");
        assertEquals("EBADF", e.errnoName());
    }

    // ---- adopt (socket(fileno=fd)) and Sockets.close(fd)

    /**
     * CPython's {@code socket(fileno=fd)} reads family, type and protocol from the kernel
     * (SO_DOMAIN, SO_TYPE, SO_PROTOCOL): TCP over IPv6 opened with protocol 0 reports 6.
     */
    @Test
    void adoptReadsFamilyTypeAndProtocolFromTheKernelAsCPython() throws Exception {
        int[][] kinds = {
            {Sockets.AF_UNIX, Sockets.SOCK_STREAM, 0},
            {Sockets.AF_UNIX, Sockets.SOCK_DGRAM, 0},
            {Sockets.AF_INET6, Sockets.SOCK_STREAM, 0},
            {Sockets.AF_INET, Sockets.SOCK_DGRAM, 0},
            {Sockets.AF_INET6, Sockets.SOCK_DGRAM, Sockets.IPPROTO_UDP},
            {Sockets.AF_NETLINK, Sockets.SOCK_RAW, Sockets.NETLINK_GENERIC},
            {Sockets.AF_NETLINK, Sockets.SOCK_DGRAM, Sockets.NETLINK_SOCK_DIAG},
        };
        StringBuilder args = new StringBuilder();
        for (int[] k : kinds) args.append(k[0]).append(',').append(k[1]).append(',').append(k[2]).append(' ');
        String python = Python.output("import socket, sys\n"
                + "for k in sys.argv[1].split():\n"
                + "    f, t, p = map(int, k.split(','))\n"
                + "    fd = socket.socket(f, t, p).detach()\n"
                + "    a = socket.socket(fileno=fd)\n"
                + "    print(a.fileno() == fd, int(a.family), int(a.type), a.proto, end='; ')\n"
                + "    a.close()", args.toString().trim());
        StringBuilder jsock = new StringBuilder();
        for (int[] k : kinds) {
            int fd;
            try (Socket s = Socket.open(Family.of(k[0]), Type.of(k[1]), k[2])) {
                fd = s.detach();
            }
            String target = ProcFds.target(fd);
            Socket a = Socket.adopt(fd);
            try (a) {
                jsock.append(a.fileno() == fd ? "True" : "False").append(' ').append(a.family().value()).append(' ')
                        .append(a.type().value()).append(' ').append(a.proto()).append("; ");
                assertEquals(target, ProcFds.target(fd), "the same fd, not a duplicate");
                assertTrue(ProcFds.closeOnExec(fd));
            }
            assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(target), "closing the adopted socket closed fd " + fd);
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void adoptTakesTheFdOfADetachedSocketWithoutADup() throws IOException {
        try (Socket server = listening(Kind.INET_STREAM); Socket client = Socket.open(Family.INET, Type.STREAM)) {
            client.connect(server.getSockName());
            int fd = client.detach();
            Map<Integer, String> before = ProcFds.snapshot();
            Socket a = Socket.adopt(fd);
            ProcFds.assertSame(before, ProcFds.snapshot(), "adopt opened no fd");
            try (a; Socket peer = server.accept()) {
                assertEquals(fd, a.fileno());
                assertEquals(peer.getSockName(), a.getPeerName());
                assertEquals(Sockets.IPPROTO_TCP, a.proto());
                a.sendAll(HELLO);
                assertArrayEquals(HELLO, SocketFixtures.recvExactly(peer, HELLO.length));
            }
            assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(before.get(fd)), "the adopted fd was closed");
        }
    }

    @Test
    void adoptTakesAnFdReceivedThroughSCMRights() throws IOException {
        Socket[] p = Socket.pair(Family.UNIX, Type.STREAM);
        try (Socket a = p[0]; Socket b = p[1]; Socket sent = Socket.open(Family.INET, Type.DGRAM)) {
            sent.bind(SockAddr.inet("127.0.0.1", 0));
            Sockets.sendFds(a, new byte[][] {{'x'}}, new int[] {sent.fileno()});
            int[] fds = Sockets.recvFds(b, 16, 1).fds();
            assertEquals(1, fds.length);
            int fd = fds[0];
            String target = ProcFds.target(fd);
            assertEquals(ProcFds.target(sent.fileno()), target, "the same socket came");
            Socket got = Socket.adopt(fd);
            try (got) {
                assertEquals(fd, got.fileno());
                assertEquals(Family.INET, got.family());
                assertEquals(Type.DGRAM, got.type());
                assertEquals(Sockets.IPPROTO_UDP, got.proto());
                assertEquals(sent.getSockName(), got.getSockName());
                got.sendTo(HELLO, sent.getSockName());
                assertArrayEquals(HELLO, sent.recv(64));
            }
            assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(target), "closing the adopted socket closed fd " + fd);
            assertFalse(sent.isClosed());
            sent.getSockName(); // the sender's own fd is untouched
        }
    }

    @Test
    void adoptRefusesWhatIsNotASocketAndLeavesItTheCallers() throws Exception {
        assertEquals("ENOTSOCK True", Python.output("import errno, os, socket\n"
                + "r, w = os.pipe()\n"
                + "try:\n    socket.socket(fileno=r)\nexcept OSError as e:\n    print(errno.errorcode[e.errno], end=' ')\n"
                + "print(os.fstat(r) is not None)"));
        int[] pipe = new int[2];
        assertEquals(0, PosixForTests.LIBC.pipe(pipe));
        try {
            int file = anyOpenNonSocketFd();
            for (int fd : new int[] {pipe[0], pipe[1], file}) {
                String target = ProcFds.target(fd);
                Map<Integer, String> before = ProcFds.snapshot();
                SocketError e = assertThrows(SocketError.class, () -> Socket.adopt(fd), target);
                assertEquals("ENOTSOCK", e.errnoName());
                assertEquals(Consts.get("ENOTSOCK"), e.errno());
                ProcFds.assertSame(before, ProcFds.snapshot(), "a refused adopt of " + target);
                assertEquals(target, ProcFds.target(fd), "the fd stays open, the caller's");
            }
            // Still the caller's: the pipe carries bytes.
            assertEquals(1, PosixForTests.LIBC.write(pipe[1], new byte[] {'z'}, 1));
            byte[] one = new byte[1];
            assertEquals(1, PosixForTests.LIBC.read(pipe[0], one, 1));
            assertEquals('z', one[0]);
        } finally {
            PosixForTests.LIBC.close(pipe[0]);
            PosixForTests.LIBC.close(pipe[1]);
        }
    }

    @Test
    void adoptOfANegativeOrClosedFdIsRefused() throws Exception {
        assertEquals("ValueError EBADF", Python.output("import errno, socket\n"
                + "try:\n    socket.socket(fileno=-1)\nexcept ValueError:\n    print('ValueError', end=' ')\n"
                + "try:\n    socket.socket(fileno=" + unusedFd() + ")\n"
                + "except OSError as e:\n    print(errno.errorcode[e.errno])"));
        assertThrows(IllegalArgumentException.class, () -> Socket.adopt(-1));
        assertThrows(IllegalArgumentException.class, () -> Socket.adopt(Integer.MIN_VALUE));
        SocketError e = assertThrows(SocketError.class, () -> Socket.adopt(unusedFd()));
        assertEquals("EBADF", e.errnoName());
    }

    @Test
    void adoptGivesTheDefaultTimeoutOrZeroForANonBlockingFd() throws IOException {
        int fd;
        try (Socket s = Socket.open(Family.UNIX, Type.STREAM)) {
            fd = s.detach();
        }
        Sockets.setDefaultTimeout(Duration.ofSeconds(3));
        try (Socket a = Socket.adopt(fd)) {
            assertEquals(Duration.ofSeconds(3), a.getTimeout());
            assertTrue(ProcFds.nonBlocking(fd), "a timeout works on a non-blocking fd");
        } finally {
            Sockets.setDefaultTimeout(null);
        }
        try (Socket s = Socket.open(Family.UNIX, Type.DGRAM, 0, Sockets.SOCK_NONBLOCK)) {
            fd = s.detach();
        }
        try (Socket a = Socket.adopt(fd)) {
            assertEquals(Duration.ZERO, a.getTimeout());
            assertFalse(a.getBlocking());
        }
    }

    @Test
    void socketsCloseClosesAnFdAndRefusesAClosedOrNegativeOne() throws Exception {
        assertEquals("EBADF", Python.output("import errno, socket\n"
                + "try:\n    socket.close(" + unusedFd() + ")\nexcept OSError as e:\n    print(errno.errorcode[e.errno])"));
        Socket s = Socket.open(Family.UNIX, Type.DGRAM);
        int fd = s.detach();
        String target = ProcFds.target(fd);
        Sockets.close(fd);
        assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(target), "Sockets.close closed fd " + fd);
        SocketError again = assertThrows(SocketError.class, () -> Sockets.close(fd));
        assertEquals("EBADF", again.errnoName());
        assertEquals("close", again.call());
        SocketError unused = assertThrows(SocketError.class, () -> Sockets.close(unusedFd()));
        assertEquals(Consts.get("EBADF"), unused.errno());
        assertThrows(IllegalArgumentException.class, () -> Sockets.close(-1));
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#connectionOriented")
    void bindListenAcceptConnectAndTheirNames(Kind kind) throws IOException {
        try (Socket server = kind.open(); Socket client = kind.open()) {
            server.bind(kind.wildcard());
            SockAddr name = server.getSockName();
            assertEquals(kind.family, name.family());
            assertBound(name);
            server.listen(5);
            assertEquals(1, server.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_ACCEPTCONN));
            client.connect(name);
            assertEquals(name, client.getPeerName());
            try (Socket accepted = server.accept()) {
                assertEquals(kind.family, accepted.family());
                assertEquals(kind.type, accepted.type());
                assertEquals(server.proto(), accepted.proto());
                assertTrue(ProcFds.closeOnExec(accepted.fileno()));
                assertNull(accepted.getTimeout());
                assertEquals(client.getSockName(), accepted.getPeerName());
                assertEquals(name, accepted.getSockName());
                client.sendAll(HELLO);
                assertArrayEquals(HELLO, SocketFixtures.recvExactly(accepted, HELLO.length));
            }
        }
    }

    @Test
    void unixAddressesRoundTripThroughTheKernel(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        SockAddr path = SockAddr.unix(dir.resolve("s").toString());
        SockAddr named = SockAddr.unixAbstract("jsock-api-" + ProcessHandle.current().pid());
        try (Socket a = Socket.open(Family.UNIX, Type.DGRAM); Socket b = Socket.open(Family.UNIX, Type.DGRAM);
                Socket c = Socket.open(Family.UNIX, Type.DGRAM)) {
            a.bind(path);
            b.bind(named);
            assertEquals(path, a.getSockName());
            assertEquals(named, b.getSockName());
            assertTrue(Files.exists(dir.resolve("s")));
            assertTrue(((SockAddr.Unix) c.getSockName()).isUnnamed());
            c.sendTo(HELLO, path);
            Datagram d = a.recvFrom(16);
            assertArrayEquals(HELLO, d.data());
            assertNull(d.address(), "an unbound sender has no address (CPython: None)");
            b.sendTo(HELLO, path);
            assertEquals(named, a.recvFrom(16).address());
        }
    }

    /** The backlog as iproute2's ss shows it (Send-Q of a listening socket), against CPython's. */
    @Test
    void listenTakesCPythonsDefaultAndClampsANegativeBacklog() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Programs.succeeds("ss", "-V"), "iproute2's ss is not installed");
        String python = Python.output("import socket, subprocess\n"
                + "for n in (None, -5, 7):\n"
                + "    l = socket.socket()\n    l.bind(('127.0.0.1', 0))\n"
                + "    l.listen() if n is None else l.listen(n)\n"
                + "    out = subprocess.run(['ss', '-ltnH', 'src', '127.0.0.1:%d' % l.getsockname()[1]],"
                + " capture_output=True, text=True, check=True).stdout\n"
                + "    print(out.split()[2], end=' ')");
        StringBuilder jsock = new StringBuilder();
        for (Integer n : Arrays.asList(null, -5, 7)) {
            try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
                s.bind(SockAddr.inet("127.0.0.1", 0));
                if (n == null) s.listen();
                else s.listen(n);
                jsock.append(ssBacklog(((SockAddr.Inet) s.getSockName()).port())).append(' ');
                try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                    c.connect(s.getSockName()); // even a backlog of 0 takes one connection
                }
            }
        }
        assertEquals(python, jsock.toString().trim());
        try (Socket d = Socket.open(Family.INET, Type.DGRAM)) {
            SocketError e = assertThrows(SocketError.class, d::listen);
            assertEquals(Consts.get("ENOTSUP"), e.errno());
            assertEquals("listen", e.call());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#datagrams")
    void connectOnADatagramSocketSetsItsPeer(Kind kind) throws IOException {
        try (Socket a = kind.open(); Socket b = kind.open()) {
            b.bind(kind.wildcard());
            assertThrows(SocketError.class, a::getPeerName);
            a.connect(b.getSockName());
            assertEquals(b.getSockName(), a.getPeerName());
            a.send(HELLO);
            assertArrayEquals(HELLO, b.recv(64));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void getPeerNameOfAnUnconnectedSocketIsENOTCONN(Kind kind) throws IOException {
        try (Socket s = kind.open()) {
            SocketError e = assertThrows(SocketError.class, s::getPeerName);
            assertEquals(Consts.get("ENOTCONN"), e.errno());
            assertEquals("getpeername", e.call());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#connectionOriented")
    void shutdownWriteIsEndOfStreamForThePeer(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.a().sendAll(HELLO);
            p.a().shutdown(How.WRITE);
            assertArrayEquals(HELLO, SocketFixtures.recvExactly(p.b(), HELLO.length));
            assertEquals(0, p.b().recv(64).length, "end of stream");
            SocketError e = assertThrows(SocketError.class, () -> p.a().send(HELLO));
            assertEquals(Consts.get("EPIPE"), e.errno());
            // The other direction still works.
            p.b().sendAll(HELLO);
            assertArrayEquals(HELLO, SocketFixtures.recvExactly(p.a(), HELLO.length));
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#connectionOriented")
    void shutdownReadAndBoth(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.a().shutdown(How.READ);
            assertEquals(0, p.a().recv(64).length, "nothing more to read after SHUT_RD");
            p.a().shutdown(How.BOTH);
            assertThrows(SocketError.class, () -> p.a().send(HELLO));
        }
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            SocketError e = assertThrows(SocketError.class, () -> s.shutdown(How.BOTH));
            assertEquals(Consts.get("ENOTCONN"), e.errno());
            assertThrows(NullPointerException.class, () -> s.shutdown(null));
        }
    }

    @Test
    void toStringShowsFamilyTypeAndAddresses() throws IOException {
        try (Pair p = connected(Kind.INET_STREAM)) {
            String text = p.a().toString();
            assertTrue(text.contains("fd=" + p.a().fileno()), text);
            assertTrue(text.contains("family=INET"), text);
            assertTrue(text.contains("type=STREAM"), text);
            assertTrue(text.contains("proto=0"), text);
            assertTrue(text.contains("laddr=" + p.a().getSockName()), text);
            assertTrue(text.contains("raddr=" + p.b().getSockName()), text);
            assertTrue(text.contains("127.0.0.1"), text);
        }
        try (Socket s = Socket.open(Family.INET6, Type.DGRAM)) {
            String text = s.toString();
            assertTrue(text.contains("family=INET6") && text.contains("type=DGRAM"), text);
            assertFalse(text.contains("raddr"), "not connected: " + text);
            s.close();
            assertTrue(s.toString().contains("fd=-1"), s.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#connectionOriented")
    void closeWakesAThreadBlockedInAccept(Kind kind) throws Exception {
        Socket server = listening(kind);
        CompletableFuture<Socket> accept = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(100); // most likely blocked by now; either way the accept must fail as closed
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> accept.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SocketClosedException, String.valueOf(e.getCause()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeWakesAThreadBlockedInRecv(Kind kind) throws Exception {
        try (Pair p = connected(kind)) {
            CompletableFuture<byte[]> recv = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.a().recv(64);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(100);
            p.a().close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> recv.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof SocketClosedException, String.valueOf(e.getCause()));
        }
    }

    // ---- helpers

    private static void assertBound(SockAddr name) {
        if (name instanceof SockAddr.Inet i) assertNotEquals(0, i.port());
        else if (name instanceof SockAddr.Inet6 i) assertNotEquals(0, i.port());
        else assertTrue(((SockAddr.Unix) name).isAbstract(), "autobind gives an abstract name: " + name);
    }

    private static String ssBacklog(int port) throws IOException {
        Programs.Result ss = Programs.run("ss", "-ltnH", "src", "127.0.0.1:" + port);
        assertEquals(0, ss.exit(), "ss failed: " + ss.err());
        return ss.out().trim().split("\\s+")[2];
    }

    private static int anyOpenNonSocketFd() {
        for (Map.Entry<Integer, String> fd : ProcFds.snapshot().entrySet()) {
            String t = fd.getValue();
            if (t.startsWith("/") && Files.isRegularFile(Path.of(t))) return fd.getKey();
        }
        throw new AssertionError("this process has no open regular file");
    }

    private static int unusedFd() {
        for (int fd = 4000; ; fd++) {
            if (!ProcFds.isOpen(fd)) return fd;
        }
    }
}
