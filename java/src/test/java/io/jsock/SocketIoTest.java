package io.jsock;

import static io.jsock.SocketFixtures.concat;
import static io.jsock.SocketFixtures.connected;
import static io.jsock.SocketFixtures.pattern;
import static io.jsock.SocketFixtures.recvExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data through every recv and send form, on every kind: byte[] with offset and length, heap
 * and direct ByteBuffers (and slices of them) with position and limit. Only the given range
 * moves, the rest of the caller's memory is untouched, and positions advance as documented.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketIoTest {
    private static final int N = 40;
    private static final int POS = 7;
    private static final int CAPACITY = 64;
    private static final byte SENTINEL = 0x55;
    private static final byte JUNK = (byte) 0xEE;

    /** How a ByteBuffer is made: its backing memory, and where the view starts in it. */
    enum Shape {
        HEAP, HEAP_SLICE, HEAP_WRAPPED_AT_OFFSET, DIRECT, DIRECT_SLICE;

        Shaped make() {
            switch (this) {
                case HEAP: return Shaped.of(ByteBuffer.allocate(CAPACITY), 0, false);
                case HEAP_SLICE: return Shaped.of(ByteBuffer.allocate(CAPACITY + 11), 11, true);
                case HEAP_WRAPPED_AT_OFFSET: {
                    // wrap(array, offset, length): arrayOffset 0 but position 9 to start with
                    ByteBuffer parent = ByteBuffer.wrap(new byte[CAPACITY]);
                    fill(parent, SENTINEL);
                    ByteBuffer view = ByteBuffer.wrap(parent.array(), 9, CAPACITY - 9);
                    return new Shaped(parent, view, 0);
                }
                case DIRECT: return Shaped.of(ByteBuffer.allocateDirect(CAPACITY), 0, false);
                default: return Shaped.of(ByteBuffer.allocateDirect(CAPACITY + 11), 11, true);
            }
        }
    }

    /** A view buffer over a parent; view index i is parent index base + i. */
    record Shaped(ByteBuffer parent, ByteBuffer view, int base) {
        static Shaped of(ByteBuffer parent, int base, boolean slice) {
            fill(parent, SENTINEL);
            ByteBuffer view = slice ? parent.position(base).slice() : parent;
            return new Shaped(parent, view, base);
        }

        /** The parent's bytes: the expected data at view positions [from, from+data.length), SENTINEL elsewhere. */
        void assertHolds(int from, byte[] data) {
            byte[] expected = new byte[parent.capacity()];
            Arrays.fill(expected, SENTINEL);
            System.arraycopy(data, 0, expected, base + from, data.length);
            byte[] actual = new byte[parent.capacity()];
            parent.duplicate().clear().get(actual);
            assertArrayEquals(expected, actual);
        }
    }

    static Stream<Arguments> kindsAndShapes() {
        return SocketFixtures.kinds().flatMap(k -> Arrays.stream(Shape.values()).map(s -> Arguments.of(k, s)));
    }

    static Stream<Arguments> datagramsAndShapes() {
        return SocketFixtures.datagrams().flatMap(k -> Arrays.stream(Shape.values()).map(s -> Arguments.of(k, s)));
    }

    // ---------------------------------------------------------------- sending

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sendOfAnArrayRangeSendsJustThatRange(Kind kind) throws IOException {
        byte[] data = pattern(N, 1);
        byte[] framed = framed(data, 13);
        try (Pair p = connected(kind)) {
            assertEquals(N, p.a().send(framed, 13, N));
            assertArrayEquals(data, receive(kind, p.b(), N));
            assertEquals(N, p.a().send(framed, 13, N, 0));
            assertArrayEquals(data, receive(kind, p.b(), N));
            p.a().sendAll(framed, 13, N);
            assertArrayEquals(data, receive(kind, p.b(), N));
            p.a().sendAll(framed, 13, N, 0);
            assertArrayEquals(data, receive(kind, p.b(), N));
            assertEquals(framed.length, p.a().send(framed));
            assertArrayEquals(framed, receive(kind, p.b(), framed.length));
            p.a().sendAll(data);
            assertArrayEquals(data, receive(kind, p.b(), N));
        }
    }

    @ParameterizedTest
    @MethodSource("kindsAndShapes")
    void sendOfABufferSendsFromPositionToLimitAndMovesThePosition(Kind kind, Shape shape) throws IOException {
        byte[] data = pattern(N, 2);
        try (Pair p = connected(kind)) {
            ByteBuffer b = loaded(shape, data);
            int start = b.position();
            assertEquals(N, p.a().send(b));
            assertEquals(start + N, b.position());
            assertEquals(start + N, b.limit(), "the limit is left alone");
            assertArrayEquals(data, receive(kind, p.b(), N));

            b = loaded(shape, data);
            p.a().sendAll(b);
            assertEquals(b.limit(), b.position());
            assertArrayEquals(data, receive(kind, p.b(), N));

            ByteBuffer readOnly = loaded(shape, data).asReadOnlyBuffer();
            assertEquals(N, p.a().send(readOnly, 0));
            assertEquals(readOnly.limit(), readOnly.position());
            assertArrayEquals(data, receive(kind, p.b(), N));
        }
    }

    @ParameterizedTest
    @MethodSource("datagramsAndShapes")
    void sendToFromABufferAndAnArrayRange(Kind kind, Shape shape) throws IOException {
        byte[] data = pattern(N, 3);
        try (Socket sender = kind.open(); Socket receiver = kind.open()) {
            sender.bind(kind.wildcard());
            receiver.bind(kind.wildcard());
            SockAddr to = receiver.getSockName();

            ByteBuffer b = loaded(shape, data);
            int start = b.position();
            assertEquals(N, sender.sendTo(b, to));
            assertEquals(start + N, b.position());
            Datagram d = receiver.recvFrom(CAPACITY);
            assertArrayEquals(data, d.data());
            assertEquals(sender.getSockName(), d.address());

            assertEquals(N, sender.sendTo(loaded(shape, data), 0, to));
            assertArrayEquals(data, receiver.recv(CAPACITY));

            assertEquals(N, sender.sendTo(framed(data, 5), 5, N, 0, to));
            assertArrayEquals(data, receiver.recv(CAPACITY));
            assertEquals(N, sender.sendTo(data, to));
            assertArrayEquals(data, receiver.recv(CAPACITY));
        }
    }

    // ---------------------------------------------------------------- receiving

    @ParameterizedTest
    @MethodSource("kindsAndShapes")
    void recvIntoABufferFillsFromPositionToLimitOnly(Kind kind, Shape shape) throws IOException {
        byte[] data = pattern(N, 4);
        try (Pair p = connected(kind)) {
            p.a().sendAll(data);
            Shaped s = shape.make();
            ByteBuffer view = s.view();
            int start = view.position() + POS;
            view.position(start).limit(start + N);
            int got = 0;
            do {
                int n = p.b().recvInto(view);
                assertTrue(n > 0, "received " + n);
                got += n;
                assertEquals(start + got, view.position());
            } while (kind.type == Type.STREAM && view.hasRemaining());
            assertEquals(N, got);
            assertEquals(start + N, view.limit());
            s.assertHolds(start, data);
        }
    }

    @ParameterizedTest
    @MethodSource("kindsAndShapes")
    void recvFromIntoABufferFillsFromPositionToLimitAndGivesTheSender(Kind kind, Shape shape) throws IOException {
        byte[] data = pattern(N, 5);
        try (Pair p = connected(kind)) {
            p.a().sendAll(data);
            Shaped s = shape.make();
            ByteBuffer view = s.view();
            int start = view.position() + POS;
            view.position(start).limit(start + N);
            SockAddr from;
            do {
                from = p.b().recvFromInto(view, 0);
            } while (kind.type == Type.STREAM && view.hasRemaining());
            assertEquals(start + N, view.position());
            s.assertHolds(start, data);
            if (kind.type == Type.DGRAM) assertEquals(p.a().getSockName(), from);
            else if (kind.type == Type.STREAM) assertNull(from, "a stream's recvfrom has no address (CPython: None)");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void recvIntoAnArrayRangeLeavesTheRestAlone(Kind kind) throws IOException {
        byte[] data = pattern(N, 6);
        try (Pair p = connected(kind)) {
            p.a().sendAll(data);
            byte[] into = new byte[N + 20];
            Arrays.fill(into, SENTINEL);
            int got = 0;
            do {
                got += kind.type == Type.STREAM && got > 0
                        ? p.b().recvInto(into, 10 + got, N - got, 0)
                        : p.b().recvInto(into, 10 + got, N - got);
            } while (kind.type == Type.STREAM && got < N);
            assertEquals(N, got);
            assertArrayEquals(framedWith(data, 10, 10, SENTINEL), into);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void recvAndRecvFromGiveWhatWasSent(Kind kind) throws IOException {
        byte[] data = pattern(N, 7);
        try (Pair p = connected(kind)) {
            p.a().sendAll(data);
            assertArrayEquals(data, kind.type == Type.STREAM ? recvExactly(p.b(), N) : p.b().recv(CAPACITY));
            p.a().sendAll(data);
            Datagram d = p.b().recvFrom(CAPACITY);
            byte[] got = d.data();
            if (kind.type == Type.STREAM && got.length < N) {
                got = concat(got, recvExactly(p.b(), N - got.length));
            }
            assertArrayEquals(data, got);
            if (kind.type == Type.DGRAM) assertEquals(p.a().getSockName(), d.address());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#connectionOriented")
    void recvAtEndOfStreamIsEmpty(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.a().close();
            assertEquals(0, p.b().recv(CAPACITY).length);
            assertEquals(0, p.b().recvInto(new byte[8], 0, 8));
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            assertEquals(0, p.b().recvInto(b));
            assertEquals(0, b.position());
        }
    }

    @ParameterizedTest
    @MethodSource("io.jsock.SocketFixtures#datagrams")
    void datagramsKeepTheirBoundariesAndEmptyOnesArrive(Kind kind) throws IOException {
        try (Pair p = connected(kind)) {
            p.a().send(pattern(3, 0));
            p.a().send(new byte[0]);
            p.a().send(pattern(5, 1));
            assertArrayEquals(pattern(3, 0), p.b().recv(CAPACITY));
            assertEquals(0, p.b().recv(CAPACITY).length, "an empty datagram is a datagram");
            assertArrayEquals(pattern(5, 1), p.b().recv(CAPACITY));
        }
    }

    @Test
    void seqpacketKeepsBoundaries() throws IOException {
        try (Pair p = connected(Kind.UNIX_SEQPACKET)) {
            p.a().send(pattern(3, 0));
            p.a().send(pattern(5, 1));
            assertArrayEquals(pattern(3, 0), p.b().recv(CAPACITY));
            assertArrayEquals(pattern(5, 1), p.b().recv(CAPACITY));
        }
    }

    @Test
    void readOnlyBuffersAreRefusedForReceiving() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.a().sendAll(pattern(4, 0));
            ByteBuffer heap = ByteBuffer.allocate(8).asReadOnlyBuffer();
            ByteBuffer direct = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();
            assertThrows(ReadOnlyBufferException.class, () -> p.b().recvInto(heap));
            assertThrows(ReadOnlyBufferException.class, () -> p.b().recvInto(direct));
            assertThrows(ReadOnlyBufferException.class, () -> p.b().recvFromInto(heap));
            assertThrows(ReadOnlyBufferException.class, () -> p.b().recvFromInto(direct));
            assertArrayEquals(pattern(4, 0), p.b().recv(8), "nothing was consumed");
        }
    }

    /** As CPython's recv(0) and recv_into of no room: no system call, so no wait on an idle stream. */
    @Test
    void zeroLengthCallsReturnAtOnce() throws IOException {
        try (Pair p = connected(Kind.INET_STREAM)) {
            assertEquals(0, p.b().recv(0).length);
            assertEquals(0, p.b().recvInto(new byte[4], 2, 0));
            assertEquals(0, p.b().recvInto(ByteBuffer.allocateDirect(0)));
            assertEquals(0, p.b().recvInto(ByteBuffer.allocate(4).position(4)));
            assertEquals(0, p.a().send(new byte[0]));
            p.a().sendAll(new byte[0]);
            assertEquals(0, p.a().send(ByteBuffer.allocate(0)));
        }
    }

    /**
     * Transfers larger than the per-thread scratch area (64 KiB to start, growing to 4 MiB) and
     * larger than its cap, from every source form, arrive whole and in order.
     */
    @ParameterizedTest
    @MethodSource("bigTransfers")
    void bigTransfersArriveWhole(Kind kind, Shape shape, int size) throws Exception {
        byte[] data = pattern(size, 8);
        try (Pair p = connected(kind)) {
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                ByteBuffer into = shape == Shape.DIRECT || shape == Shape.DIRECT_SLICE
                        ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
                try {
                    while (into.hasRemaining()) {
                        if (p.b().recvInto(into) == 0) break;
                    }
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
                byte[] out = new byte[into.position()];
                into.flip().get(out);
                return out;
            });
            ByteBuffer from = shape == Shape.DIRECT || shape == Shape.DIRECT_SLICE
                    ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
            from.put(data).flip();
            p.a().sendAll(from);
            p.a().sendAll(data, 0, 0); // nothing, and no harm
            byte[] got = reader.get(50, TimeUnit.SECONDS);
            assertEquals(size, got.length);
            assertTrue(Arrays.equals(data, got), "the bytes arrived in order");
        }
    }

    static Stream<Arguments> bigTransfers() {
        return Stream.of(
                Arguments.of(Kind.UNIX_STREAM, Shape.HEAP, 200_000),
                Arguments.of(Kind.UNIX_STREAM, Shape.DIRECT, 200_000),
                Arguments.of(Kind.INET_STREAM, Shape.HEAP, 5 * 1024 * 1024),
                Arguments.of(Kind.INET6_STREAM, Shape.DIRECT, 5 * 1024 * 1024));
    }

    @Test
    void bigArrayTransfersArriveWhole() throws Exception {
        int size = 5 * 1024 * 1024 + 3;
        byte[] data = pattern(size, 9);
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return recvExactly(p.b(), size);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            p.a().sendAll(data);
            assertTrue(Arrays.equals(data, reader.get(50, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aBigDatagramArrivesWhole() throws IOException {
        byte[] data = pattern(60_000, 10);
        try (Pair p = connected(Kind.INET_DGRAM)) {
            assertEquals(data.length, p.a().send(data));
            assertArrayEquals(data, p.b().recv(65_536));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A buffer of the shape with data between position and limit, junk around it. */
    private static ByteBuffer loaded(Shape shape, byte[] data) {
        Shaped s = shape.make();
        ByteBuffer view = s.view();
        for (int i = 0; i < view.capacity(); i++) view.put(i, JUNK);
        int start = view.position() + POS;
        view.put(start, data);
        view.position(start).limit(start + data.length);
        return view;
    }

    /** What a peer receives of n bytes: one message, or n bytes of a stream. */
    private static byte[] receive(Kind kind, Socket s, int n) throws IOException {
        return kind.type == Type.STREAM ? recvExactly(s, n) : s.recv(n + 16);
    }

    private static byte[] framed(byte[] data, int offset) {
        return framedWith(data, offset, 9, JUNK);
    }

    private static byte[] framedWith(byte[] data, int before, int after, byte filler) {
        byte[] out = new byte[before + data.length + after];
        Arrays.fill(out, filler);
        System.arraycopy(data, 0, out, before, data.length);
        return out;
    }

    private static void fill(ByteBuffer b, byte value) {
        for (int i = 0; i < b.capacity(); i++) b.put(i, value);
    }
}
