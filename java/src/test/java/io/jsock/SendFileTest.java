package io.jsock;

import static io.jsock.SocketFixtures.recvToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.FileDescriptors;
import io.jsock.testing.ProcFds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** sendFile through sendfile(2) and through the copy path, bytes compared on the receiving side. */
class SendFileTest {
    private static final int SIZE = 3 << 20;

    @TempDir
    Path dir;

    private byte[] content;
    private Path file;
    private Socket[] pair;

    @BeforeEach
    void setUp() throws IOException {
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        file = Files.write(dir.resolve("content"), content);
        pair = Socket.pair(Family.UNIX, Type.STREAM);
        pair[1].setTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void tearDown() throws IOException {
        pair[0].close();
        pair[1].close();
    }

    /** Reads everything until the sender shuts down its side, in a thread of its own. */
    private CompletableFuture<byte[]> drain() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return recvToEnd(pair[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void fromAFileDescriptor() throws Exception {
        try (FileChannel ch = FileChannel.open(file)) {
            int fd = FileDescriptors.of(ch);
            CompletableFuture<byte[]> got = drain();
            long offset = 1000;
            long count = SIZE - 5000;
            long sent = 0;
            while (sent < count) {
                long n = pair[0].sendFile(fd, offset + sent, count - sent);
                assertTrue(n > 0 && n <= count - sent, "sendfile sent " + n);
                sent += n;
            }
            assertEquals(0, pair[0].sendFile(fd, SIZE, 10), "at the end of the file, 0");
            pair[0].shutdown(How.WRITE);
            assertArrayEquals(Arrays.copyOfRange(content, 1000, SIZE - 4000), got.get(20, TimeUnit.SECONDS));
            assertEquals(0, ch.position(), "the file's own position is left alone");
        }
    }

    @Test
    void fromAFileChannelThroughSendfile() throws Exception {
        try (FileChannel ch = FileChannel.open(file)) {
            CompletableFuture<byte[]> got = drain();
            assertEquals(SIZE - 7, pair[0].sendFile(ch, 7, Long.MAX_VALUE), "to the end of the file");
            assertEquals(0, pair[0].sendFile(ch, SIZE + 100, 10), "past the end: nothing");
            pair[0].shutdown(How.WRITE);
            assertArrayEquals(Arrays.copyOfRange(content, 7, SIZE), got.get(20, TimeUnit.SECONDS));
            assertEquals(0, ch.position());
        }
    }

    @Test
    void fromAFileChannelWithoutAnFdCopies() throws Exception {
        try (FileChannel real = FileChannel.open(file); CountingChannel ch = new CountingChannel(real)) {
            assertEquals(-1, FileDescriptors.of(ch), "a channel of another class has no fd to read");
            CompletableFuture<byte[]> got = drain();
            assertEquals(SIZE / 2, pair[0].sendFile(ch, 3, SIZE / 2));
            assertEquals(SIZE - 3 - SIZE / 2, pair[0].sendFile(ch, 3 + SIZE / 2, SIZE));
            pair[0].shutdown(How.WRITE);
            assertArrayEquals(Arrays.copyOfRange(content, 3, SIZE), got.get(20, TimeUnit.SECONDS));
            assertTrue(ch.positionalReads.get() > 1, "the copy path read the channel");
        }
    }

    @Test
    void aNonBlockingSocketSendsWhatFitsThenWouldBlock() throws Exception {
        pair[0].setBlocking(false);
        try (FileChannel ch = FileChannel.open(file); CountingChannel copy = new CountingChannel(FileChannel.open(file))) {
            long first = pair[0].sendFile(ch, 0, SIZE);
            assertTrue(first > 0 && first < SIZE, "a socket buffer takes part of 3 MiB: " + first);
            assertThrows(WouldBlock.class, () -> pair[0].sendFile(ch, first, SIZE - first));
            assertThrows(WouldBlock.class, () -> pair[0].sendFile(FileDescriptors.of(ch), first, 1));
            assertThrows(WouldBlock.class, () -> pair[0].sendFile(copy, first, SIZE - first));
            pair[0].setTimeout(Duration.ofMillis(50));
            SocketTimeout t = assertThrows(SocketTimeout.class, () -> pair[0].sendFile(ch, first, SIZE - first));
            assertEquals(0, t.bytesTransferred);
        }
    }

    @Test
    void aClosedPeerIsEpipeOnBothPaths() throws Exception {
        pair[1].close();
        try (FileChannel ch = FileChannel.open(file); CountingChannel copy = new CountingChannel(FileChannel.open(file))) {
            SocketError direct = assertThrows(SocketError.class, () -> pair[0].sendFile(ch, 0, 100));
            assertEquals("EPIPE", direct.detail().errnoName());
            assertEquals("sendfile", direct.detail().call());
            SocketError copied = assertThrows(SocketError.class, () -> pair[0].sendFile(copy, 0, 100));
            assertEquals("EPIPE", copied.detail().errnoName());
        }
    }

    @Test
    void badArgumentsAreRefusedInJava() throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(-1, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(0, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(0, 0, -1));
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(ch, -1, 1));
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(ch, 0, -1));
            assertThrows(NullPointerException.class, () -> pair[0].sendFile(null, 0, 1));
        }
        // An fd that is not a file the kernel can read from: its errno, precisely.
        SocketError e = assertThrows(SocketError.class, () -> pair[0].sendFile(pair[0].fileno(), 0, 1));
        assertEquals("sendfile", e.detail().call());
    }

    /**
     * As CPython's _check_sendfile_params: a datagram socket and a count of zero or less are
     * refused with its messages, in both forms, before any native call: on a closed socket the
     * refusal still comes first, and an open one sends nothing and opens no fd.
     */
    @Test
    void nonStreamSocketsAndCountsBelowOneAreRefusedAsCPythonBeforeAnyCall() throws Exception {
        String python = io.jsock.testing.Python.output("import socket, sys\n"
                + "f = open(sys.argv[1], 'rb')\n"
                + "def err(call):\n"
                + "    try:\n        call()\n    except ValueError as e:\n        return str(e)\n"
                + "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                + "a, b = socket.socketpair()\n"
                + "print(err(lambda: u.sendfile(f)))\n"
                + "print(err(lambda: a.sendfile(f, 0, 0)))\n"
                + "print(err(lambda: a.sendfile(f, 0, -1)))", file.toString());
        String[] messages = python.split("\n");
        assertEquals("only SOCK_STREAM type sockets are supported", messages[0]);
        assertEquals("count must be a positive integer (got 0)", messages[1]);
        assertEquals("count must be a positive integer (got -1)", messages[2]);

        try (FileChannel ch = FileChannel.open(file); Socket udp = Socket.open(Family.INET, Type.DGRAM);
                Socket peer = Socket.open(Family.INET, Type.DGRAM)) {
            peer.bind(SockAddr.inet("127.0.0.1", 0));
            udp.connect(peer.getSockName());
            Socket[] unixDgram = Socket.pair(Family.UNIX, Type.DGRAM);
            try (Socket ua = unixDgram[0]; Socket ub = unixDgram[1]) {
                int fd = FileDescriptors.of(ch);
                Map<Integer, String> fds = ProcFds.snapshot();
                for (Socket s : List.of(udp, ua)) {
                    for (Executable call : List.<Executable>of(() -> s.sendFile(ch, 0, 10), () -> s.sendFile(fd, 0, 10),
                            () -> s.sendFile(ch, 0, Long.MAX_VALUE))) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, s.toString());
                        assertTrue(e.getMessage().contains(messages[0]), e.getMessage());
                    }
                }
                for (long count : new long[] {0, -1, Long.MIN_VALUE}) {
                    String expected = "count must be a positive integer (got " + count + ")";
                    for (Executable call : List.<Executable>of(() -> pair[0].sendFile(ch, 0, count),
                            () -> pair[0].sendFile(fd, 0, count))) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
                        assertTrue(e.getMessage().contains(expected), e.getMessage());
                    }
                }
                ProcFds.assertSame(fds, ProcFds.snapshot(), "refused sendFile calls");
                assertEquals(0, ch.position());
                assertThrows(WouldBlock.class, () -> peer.recv(64, Sockets.MSG_DONTWAIT), "nothing was sent");
                assertThrows(WouldBlock.class, () -> ub.recv(64, Sockets.MSG_DONTWAIT), "nothing was sent");
                assertThrows(WouldBlock.class, () -> pair[1].recv(64, Sockets.MSG_DONTWAIT), "nothing was sent");
            }
            // Before any native call: a closed socket refuses the arguments, not the socket.
            udp.close();
            pair[0].close();
            IllegalArgumentException notStream = assertThrows(IllegalArgumentException.class, () -> udp.sendFile(ch, 0, 10));
            assertTrue(notStream.getMessage().contains(messages[0]));
            assertThrows(IllegalArgumentException.class, () -> udp.sendFile(0, 0, 10));
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(ch, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> pair[0].sendFile(0, 0, 0));
            assertThrows(SocketClosedException.class, () -> pair[0].sendFile(ch, 0, 1), "the arguments pass, the socket not");
        }
    }

    /**
     * The channel closed while sendFile works on it, its fd number at once reused by another
     * file: sendfile(2) must go on reading the first file (jsock works on a dup of the channel's
     * fd), never the new one. The sender blocks on a full socket buffer while the swap happens.
     */
    @Test
    void aChannelClosedDuringTheTransferNeverLetsAnotherFilesBytesOut() throws Exception {
        int size = 4 << 20;
        byte[] as = new byte[size];
        Arrays.fill(as, (byte) 'A');
        byte[] bs = new byte[size];
        Arrays.fill(bs, (byte) 'B');
        Path fileA = Files.write(dir.resolve("A"), as);
        Path fileB = Files.write(dir.resolve("B"), bs);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (swapDuringTransfer(fileA, fileB, size)) return;
        }
        Assumptions.abort("file B never got channel A's old fd number in 5 tries (other threads took it): not exercised");
    }

    /** One try; false when B did not get A's fd number, so nothing was proven. */
    private boolean swapDuringTransfer(Path fileA, Path fileB, int size) throws Exception {
        Socket[] p = Socket.pair(Family.UNIX, Type.STREAM);
        try (Socket sender = p[0]; Socket receiver = p[1]) {
            sender.setTimeout(Duration.ofSeconds(10));
            receiver.setTimeout(Duration.ofSeconds(20));
            FileChannel a = FileChannel.open(fileA);
            FileChannel b = null;
            try {
                int fdA = FileDescriptors.of(a);
                FileChannel channelA = a;
                CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                    try {
                        return sender.sendFile(channelA, 0, size);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        try {
                            sender.shutdown(How.WRITE);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                awaitQueued(receiver, 1);
                Thread.sleep(200); // the buffer fills; the sender waits inside sendFile for room
                assertFalse(sent.isDone(), "4 MiB fit in the socket buffer: nothing to test");
                a.close();
                b = FileChannel.open(fileB);
                int fdB = FileDescriptors.of(b);
                byte[] got = SocketFixtures.recvToEnd(receiver);
                long n = sent.get(20, TimeUnit.SECONDS);
                if (fdB != fdA) return false;
                int foreign = 0;
                for (byte x : got) {
                    if (x != 'A') foreign++;
                }
                assertEquals(0, foreign, "bytes of file B (which took channel A's fd " + fdA + ") went out");
                assertEquals(n, got.length);
                assertEquals(size, n, "all of file A, through the duplicate");
                return true;
            } finally {
                a.close();
                if (b != null) b.close();
            }
        }
    }

    private static void awaitQueued(Socket s, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.ioctl(Sockets.FIONREAD, 0) < n) {
            if (System.nanoTime() > end) throw new AssertionError("nothing arrived");
            Thread.sleep(5);
        }
    }

    /**
     * A FileChannel of a class jsock does not know, so it cannot reach the fd: every call goes to
     * a real channel, positional reads are counted.
     */
    static final class CountingChannel extends FileChannel {
        final FileChannel real;
        final AtomicInteger positionalReads = new AtomicInteger();

        CountingChannel(FileChannel real) {
            this.real = real;
        }

        @Override public int read(ByteBuffer dst, long position) throws IOException {
            positionalReads.incrementAndGet();
            return real.read(dst, position);
        }

        @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
        @Override public int write(ByteBuffer src) throws IOException { return real.write(src); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { return real.write(srcs, offset, length); }
        @Override public long position() throws IOException { return real.position(); }
        @Override public FileChannel position(long p) throws IOException { real.position(p); return this; }
        @Override public long size() throws IOException { return real.size(); }
        @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
        @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return real.transferTo(position, count, target); }
        @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return real.transferFrom(src, position, count); }
        @Override public int write(ByteBuffer src, long position) throws IOException { return real.write(src, position); }
        @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return real.map(mode, position, size); }
        @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return real.lock(position, size, shared); }
        @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return real.tryLock(position, size, shared); }
        @Override protected void implCloseChannel() throws IOException { real.close(); }
    }
}
