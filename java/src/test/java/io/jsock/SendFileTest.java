package io.jsock;

import static io.jsock.SocketFixtures.recvToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.FileDescriptors;
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
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
