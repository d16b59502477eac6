package io.jsock;

import static io.jsock.SocketFixtures.connected;
import static io.jsock.SocketFixtures.recvExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import io.jsock.internal.Consts;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** MSG_ flags pass through every recv and send form to the kernel, with their effects. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MsgFlagsTest {
    private static final int EAGAIN = Consts.get("EAGAIN");
    private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void peekLeavesTheDataInPlace(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.a().sendAll(TEN);
            if (kind.type == Type.STREAM) awaitReadable(p.b(), TEN.length);
            assertArrayEquals(TEN, p.b().recv(TEN.length, Sockets.MSG_PEEK));
            byte[] into = new byte[TEN.length];
            assertEquals(TEN.length, p.b().recvInto(into, 0, TEN.length, Sockets.MSG_PEEK));
            assertArrayEquals(TEN, into);
            ByteBuffer direct = ByteBuffer.allocateDirect(TEN.length);
            assertEquals(TEN.length, p.b().recvInto(direct, Sockets.MSG_PEEK));
            assertEquals(ByteBuffer.wrap(TEN), direct.flip());
            Datagram d = p.b().recvFrom(TEN.length, Sockets.MSG_PEEK);
            assertArrayEquals(TEN, d.data());
            if (kind.type == Type.DGRAM) assertEquals(p.a().getSockName(), d.address());
            ByteBuffer heap = ByteBuffer.allocate(TEN.length);
            p.b().recvFromInto(heap, Sockets.MSG_PEEK);
            assertArrayEquals(TEN, heap.array());
            assertArrayEquals(TEN, kind.type == Type.STREAM ? recvExactly(p.b(), TEN.length) : p.b().recv(64),
                    "still there after every peek");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dontwaitOnABlockingSocketNeverWaits(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            assertBlocks(() -> p.b().recv(8, Sockets.MSG_DONTWAIT));
            assertBlocks(() -> p.b().recvInto(new byte[8], 0, 8, Sockets.MSG_DONTWAIT));
            assertBlocks(() -> p.b().recvInto(ByteBuffer.allocateDirect(8), Sockets.MSG_DONTWAIT));
            assertBlocks(() -> p.b().recvFrom(8, Sockets.MSG_DONTWAIT));
            assertBlocks(() -> p.b().recvFromInto(ByteBuffer.allocate(8), Sockets.MSG_DONTWAIT));
            assertTrue(p.b().getBlocking(), "the flag changes one call, not the socket");
            p.a().sendAll(TEN);
            if (kind.type == Type.STREAM) awaitReadable(p.b(), TEN.length);
            assertArrayEquals(TEN, p.b().recv(64, Sockets.MSG_DONTWAIT));
        }
    }

    @Test
    void dontwaitOnSendStopsWhenTheBufferIsFull() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            byte[] chunk = new byte[65536];
            long sent = 0;
            WouldBlock full = null;
            for (int i = 0; i < 10_000 && full == null; i++) {
                try {
                    sent += p.a().send(chunk, 0, chunk.length, Sockets.MSG_DONTWAIT);
                } catch (WouldBlock e) {
                    full = e;
                }
            }
            assertTrue(full != null, "a send with MSG_DONTWAIT never filled the buffer (" + sent + " bytes)");
            assertEquals(EAGAIN, full.errno());
            assertEquals("send", full.call());
            assertTrue(sent > 0);
        }
    }

    /**
     * MSG_DONTWAIT never waits, even on a socket with a timeout. CPython polls before the call
     * in timeout mode, so there the flag waits for the timeout; jsock takes the flag at its word.
     */
    @Test
    void dontwaitInTimeoutModeDoesNotWaitForTheTimeout() throws Exception {
        String python = Python.output("import socket\n"
                + "a, b = socket.socketpair()\nb.settimeout(0.05)\n"
                + "try:\n    b.recv(8, socket.MSG_DONTWAIT)\nexcept TimeoutError:\n    print('timeout')\n");
        assertEquals("timeout", python, "CPython's behaviour, which jsock deliberately does not share");
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.b().setTimeout(Duration.ofSeconds(20));
            WouldBlock e = assertThrows(WouldBlock.class, () -> p.b().recv(8, Sockets.MSG_DONTWAIT));
            assertEquals(EAGAIN, e.errno());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#datagrams")
    void truncOnADatagramGivesItsRealLengthAsCPython(Kind kind) throws Exception {
        String python = Python.output("import socket\n"
                + "a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
                + "a.send(b'0123456789')\nbuf = bytearray(4)\n"
                + "print(b.recv_into(buf, 0, socket.MSG_TRUNC), bytes(buf))");
        assertEquals("10 b'0123'", python);
        try (Pair p = connected(kind)) {
            p.a().send(TEN);
            byte[] into = new byte[4];
            assertEquals(10, p.b().recvInto(into, 0, 4, Sockets.MSG_TRUNC));
            assertArrayEquals(Arrays.copyOf(TEN, 4), into);

            p.a().send(TEN);
            ByteBuffer direct = ByteBuffer.allocateDirect(4);
            assertEquals(10, p.b().recvInto(direct, Sockets.MSG_TRUNC));
            assertEquals(4, direct.position(), "the position moves past what fitted");

            p.a().send(TEN);
            ByteBuffer heap = ByteBuffer.allocate(4);
            assertEquals(p.a().getSockName(), p.b().recvFromInto(heap, Sockets.MSG_TRUNC));
            assertEquals(4, heap.position());

            // recv returns what fitted only (CPython returns the full length of uninitialised memory).
            p.a().send(TEN);
            assertArrayEquals(Arrays.copyOf(TEN, 4), p.b().recv(4, Sockets.MSG_TRUNC));
            p.a().send(TEN);
            assertArrayEquals(Arrays.copyOf(TEN, 4), p.b().recvFrom(4, Sockets.MSG_TRUNC).data());

            // The length of the next datagram, which stays queued.
            p.a().send(TEN);
            assertEquals(10, p.b().recvInto(new byte[0], 0, 0, Sockets.MSG_PEEK | Sockets.MSG_TRUNC));
            assertArrayEquals(TEN, p.b().recv(64));
        }
    }

    /**
     * On TCP, MSG_TRUNC discards bytes without writing them anywhere: the caller's memory stays
     * as it was (CPython's recv_into leaves its bytearray alone), and nothing another transfer
     * left in jsock's per-thread scratch memory shows through.
     */
    @Test
    void truncOnTcpDiscardsWithoutWritingAsInCPython() throws Exception {
        assertEquals("3 bytearray(b'......') b'def'", Python.output("import socket, time\n"
                + "l = socket.socket()\nl.bind(('127.0.0.1', 0))\nl.listen()\n"
                + "c = socket.create_connection(l.getsockname())\ns, _ = l.accept()\n"
                + "c.send(b'abcdef')\ntime.sleep(0.1)\nbuf = bytearray(b'......')\n"
                + "print(s.recv_into(buf, 3, socket.MSG_TRUNC), buf, s.recv(10))"));
        byte[] secret = "secret".getBytes(StandardCharsets.US_ASCII);
        try (Pair p = connected(Kind.INET_STREAM); Pair other = connected(Kind.UNIX_STREAM)) {
            for (int round = 0; round < 4; round++) {
                other.a().sendAll(secret); // through this thread's scratch memory
                assertArrayEquals(secret, recvExactly(other.b(), secret.length));
                p.a().sendAll(TEN, 0, 6);
                awaitReadable(p.b(), 6);
                byte[] dots = "......".getBytes(StandardCharsets.US_ASCII);
                switch (round) {
                    case 0:
                        assertEquals(3, p.b().recvInto(dots, 0, 3, Sockets.MSG_TRUNC));
                        assertArrayEquals("......".getBytes(StandardCharsets.US_ASCII), dots);
                        break;
                    case 1:
                        ByteBuffer heap = ByteBuffer.wrap(dots);
                        assertEquals(3, p.b().recvInto(heap.limit(3), Sockets.MSG_TRUNC));
                        assertArrayEquals("......".getBytes(StandardCharsets.US_ASCII), dots);
                        break;
                    case 2:
                        ByteBuffer from = ByteBuffer.wrap(dots);
                        p.b().recvFromInto(from.limit(3), Sockets.MSG_TRUNC);
                        assertArrayEquals("......".getBytes(StandardCharsets.US_ASCII), dots);
                        break;
                    default:
                        assertArrayEquals(new byte[3], p.b().recv(3, Sockets.MSG_TRUNC), "nothing was written");
                        break;
                }
                assertArrayEquals(Arrays.copyOfRange(TEN, 3, 6), recvExactly(p.b(), 3), "three were discarded");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#datagrams")
    void withoutTruncTheRestOfADatagramIsDiscarded(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.a().send(TEN);
            p.a().send(new byte[] {42});
            assertEquals(4, p.b().recvInto(new byte[4], 0, 4));
            assertArrayEquals(new byte[] {42}, p.b().recv(64));
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#streams")
    void waitallWaitsForTheWholeLengthOnABlockingSocket(Kind kind) throws Exception {
        try (Pair p = connected(kind)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    p.a().sendAll(TEN, 0, 3);
                    Thread.sleep(150);
                    p.a().sendAll(TEN, 3, 7);
                } catch (IOException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            assertArrayEquals(TEN, p.b().recv(10, Sockets.MSG_WAITALL));
            writer.get(10, TimeUnit.SECONDS);

            writer = CompletableFuture.runAsync(() -> {
                try {
                    p.a().sendAll(TEN, 0, 4);
                    Thread.sleep(150);
                    p.a().sendAll(TEN, 4, 6);
                } catch (IOException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            ByteBuffer into = ByteBuffer.allocateDirect(10);
            assertEquals(10, p.b().recvInto(into, Sockets.MSG_WAITALL));
            writer.get(10, TimeUnit.SECONDS);
            assertEquals(ByteBuffer.wrap(TEN), into.flip());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#streams")
    void nosignalGivenOrNotASendToAClosedPeerIsEPIPE(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.b().close();
            SocketError e = assertThrows(SocketError.class, () -> {
                for (int i = 0; i < 100; i++) p.a().send(TEN, 0, TEN.length, Sockets.MSG_NOSIGNAL);
            });
            // TCP may first answer with a reset (ECONNRESET); after it, and on AF_UNIX at once, EPIPE.
            if (e.errno() != Consts.get("EPIPE")) {
                assertEquals(Consts.get("ECONNRESET"), e.errno(), e.getMessage());
                e = assertThrows(SocketError.class, () -> p.a().send(TEN));
            }
            assertEquals(Consts.get("EPIPE"), e.errno());
            assertEquals("EPIPE", e.errnoName());
        }
    }

    @Test
    void moreJoinsUdpSendsIntoOneDatagram() throws Exception {
        assertEquals("b'abcd'", Python.output("import socket\n"
                + "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nu.bind(('127.0.0.1', 0))\n"
                + "v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nv.connect(u.getsockname())\n"
                + "v.send(b'ab', socket.MSG_MORE)\nv.send(b'cd')\nprint(u.recv(10))"));
        try (Pair p = connected(Kind.INET_DGRAM)) {
            p.a().send(new byte[] {'a', 'b'}, 0, 2, Sockets.MSG_MORE);
            p.a().send(ByteBuffer.wrap(new byte[] {'c'}), Sockets.MSG_MORE);
            p.a().send(new byte[] {'d'});
            assertArrayEquals(new byte[] {'a', 'b', 'c', 'd'}, p.b().recv(64));
        }
    }

    @Test
    void moreOnTcpHoldsNothingBack() throws IOException {
        try (Pair p = connected(Kind.INET_STREAM)) {
            p.a().sendAll(TEN, 0, 5, Sockets.MSG_MORE);
            p.a().sendAll(TEN, 5, 5);
            assertArrayEquals(TEN, recvExactly(p.b(), 10));
        }
    }

    @Test
    void oobCarriesTheUrgentByte() throws IOException {
        try (Pair p = connected(Kind.INET_STREAM)) {
            p.a().sendAll(TEN, 0, 3);
            assertEquals(1, p.a().send(new byte[] {'!'}, 0, 1, Sockets.MSG_OOB));
            assertArrayEquals(Arrays.copyOf(TEN, 3), recvExactly(p.b(), 3));
            awaitUrgent(p.b());
            assertArrayEquals(new byte[] {'!'}, p.b().recv(1, Sockets.MSG_OOB));
        }
    }

    @Test
    void errqueueOfAnEmptyQueueWouldBlockEvenOnABlockingSocket() throws IOException {
        try (Pair p = connected(Kind.INET_DGRAM)) {
            WouldBlock e = assertThrows(WouldBlock.class, () -> p.b().recv(64, Sockets.MSG_ERRQUEUE));
            assertEquals(EAGAIN, e.errno());
        }
    }

    @Test
    void flagsReachSendTo() throws IOException {
        try (Socket a = Socket.open(Family.INET, Type.DGRAM); Socket b = Socket.open(Family.INET, Type.DGRAM)) {
            b.bind(SockAddr.inet("127.0.0.1", 0));
            a.sendTo(new byte[] {'x'}, 0, 1, Sockets.MSG_MORE, b.getSockName());
            a.sendTo(ByteBuffer.wrap(new byte[] {'y'}), 0, b.getSockName());
            assertArrayEquals(new byte[] {'x', 'y'}, b.recv(64));
        }
    }

    // ---- helpers

    private interface Call {
        void run() throws IOException;
    }

    private static void assertBlocks(Call call) {
        WouldBlock e = assertThrows(WouldBlock.class, call::run);
        assertEquals(EAGAIN, e.errno());
        assertEquals("EAGAIN", e.errnoName());
    }

    /** Waits (generously) until n bytes are queued for reading, so a single call sees them all. */
    private static void awaitReadable(Socket s, int n) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.ioctl(Sockets.FIONREAD, 0) < n) {
            if (System.nanoTime() > end) throw new AssertionError("the data did not arrive");
            Thread.onSpinWait();
        }
    }

    /** Waits until the urgent byte has arrived (SIOCATMARK: the read position is at the mark). */
    private static void awaitUrgent(Socket s) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.ioctl(Consts.get("SIOCATMARK"), 0) == 0) {
            if (System.nanoTime() > end) throw new AssertionError("the urgent byte did not arrive");
            Thread.onSpinWait();
        }
    }
}
