package io.jsock;

import static io.jsock.SocketFixtures.connected;
import static io.jsock.SocketFixtures.listening;
import static io.jsock.SocketFixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import io.jsock.internal.Consts;
import io.jsock.testing.ProcFds;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython's timeout semantics: null blocks, zero never waits, a positive timeout is a deadline
 * (for the whole of sendAll), EINTR is retried within it, and the module default is what new
 * and accepted sockets start with. Only lower bounds on time are asserted.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(200);
    /** What SHORT must at least have waited: generous for coarse clocks, strict enough to catch no wait. */
    private static final long SHORT_LOWER_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

    @AfterEach
    void resetDefault() {
        Sockets.setDefaultTimeout(null);
    }

    @Test
    void accessorsAndTheFdFollowCPythonThroughEveryMode() throws Exception {
        String python = Python.output("import fcntl, os, socket\n"
                + "s = socket.socket()\n"
                + "def show():\n"
                + "    nb = bool(fcntl.fcntl(s.fileno(), fcntl.F_GETFL) & os.O_NONBLOCK)\n"
                + "    print(s.gettimeout(), s.getblocking(), nb, end='; ')\n"
                + "show()\n"
                + "s.settimeout(0); show()\n"
                + "s.setblocking(True); show()\n"
                + "s.setblocking(False); show()\n"
                + "s.settimeout(2.5); show()\n"
                + "s.setblocking(False); show()\n"
                + "s.settimeout(0.25); show()\n"
                + "s.settimeout(None); show()\n");
        StringBuilder jsock = new StringBuilder();
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            show(s, jsock);
            s.setTimeout(Duration.ZERO);
            show(s, jsock);
            s.setBlocking(true);
            show(s, jsock);
            s.setBlocking(false);
            show(s, jsock);
            s.setTimeout(Duration.ofMillis(2500));
            show(s, jsock);
            s.setBlocking(false);
            show(s, jsock);
            s.setTimeout(Duration.ofMillis(250));
            show(s, jsock);
            s.setTimeout(null);
            show(s, jsock);
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void aNegativeTimeoutIsRefusedAsInCPython() throws Exception {
        assertEquals("ValueError ValueError", Python.output("import socket\n"
                + "for f in (socket.socket().settimeout, socket.setdefaulttimeout):\n"
                + "    try:\n        f(-1)\n    except ValueError:\n        print('ValueError', end=' ')"));
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            assertThrows(IllegalArgumentException.class, () -> s.setTimeout(Duration.ofMillis(-1)));
            assertNull(s.getTimeout(), "unchanged");
        }
        assertThrows(IllegalArgumentException.class, () -> Sockets.setDefaultTimeout(Duration.ofSeconds(-1)));
        assertNull(Sockets.getDefaultTimeout());
    }

    @Test
    void newSocketsStartWithTheDefaultTimeout() throws IOException {
        assertNull(Sockets.getDefaultTimeout(), "blocking unless set, as CPython");
        Sockets.setDefaultTimeout(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(1500), Sockets.getDefaultTimeout());
        try (Socket s = Socket.open(Family.INET6, Type.DGRAM)) {
            assertEquals(Duration.ofMillis(1500), s.getTimeout());
            assertTrue(s.getBlocking());
            assertTrue(ProcFds.nonBlocking(s.fileno()), "timeout mode works on a non-blocking fd");
        }
        Socket[] p = Socket.pair();
        try (Socket a = p[0]; Socket b = p[1]) {
            assertEquals(Duration.ofMillis(1500), a.getTimeout());
            assertEquals(Duration.ofMillis(1500), b.getTimeout());
        }
        Sockets.setDefaultTimeout(Duration.ZERO);
        try (Socket s = Socket.open(Family.UNIX, Type.STREAM)) {
            assertFalse(s.getBlocking());
            assertTrue(ProcFds.nonBlocking(s.fileno()));
        }
        Sockets.setDefaultTimeout(null);
        try (Socket s = Socket.open(Family.UNIX, Type.STREAM)) {
            assertNull(s.getTimeout());
            assertFalse(ProcFds.nonBlocking(s.fileno()));
        }
    }

    /** The accepted socket's timeout is the module default, whatever the listener's: CPython's table. */
    @Test
    void acceptedSocketsTakeTheDefaultTimeoutAsInCPython() throws Exception {
        String python = Python.output("import fcntl, os, select, socket\n"
                + "l = socket.socket()\nl.bind(('127.0.0.1', 0))\nl.listen()\n"
                + "for lt in (None, 0.0, 3.0):\n"
                + "    for dt in (None, 0.0, 1.5):\n"
                + "        socket.setdefaulttimeout(None)\n"
                + "        l.settimeout(lt)\n"
                + "        c = socket.create_connection(l.getsockname())\n"
                + "        socket.setdefaulttimeout(dt)\n"
                + "        select.select([l], [], [], 10)\n"
                + "        a, _ = l.accept()\n"
                + "        nb = bool(fcntl.fcntl(a.fileno(), fcntl.F_GETFL) & os.O_NONBLOCK)\n"
                + "        print(a.gettimeout(), a.getblocking(), nb, end='; ')\n"
                + "        a.close(); c.close()\n");
        StringBuilder jsock = new StringBuilder();
        try (Socket l = listening(Kind.INET_STREAM)) {
            for (Duration lt : Arrays.asList(null, Duration.ZERO, Duration.ofSeconds(3))) {
                for (Duration dt : Arrays.asList(null, Duration.ZERO, Duration.ofMillis(1500))) {
                    Sockets.setDefaultTimeout(null);
                    l.setTimeout(lt);
                    try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                        c.connect(l.getSockName());
                        Sockets.setDefaultTimeout(dt);
                        try (Socket a = acceptWhenReady(l)) {
                            show(a, jsock);
                        }
                    }
                }
            }
        }
        assertEquals(python, jsock.toString().trim());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void recvTimesOutAfterTheTimeout(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.b().setTimeout(SHORT);
            assertTimesOut("recv", () -> p.b().recv(8));
            p.a().sendAll(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, p.b().recv(8), "data that is there comes at once");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"INET_STREAM", "UNIX_DGRAM"})
    void everyReceiveTimesOutAfterTheTimeout(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.b().setTimeout(SHORT);
            assertTimesOut("recv_into", () -> p.b().recvInto(new byte[8], 0, 8));
            assertTimesOut("recv_into", () -> p.b().recvInto(ByteBuffer.allocateDirect(8)));
            assertTimesOut("recvfrom", () -> p.b().recvFrom(8));
            assertTimesOut("recvfrom_into", () -> p.b().recvFromInto(ByteBuffer.allocate(8)));
            // Data that is there comes back at once, timeout or not.
            p.a().sendAll(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, p.b().recv(8));
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#connectionOriented")
    void acceptTimesOutAfterTheTimeout(Kind kind) throws IOException {
        try (Socket l = listening(kind)) {
            l.setTimeout(SHORT);
            assertTimesOut("accept", l::accept);
        }
    }

    @Test
    void sendTimesOutWhenThePeerDoesNotRead() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.a().setTimeout(SHORT);
            byte[] chunk = new byte[65536];
            SocketTimeout e = assertThrows(SocketTimeout.class, () -> {
                for (int i = 0; i < 10_000; i++) p.a().send(chunk);
            });
            assertEquals("send", e.call());
        }
        // A UNIX datagram receiver's queue is bounded: sendto blocks, so times out, when it is full.
        try (Socket r = Socket.open(Family.UNIX, Type.DGRAM); Socket s = Socket.open(Family.UNIX, Type.DGRAM)) {
            r.bind(SockAddr.unixUnnamed());
            s.setTimeout(SHORT);
            SocketTimeout e = assertThrows(SocketTimeout.class, () -> {
                for (int i = 0; i < 100_000; i++) s.sendTo(new byte[1024], r.getSockName());
            });
            assertEquals("sendto", e.call());
            assertEquals(r.getSockName(), e.address());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nonBlockingModeNeverWaits(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.b().setBlocking(false);
            WouldBlock e = assertThrows(WouldBlock.class, () -> p.b().recv(8));
            assertEquals(Consts.get("EAGAIN"), e.errno());
        }
        if (kind.connectionOriented()) {
            try (Socket l = listening(kind)) {
                l.setBlocking(false);
                assertThrows(WouldBlock.class, l::accept);
            }
        }
    }

    @Test
    void aNonBlockingConnectIsInProgressAsInCPython() throws Exception {
        String python = Python.output("import errno, socket\n"
                + "l = socket.socket()\nl.bind(('127.0.0.1', 0))\nl.listen()\n"
                + "c = socket.socket()\nc.setblocking(False)\n"
                + "print(errno.errorcode[c.connect_ex(l.getsockname())])");
        try (Socket l = listening(Kind.INET_STREAM); Socket c = Socket.open(Family.INET, Type.STREAM)) {
            c.setBlocking(false);
            int first = c.connectEx(l.getSockName());
            assertEquals(python, io.jsock.internal.Errors.name(first));
            WouldBlock e = assertThrows(WouldBlock.class, () -> {
                try (Socket d = Socket.open(Family.INET, Type.STREAM, 0, Sockets.SOCK_NONBLOCK)) {
                    d.connect(l.getSockName());
                }
            });
            assertEquals(Consts.get("EINPROGRESS"), e.errno());
            // It completes in the background: later tries say so (EISCONN) or succeed.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int r;
            do {
                r = c.connectEx(l.getSockName());
            } while ((r == Consts.get("EALREADY") || r == Consts.get("EINPROGRESS")) && System.nanoTime() < end);
            assertTrue(r == 0 || r == Consts.get("EISCONN"), "connect_ex gave " + io.jsock.internal.Errors.name(r));
            assertEquals(l.getSockName(), c.getPeerName());
        }
    }

    /**
     * A listener whose accept queue is full drops SYNs, so a connect to it waits: the loopback way
     * to make a connect time out.
     */
    @Test
    void connectTimesOutAndConnectExThenGivesEagainAsCPython() throws Exception {
        String python = Python.output("import errno, socket\n"
                + "l = socket.socket()\nl.bind(('127.0.0.1', 0))\nl.listen(0)\n"
                + "first = socket.create_connection(l.getsockname())\n"
                + "c = socket.socket()\nc.settimeout(0.2)\n"
                + "print(errno.errorcode[c.connect_ex(l.getsockname())])");
        assertEquals("EAGAIN", python);
        try (Socket l = Socket.open(Family.INET, Type.STREAM); Socket first = Socket.open(Family.INET, Type.STREAM)) {
            l.bind(SockAddr.inet("127.0.0.1", 0));
            l.listen(0);
            first.connect(l.getSockName());
            try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                c.setTimeout(SHORT);
                long start = System.nanoTime();
                SocketTimeout e = assertThrows(SocketTimeout.class, () -> c.connect(l.getSockName()));
                assertTrue(System.nanoTime() - start >= SHORT_LOWER_BOUND_NANOS, "waited the timeout");
                assertEquals("connect", e.call());
                assertEquals(l.getSockName(), e.address());
            }
            try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                c.setTimeout(SHORT);
                long start = System.nanoTime();
                assertEquals(Consts.get("EAGAIN"), c.connectEx(l.getSockName()));
                assertTrue(System.nanoTime() - start >= SHORT_LOWER_BOUND_NANOS, "waited the timeout");
            }
        }
    }

    /**
     * An AF_UNIX listener with a full backlog answers a non-blocking connect with EAGAIN, not
     * EINPROGRESS: CPython then raises at once, timeout or not, and so does jsock.
     */
    @Test
    void aUnixConnectToAFullBacklogWouldBlockAtOnceAsInCPython() throws Exception {
        String python = Python.output("import errno, socket\n"
                + "l = socket.socket(socket.AF_UNIX)\nl.bind('')\nl.listen(0)\n"
                + "first = socket.socket(socket.AF_UNIX)\nfirst.connect(l.getsockname())\n"
                + "c = socket.socket(socket.AF_UNIX)\nc.settimeout(5)\n"
                + "try:\n    c.connect(l.getsockname())\nexcept BlockingIOError as e:\n"
                + "    print(errno.errorcode[e.errno], end=' ')\n"
                + "print(errno.errorcode[c.connect_ex(l.getsockname())])");
        try (Socket l = Socket.open(Family.UNIX, Type.STREAM); Socket first = Socket.open(Family.UNIX, Type.STREAM);
                Socket c = Socket.open(Family.UNIX, Type.STREAM)) {
            l.bind(SockAddr.unixUnnamed());
            l.listen(0);
            first.connect(l.getSockName());
            c.setTimeout(Duration.ofSeconds(5));
            WouldBlock e = assertThrows(WouldBlock.class, () -> c.connect(l.getSockName()));
            assertEquals(python, e.errnoName() + " " + io.jsock.internal.Errors.name(c.connectEx(l.getSockName())));
        }
    }

    @Test
    void connectExGivesTheErrnoOfARefusalInEveryModeAsCPython() throws Exception {
        String python = Python.output("import errno, socket\n"
                + "p = socket.socket()\np.bind(('127.0.0.1', 0))\naddr = p.getsockname()\np.close()\n"
                + "for t in (None, 0.5):\n"
                + "    c = socket.socket()\n    c.settimeout(t)\n"
                + "    print(errno.errorcode[c.connect_ex(addr)], end=' ')");
        SockAddr closed;
        try (Socket p = Socket.open(Family.INET, Type.STREAM)) {
            p.bind(SockAddr.inet("127.0.0.1", 0));
            closed = p.getSockName();
        }
        StringBuilder jsock = new StringBuilder();
        for (Duration t : Arrays.asList(null, Duration.ofMillis(500))) {
            try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                c.setTimeout(t);
                jsock.append(io.jsock.internal.Errors.name(c.connectEx(closed))).append(' ');
            }
            try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                c.setTimeout(t);
                ConnectError e = assertThrows(ConnectError.class, () -> c.connect(closed));
                assertEquals(Consts.get("ECONNREFUSED"), e.errno());
            }
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void connectWithATimeoutSucceedsWhenThePeerListens() throws IOException {
        try (Socket l = listening(Kind.INET6_STREAM); Socket c = Socket.open(Family.INET6, Type.STREAM)) {
            c.setTimeout(Duration.ofSeconds(20));
            c.connect(l.getSockName());
            assertEquals(l.getSockName(), c.getPeerName());
        }
    }

    /**
     * sendall's deadline covers the whole call, as CPython: a peer that reads a little, often,
     * lets every single send progress within the timeout, yet the call as a whole must end.
     */
    @Test
    void sendAllsDeadlineCoversTheWholeCall() throws Exception {
        int total = 8 * 1024 * 1024;
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.a().setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, 4096);
            p.b().setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 4096);
            AtomicBoolean slow = new AtomicBoolean(true);
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long got = 0;
                try {
                    for (;;) {
                        int n = p.b().recv(slow.get() ? 1024 : 65536).length;
                        if (n == 0) return got;
                        got += n;
                        if (slow.get()) Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            p.a().setTimeout(Duration.ofMillis(500));
            long start = System.nanoTime();
            SocketTimeout e = assertThrows(SocketTimeout.class, () -> p.a().sendAll(new byte[total]));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(400), "waited the timeout");
            assertEquals("sendall", e.call());
            assertTrue(e.bytesTransferred > 0 && e.bytesTransferred < total, "sent " + e.bytesTransferred);
            slow.set(false);
            p.a().shutdown(How.WRITE);
            assertEquals(e.bytesTransferred, (long) reader.get(20, TimeUnit.SECONDS),
                    "bytesTransferred is what the peer got");
        }
    }

    // ---- a sendAll that stops early says how far it got, and resuming from there loses nothing

    /** How the caller hands sendAll its bytes. */
    enum Form { BYTES, HEAP_BUFFER, DIRECT_BUFFER, DONTWAIT_FLAG }

    /** Sizes below and above {@link Socket#MAX_STAGED} (the heap path then goes in chunks). */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> sendAllCases() {
        java.util.List<org.junit.jupiter.params.provider.Arguments> cases = new java.util.ArrayList<>();
        for (Form f : Form.values()) {
            cases.add(org.junit.jupiter.params.provider.Arguments.of(f, 1 << 20));
            cases.add(org.junit.jupiter.params.provider.Arguments.of(f, 2 * Socket.MAX_STAGED + 12345));
        }
        return cases.stream();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> timeoutCases() {
        return sendAllCases().filter(a -> a.get()[0] != Form.DONTWAIT_FLAG);
    }

    /**
     * Non-blocking (or MSG_DONTWAIT): sendAll stops with WouldBlock when the buffer fills;
     * {@code bytesTransferred} counts the bytes that went, a ByteBuffer's position is exactly
     * that far past where it started, and resuming from there until all went delivers every
     * byte exactly once: the peer reads to the end and compares.
     */
    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("sendAllCases")
    void aNonBlockingSendAllThatStopsEarlyResumesWithoutLossOrRepeat(Form form, int total) throws Exception {
        byte[] data = pattern(total, 7);
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            if (form == Form.DONTWAIT_FLAG) assertTrue(p.a().getBlocking(), "the flag alone makes it non-blocking");
            else p.a().setBlocking(false);
            resumeUntilAllWent(p, form, data, WouldBlock.class);
        }
    }

    /** The same under a timeout: SocketTimeout's {@code bytesTransferred} and the buffer's position. */
    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("timeoutCases")
    void aSendAllThatTimesOutResumesWithoutLossOrRepeat(Form form, int total) throws Exception {
        byte[] data = pattern(total, 11);
        try (Pair p = connected(Kind.INET_STREAM)) {
            p.a().setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, 65536); // loopback TCP would take megabytes
            p.b().setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 65536);
            p.a().setTimeout(Duration.ofMillis(100));
            resumeUntilAllWent(p, form, data, SocketTimeout.class);
        }
    }

    private static void resumeUntilAllWent(Pair p, Form form, byte[] data, Class<? extends IOException> stop)
            throws Exception {
        int start = 3; // a buffer's position that is not 0: the position moves relative to it
        ByteBuffer buffer = null;
        if (form == Form.HEAP_BUFFER) buffer = ByteBuffer.allocate(start + data.length);
        if (form == Form.DIRECT_BUFFER) buffer = ByteBuffer.allocateDirect(start + data.length);
        if (buffer != null) buffer.position(start).put(data).position(start);
        int flags = form == Form.DONTWAIT_FLAG ? Sockets.MSG_DONTWAIT : 0;

        // Nobody reads yet: the first call must stop early.
        int sent = 0;
        int stops = 0;
        CompletableFuture<byte[]> reader = null;
        while (sent < data.length) {
            try {
                if (buffer == null) p.a().sendAll(data, sent, data.length - sent, flags);
                else p.a().sendAll(buffer, flags);
                if (buffer != null) assertEquals(buffer.limit(), buffer.position(), "all went: the position is at the limit");
                sent = data.length;
            } catch (IOException e) {
                if (!stop.isInstance(e)) throw e;
                int went = e instanceof WouldBlock w ? w.bytesTransferred : ((SocketTimeout) e).bytesTransferred;
                assertTrue(went >= 0 && went <= data.length - sent, "bytesTransferred " + went);
                if (stops == 0) assertTrue(went > 0, "the buffers took some of " + data.length + " bytes first");
                sent += went;
                stops++;
                if (buffer != null) assertEquals(start + sent, buffer.position(), "the position marks where to resume");
                if (reader == null) reader = readToEnd(p.b());
                else Thread.sleep(1);
            }
        }
        assertTrue(stops >= 1, "the call never stopped early, so nothing was tested");
        p.a().shutdown(How.WRITE);
        byte[] got = reader.get(30, TimeUnit.SECONDS);
        assertEquals(data.length, got.length, "every byte exactly once");
        assertTrue(Arrays.equals(data, got), "the bytes arrived in order, none lost or repeated");
    }

    private static CompletableFuture<byte[]> readToEnd(Socket s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.setTimeout(Duration.ofSeconds(30));
                return SocketFixtures.recvToEnd(s);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void sendAllWithATimeoutSendsEverythingToAPeerThatKeepsUp() throws Exception {
        byte[] data = pattern(3 * 1024 * 1024, 1);
        try (Pair p = connected(Kind.INET_STREAM)) {
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return SocketFixtures.recvExactly(p.b(), data.length);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            p.a().setTimeout(Duration.ofSeconds(30));
            p.a().sendAll(data);
            assertTrue(Arrays.equals(data, reader.get(30, TimeUnit.SECONDS)));
        }
    }

    /** EINTR inside a deadline is retried with the time left: neither an error nor an early end. */
    @Test
    void interruptedCallsAreRetriedWithinTheDeadline() throws Exception {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.b().setTimeout(Duration.ofMillis(400));
            Blocked<byte[]> recv = Blocked.start(() -> p.b().recv(8));
            long start = System.nanoTime();
            int signals = recv.pester(300);
            SocketTimeout e = assertThrows(SocketTimeout.class, recv::result);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(350),
                    "the deadline, not the first signal, ended the call");
            assertEquals("recv", e.call());
            assertTrue(signals > 0);

            p.b().setTimeout(Duration.ofSeconds(20));
            recv = Blocked.start(() -> p.b().recv(8));
            recv.pester(200);
            p.a().sendAll(new byte[] {7});
            assertArrayEquals(new byte[] {7}, recv.result());
        }
    }

    @Test
    void interruptedBlockingCallsAreRetried() throws Exception {
        try (Pair p = connected(Kind.INET_STREAM); Socket l = listening(Kind.INET_STREAM)) {
            Blocked<byte[]> recv = Blocked.start(() -> p.b().recv(8));
            recv.pester(200);
            p.a().sendAll(new byte[] {9});
            assertArrayEquals(new byte[] {9}, recv.result());

            Blocked<Socket> accept = Blocked.start(l::accept);
            accept.pester(200);
            try (Socket c = Socket.open(Family.INET, Type.STREAM)) {
                c.connect(l.getSockName());
                try (Socket a = accept.result()) {
                    assertEquals(c.getSockName(), a.getPeerName());
                }
            }
        }
    }

    // ---- helpers

    /** A call running in a thread of its own, which the test can interrupt with signals. */
    private static final class Blocked<T> {
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicInteger tid = new AtomicInteger();
        private final CountDownLatch started = new CountDownLatch(1);

        interface Call<T> {
            T call() throws IOException;
        }

        static <T> Blocked<T> start(Call<T> call) throws InterruptedException {
            Blocked<T> b = new Blocked<>();
            Thread t = new Thread(() -> {
                b.tid.set(ThreadSignals.currentTid());
                b.started.countDown();
                try {
                    b.result.complete(call.call());
                } catch (Throwable e) {
                    b.result.completeExceptionally(e);
                }
            }, "blocked call");
            t.setDaemon(true);
            t.start();
            b.started.await();
            return b;
        }

        /** Signals the thread every 10 ms for about {@code millis} (or until the call ends); returns how often. */
        int pester(long millis) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            int n = 0;
            while (System.nanoTime() < end && !result.isDone()) {
                ThreadSignals.interrupt(tid.get());
                n++;
                Thread.sleep(10);
            }
            return n;
        }

        T result() throws Exception {
            try {
                return result.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Exception x) throw x;
                throw e;
            }
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    private static void assertTimesOut(String call, Call c) {
        long start = System.nanoTime();
        SocketTimeout e = assertThrows(SocketTimeout.class, c::run);
        long waited = System.nanoTime() - start;
        assertTrue(waited >= SHORT_LOWER_BOUND_NANOS, call + " waited only " + waited / 1_000_000 + " ms");
        assertEquals(call, e.call());
        assertEquals(Consts.get("ETIMEDOUT"), e.errno());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    /** What a CPython program prints for the socket: gettimeout(), getblocking(), O_NONBLOCK. */
    private static void show(Socket s, StringBuilder out) {
        Duration t = s.getTimeout();
        String timeout = t == null ? "None" : Double.toString(t.toNanos() / 1e9);
        out.append(timeout).append(' ').append(s.getBlocking() ? "True" : "False").append(' ')
                .append(ProcFds.nonBlocking(s.fileno()) ? "True" : "False").append("; ");
    }

    /** accept, waiting first when the listener is non-blocking (as the CPython side selects). */
    private static Socket acceptWhenReady(Socket l) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return l.accept();
            } catch (WouldBlock e) {
                if (System.nanoTime() > end) throw e;
                Thread.onSpinWait();
            }
        }
    }
}
