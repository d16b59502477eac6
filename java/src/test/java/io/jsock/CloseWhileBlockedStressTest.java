package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing a socket while another thread is blocked on it, many times over, for every call that
 * blocks and every family that has it, in blocking and in timeout mode. Each round:
 * <ol>
 *   <li>a thread blocks in the call (the test waits until the kernel shows it asleep; one round
 *       in eight closes at once instead, racing the call's start);</li>
 *   <li>the test thread closes the socket and at once opens new sockets, until one of them gets
 *       the closed socket's fd number (or the woken call has ended and the number still is not
 *       free), and puts data, a pending connection or datagrams in each;</li>
 *   <li>the blocked call must end within {@value #BOUND_SECONDS} s with SocketClosedException,
 *       and every new socket must still hold exactly what was put in it: the woken call never
 *       touched a socket opened after the close, even under the same fd number.</li>
 * </ol>
 */
class CloseWhileBlockedStressTest {
    /** Rounds per case; {@code -Djsock.stress.rounds} changes it. */
    static final int ROUNDS = Integer.getInteger("jsock.stress.rounds", 300);
    static final long BOUND_SECONDS = 10;
    /** "Timeout mode with a long timeout": a deadline no round comes near. */
    static final Duration LONG_TIMEOUT = Duration.ofMinutes(10);
    /** New socket sets opened while the woken call runs, before the test waits for it to end. */
    static final int MAX_OPENS_WHILE_HELD = 16;
    /** The test thread's pause while it waits on the other: leaves the CPU to it on a busy machine. */
    private static final long PAUSE_NANOS = 20_000;

    private static ExecutorService blocker;
    /** The blocked thread's id in the kernel, to read its state from /proc. */
    private static String blockerTid;
    private static volatile boolean entering;

    enum Call { ACCEPT, RECV, RECV_FROM, SEND, CONNECT }

    @BeforeAll
    static void startBlockedThread() throws Exception {
        blocker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "blocked-call");
            t.setDaemon(true);
            return t;
        });
        blockerTid = blocker.submit(() -> Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString()).get();
    }

    @AfterAll
    static void stopBlockedThread() {
        blocker.shutdownNow();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : Call.values()) {
            for (Family family : List.of(Family.UNIX, Family.INET, Family.INET6)) {
                for (boolean blocking : new boolean[] {true, false}) {
                    // A non-blocking AF_UNIX connect to a full listener never waits: EAGAIN at once.
                    if (call == Call.CONNECT && family == Family.UNIX && !blocking) continue;
                    cases.add(Arguments.of(call, family, blocking ? "blocking" : "timeout"));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void closeWakesTheBlockedCallAndNothingLater(Call call, Family family, String mode) throws Exception {
        boolean blocking = mode.equals("blocking");
        int asleep = 0;
        int early = 0;
        int reused = 0;
        int whileHeld = 0; // rounds where new sockets were opened while the woken call still held the fd
        try (Lab lab = new Lab(family)) {
            for (int round = 0; round < ROUNDS; round++) {
                Victim v = lab.victim(call);
                List<Fresh> fresh = new ArrayList<>();
                try {
                    v.socket.setTimeout(blocking ? null : LONG_TIMEOUT);
                    int fd = v.socket.fileno();
                    entering = false;
                    Future<Object> blocked = blocker.submit(() -> {
                        entering = true;
                        return v.call.call();
                    });
                    while (!entering) LockSupport.parkNanos(PAUSE_NANOS);
                    boolean closeAtOnce = round % 8 == 7;
                    if (closeAtOnce) early++;
                    else if (awaitAsleep()) asleep++;

                    v.socket.close();
                    for (;;) {
                        boolean ended = blocked.isDone(); // its fd is free once it has ended: one more try then
                        Fresh f = lab.fresh(call);
                        fresh.add(f);
                        if (f.fds.contains(fd)) {
                            reused++;
                            break;
                        }
                        if (ended) break;
                        if (fresh.size() < MAX_OPENS_WHILE_HELD) LockSupport.parkNanos(PAUSE_NANOS);
                        else awaitEnd(blocked);
                    }
                    if (fresh.size() > 1) whileHeld++;

                    Throwable outcome = outcome(blocked, call, family, mode, round);
                    if (!(outcome instanceof SocketClosedException)) {
                        fail(call + " " + family + " " + mode + ", round " + round + ": the call closed under it ended with "
                                + (outcome == null ? "no exception" : outcome.toString()) + ", not SocketClosedException",
                                outcome);
                    }
                    for (Fresh f : fresh) f.verifyUntouched();
                } finally {
                    for (Fresh f : fresh) f.close();
                    v.close();
                }
            }
        }
        System.out.printf("CloseWhileBlockedStressTest: %-9s %-6s %-8s %d rounds: %d closed with the thread asleep in the"
                + " call, %d closed at once; the fd number was reused in %d, after new sockets had been opened while the woken"
                + " call still held it in %d%n", call, family, mode, ROUNDS, asleep, early, reused, whileHeld);
        assertTrue(asleep >= (ROUNDS - early) / 2,
                "only " + asleep + " of " + (ROUNDS - early) + " rounds saw the thread asleep in the call before the close");
        assertTrue(reused >= ROUNDS / 2, "the closed socket's fd number was reused in only " + reused + " of " + ROUNDS
                + " rounds: the rounds prove little about calls touching a later socket");
    }

    /** How the blocked call ended: its exception, or null if it returned. Fails if it does not end in time. */
    private static Throwable outcome(Future<Object> blocked, Call call, Family family, String mode, int round)
            throws InterruptedException, IOException {
        try {
            Object result = blocked.get(BOUND_SECONDS, TimeUnit.SECONDS);
            if (result instanceof Socket s) s.close(); // an accept that wrongly succeeded
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            fail(call + " " + family + " " + mode + ", round " + round + ": the call was still blocked "
                    + BOUND_SECONDS + " s after its socket was closed");
            return null;
        }
    }

    /** Waits (within the bound) for the woken call to end; how it ended is judged later. */
    private static void awaitEnd(Future<Object> blocked) throws InterruptedException {
        try {
            blocked.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException judgedLater) {
            // outcome() reports it
        }
    }

    /**
     * Waits until the blocked thread sleeps in the kernel (state S in /proc), at most a second.
     * Returns false if it was not seen asleep (the close then races the call's start).
     */
    private static boolean awaitAsleep() throws IOException {
        Path stat = Path.of("/proc/self/task", blockerTid, "stat");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < end) {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2); // "tid (name) S ..."
            if (state == 'S') return true;
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return false;
    }

    // ---------------------------------------------------------------- the sockets of a case

    /** The socket to close, the call that blocks on it, and the sockets that serve it. */
    private record Victim(Socket socket, Callable<Object> call, List<Socket> others) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket each : others) each.close();
        }
    }

    /** Sockets opened after the close, what was put in them, and how to check it is all still there. */
    private static final class Fresh implements AutoCloseable {
        final List<Socket> sockets = new ArrayList<>();
        final List<Integer> fds = new ArrayList<>();
        final List<Runnable> checks = new ArrayList<>();

        Socket add(Socket s) {
            sockets.add(s);
            fds.add(s.fileno());
            return s;
        }

        void verifyUntouched() {
            checks.forEach(Runnable::run);
        }

        @Override
        public void close() throws IOException {
            for (Socket each : sockets) each.close();
        }
    }

    /** One case's lasting sockets: a listener for new connections, and for connect a listener that is full. */
    private static final class Lab implements AutoCloseable {
        final Family family;
        final List<Socket> owned = new ArrayList<>();
        Socket listener;
        Socket full;

        Lab(Family family) throws IOException {
            this.family = family;
            if (family != Family.UNIX) {
                listener = own(Socket.open(family, Type.STREAM));
                listener.set(SockOpt.SO_RCVBUF, 4096); // inherited by accepted sockets: send fills it soon
                listener.bind(loopback());
                listener.listen(128);
            }
            // Backlog 0 takes one connection; with it queued, further connects wait.
            full = own(Socket.open(family, Type.STREAM));
            full.bind(loopback());
            full.listen(0);
            own(Socket.open(family, Type.STREAM)).connect(full.getSockName());
        }

        private Socket own(Socket s) {
            owned.add(s);
            return s;
        }

        /** Any free address of the family: port 0 on loopback, or an autobound abstract name. */
        SockAddr loopback() {
            if (family == Family.INET) return SockAddr.inet("127.0.0.1", 0);
            if (family == Family.INET6) return SockAddr.inet6("::1", 0);
            return SockAddr.unixUnnamed();
        }

        Victim victim(Call call) throws IOException {
            switch (call) {
                case ACCEPT: {
                    Socket s = Socket.open(family, Type.STREAM);
                    s.bind(loopback());
                    s.listen();
                    return new Victim(s, s::accept, List.of());
                }
                case RECV: {
                    Socket[] p = connectedPair(false);
                    return new Victim(p[0], () -> p[0].recv(64), List.of(p[1]));
                }
                case RECV_FROM: {
                    Socket s = Socket.open(family, Type.DGRAM);
                    s.bind(loopback());
                    return new Victim(s, () -> s.recvFrom(64), List.of());
                }
                case SEND: {
                    Socket[] p = connectedPair(true);
                    Socket s = p[0];
                    byte[] chunk = new byte[64 * 1024];
                    s.setBlocking(false);
                    try {
                        for (;;) s.send(chunk);
                    } catch (WouldBlock full) {
                        // the peer reads nothing: the next send blocks
                    }
                    // Sends until one blocks: space the peer's ACKs free is taken, not mistaken for the end.
                    return new Victim(s, () -> {
                        for (;;) s.send(chunk);
                    }, List.of(p[1]));
                }
                default: {
                    Socket s = Socket.open(family, Type.STREAM);
                    SockAddr target = full.getSockName();
                    return new Victim(s, () -> {
                        s.connect(target);
                        return null;
                    }, List.of());
                }
            }
        }

        /** Two connected stream sockets; the first is opened first (so it takes the lowest free fd). */
        Socket[] connectedPair(boolean smallSendBuffer) throws IOException {
            if (family == Family.UNIX) {
                Socket[] p = Socket.pair(Family.UNIX, Type.STREAM);
                if (smallSendBuffer) p[0].set(SockOpt.SO_SNDBUF, 4096);
                return p;
            }
            Socket a = Socket.open(family, Type.STREAM);
            try {
                if (smallSendBuffer) a.set(SockOpt.SO_SNDBUF, 4096);
                a.connect(listener.getSockName());
                return new Socket[] {a, listener.accept()};
            } catch (IOException | RuntimeException e) {
                a.close();
                throw e;
            }
        }

        /** New sockets holding what the woken call, had it run on them, would have taken or changed. */
        Fresh fresh(Call call) throws IOException {
            Fresh f = new Fresh();
            try {
                switch (call) {
                    case ACCEPT: freshListener(f); break;
                    case RECV_FROM: freshDatagrams(f); break;
                    default: freshStreams(f);
                }
            } catch (IOException | RuntimeException e) {
                f.close();
                throw e;
            }
            return f;
        }

        /** A listener with a connection queued: it must still be there to accept. */
        private void freshListener(Fresh f) throws IOException {
            Socket l = f.add(Socket.open(family, Type.STREAM));
            l.bind(loopback());
            l.listen(4);
            Socket c = f.add(Socket.open(family, Type.STREAM));
            c.connect(l.getSockName());
            SockAddr client = c.getSockName();
            f.checks.add(() -> {
                try {
                    l.setBlocking(false);
                    try (Socket a = l.accept()) {
                        assertEquals(client, a.getPeerName(), "the queued connection");
                    }
                    assertThrows(WouldBlock.class, l::accept, "no other connection came to the new listener");
                } catch (WouldBlock gone) {
                    fail("the connection queued on a listener opened after the close is gone", gone);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }

        /** Two connected sockets with bytes waiting in each: each must read exactly its bytes. */
        private void freshStreams(Fresh f) throws IOException {
            Socket[] p = connectedPair(false);
            f.add(p[0]);
            f.add(p[1]);
            SockAddr peer = p[0].getPeerName();
            byte[] toFirst = SocketFixtures.randomBytes(1000);
            byte[] toSecond = SocketFixtures.randomBytes(1000);
            p[1].sendAll(toFirst);
            p[0].sendAll(toSecond);
            f.checks.add(() -> {
                try {
                    assertEquals(peer, p[0].getPeerName(), "a socket opened after the close is connected where it was");
                    assertArrayEquals(toFirst, readExactly(p[0], toFirst.length), "bytes waiting in a socket opened after the close");
                    assertArrayEquals(toSecond, readExactly(p[1], toSecond.length), "bytes waiting in a socket opened after the close");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }

        /** Two bound datagram sockets with datagrams waiting in each: each must receive exactly those. */
        private void freshDatagrams(Fresh f) throws IOException {
            Socket x = f.add(Socket.open(family, Type.DGRAM));
            Socket z = f.add(Socket.open(family, Type.DGRAM));
            x.bind(loopback());
            z.bind(loopback());
            List<byte[]> toX = List.of(SocketFixtures.randomBytes(10), SocketFixtures.randomBytes(100), SocketFixtures.randomBytes(1));
            List<byte[]> toZ = List.of(SocketFixtures.randomBytes(20), SocketFixtures.randomBytes(200));
            for (byte[] d : toX) z.sendTo(d, x.getSockName());
            for (byte[] d : toZ) x.sendTo(d, z.getSockName());
            SockAddr xName = x.getSockName();
            SockAddr zName = z.getSockName();
            f.checks.add(() -> {
                try {
                    expectDatagrams(x, toX, zName);
                    expectDatagrams(z, toZ, xName);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }

        @Override
        public void close() throws IOException {
            for (Socket each : owned) each.close();
        }
    }

    /** Reads n bytes (waiting at most the bound for them), then finds nothing more. */
    static byte[] readExactly(Socket s, int n) throws IOException {
        s.setTimeout(Duration.ofSeconds(BOUND_SECONDS));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < n) {
            byte[] b;
            try {
                b = s.recv(n - got.size());
            } catch (SocketTimeout t) {
                throw new AssertionError("only " + got.size() + " of the " + n + " bytes waiting in a socket opened after"
                        + " the close are there", t);
            }
            if (b.length == 0) fail("end of stream after " + got.size() + " of " + n + " bytes");
            got.writeBytes(b);
        }
        s.setBlocking(false);
        assertThrows(WouldBlock.class, () -> s.recv(1), "bytes that no one sent arrived in a socket opened after the close");
        return got.toByteArray();
    }

    static void expectDatagrams(Socket s, List<byte[]> expected, SockAddr from) throws IOException {
        s.setTimeout(Duration.ofSeconds(BOUND_SECONDS));
        for (byte[] d : expected) {
            Datagram got;
            try {
                got = s.recvFrom(1024);
            } catch (SocketTimeout t) {
                throw new AssertionError("a datagram waiting in a socket opened after the close is gone", t);
            }
            assertArrayEquals(d, got.data(), "datagram waiting in a socket opened after the close");
            assertEquals(from, got.address());
        }
        s.setBlocking(false);
        assertThrows(WouldBlock.class, () -> s.recvFrom(1024), "a datagram no one sent arrived");
    }

}
