package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sizes a caller gives that no call can stage: heap buffers adding up past 2^31 and 2^32, a
 * receive of Integer.MAX_VALUE bytes, a gigabyte of ancillary room. Each is refused before the
 * call or served in what fits ({@link Socket#MAX_STAGED}), never an Error or a corrupted heap.
 */
@Timeout(60)
class StagingBoundsTest {
    private static final int FOUR_MIB = 4 * 1024 * 1024;

    @RegisterExtension
    final OpenSockets open = new OpenSockets();

    /**
     * {@code copies} views of one 4 MiB heap buffer and a last buffer of {@code last} bytes: with
     * 1,023 copies and 4 MiB + 64, 2^32 + 64 bytes of room in IOV_MAX (1,024) buffers.
     */
    private static ByteBuffer[] heapBuffers(ByteBuffer big, int copies, int last) {
        ByteBuffer[] buffers = new ByteBuffer[copies + 1];
        for (int i = 0; i < copies; i++) buffers[i] = big.duplicate();
        buffers[copies] = ByteBuffer.allocate(last);
        return buffers;
    }

    private static ByteBuffer[] pastFourGiB(ByteBuffer big) {
        return heapBuffers(big, 1023, FOUR_MIB + 64);
    }

    @Test
    void recvMsgIntoHeapBuffersPastFourGiBReceivesIntoTheFirst() throws IOException {
        // On the old code the int sum of the heap buffers' sizes wrapped: past 2^31 it went
        // negative and the iovecs pointed past the scratch area (the kernel wrote over the native
        // heap: "malloc(): invalid size"); at 2^32 it wrapped to 0 or to a few bytes.
        ByteBuffer big = ByteBuffer.allocate(FOUR_MIB);
        for (ByteBuffer[] buffers : List.of(heapBuffers(big, 512, 64), heapBuffers(big, 1023, 0), pastFourGiB(big))) {
            Socket[] p = open.unixPair(Type.STREAM);
            p[0].sendAll("scatter me".getBytes(StandardCharsets.US_ASCII));
            Message m = p[1].recvMsgInto(buffers, 0, 0);
            assertEquals(10, m.nbytes());
            assertEquals(10, buffers[0].position(), "the first buffer took the bytes");
            assertEquals("scatter me", new String(buffers[0].array(), 0, 10, StandardCharsets.US_ASCII));
            assertEquals(0, buffers[1].position());
        }
    }

    @Test
    void sendMsgOfHeapBuffersPastTheBoundSendsWhatIsStagedOnAStream() throws Exception {
        Socket[] p = open.unixPair(Type.STREAM);
        ByteBuffer big = ByteBuffer.allocate(FOUR_MIB);
        for (int i = 0; i < big.capacity(); i++) big.put(i, (byte) (i * 31 + 7));
        ByteBuffer[] buffers = pastFourGiB(big);
        CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
            try {
                ByteBuffer all = ByteBuffer.allocate(Socket.MAX_STAGED);
                while (all.hasRemaining() && p[1].recvInto(all) > 0) { /* read until the staged bytes are in */ }
                return all.array();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int sent = p[0].sendMsg(buffers, List.of(), 0, null);
        assertTrue(sent > 0 && sent <= Socket.MAX_STAGED, "a stream sends at most what one call stages: " + sent);
        // Complete the staged amount, so that the reader sees exactly the first buffer's bytes.
        long left = Socket.MAX_STAGED - sent;
        ByteBuffer rest = big.duplicate().position(sent);
        while (left > 0) left -= p[0].send(rest);
        assertArrayEquals(big.array(), got.get(), "the bytes sent are the first buffer's, in order");
        assertEquals(sent, buffers[0].position(), "the position moved past what was sent");
    }

    @Test
    void sendMsgOfAMessageLargerThanTheBoundIsRefusedBeforeTheCall() throws IOException {
        for (Type type : List.of(Type.DGRAM, Type.SEQPACKET)) {
            Socket[] p = open.unixPair(type);
            ByteBuffer[] buffers = pastFourGiB(ByteBuffer.allocate(FOUR_MIB));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p[0].sendMsg(buffers, List.of(), 0, null));
            assertTrue(e.getMessage().contains("4294967360 bytes"), e.getMessage());
            assertEquals(0, buffers[0].position(), "nothing moved");
            byte[][] arrays = {new byte[FOUR_MIB], new byte[1]};
            assertThrows(IllegalArgumentException.class, () -> p[0].sendMsg(arrays, List.of(), 0, null));
            assertThrows(IllegalArgumentException.class, () -> p[0].send(new byte[FOUR_MIB + 1]));
        }
    }

    @Test
    void moreBuffersThanIovMaxAreRefusedNamingTheLimit() throws IOException {
        Socket[] p = open.unixPair(Type.STREAM);
        ByteBuffer[] many = new ByteBuffer[MsgHdr.MAX_BUFFERS + 1];
        Arrays.fill(many, ByteBuffer.allocate(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p[0].sendMsg(many, List.of(), 0, null));
        assertTrue(e.getMessage().contains("IOV_MAX"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p[1].recvMsgInto(many, 0, 0));
    }

    @Test
    void hugeReceiveSizesAreServedInWhatFits() throws IOException {
        for (Type type : List.of(Type.STREAM, Type.DGRAM)) {
            Socket[] p = open.unixPair(type);
            p[0].sendAll("small".getBytes(StandardCharsets.US_ASCII));
            assertEquals("small", new String(p[1].recv(Integer.MAX_VALUE), StandardCharsets.US_ASCII));
            p[0].sendAll("from".getBytes(StandardCharsets.US_ASCII));
            assertEquals("from", new String(p[1].recvFrom(Integer.MAX_VALUE).data(), StandardCharsets.US_ASCII));
            p[0].sendAll("msg".getBytes(StandardCharsets.US_ASCII));
            Message m = p[1].recvMsg(Integer.MAX_VALUE, 1 << 30, 0);
            assertEquals("msg", new String(m.data(), StandardCharsets.US_ASCII));
            p[0].sendAll("max".getBytes(StandardCharsets.US_ASCII));
            assertEquals(3, p[1].recvMsg(10, Integer.MAX_VALUE, 0).nbytes());
            p[0].sendAll("into".getBytes(StandardCharsets.US_ASCII));
            assertEquals(4, p[1].recvMsgInto(new ByteBuffer[] {ByteBuffer.allocate(8)}, Integer.MAX_VALUE, 0).nbytes());
        }
    }

    @Test
    void aStreamsRecvOfMoreThanTheBoundReturnsTheRestNextTime() throws Exception {
        Socket[] p = open.unixPair(Type.STREAM);
        byte[] data = new byte[Socket.MAX_STAGED + 1000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 251);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                p[0].sendAll(data); // more than one call stages: sent chunk by chunk
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (got.size() < data.length) {
            byte[] part = p[1].recv(Integer.MAX_VALUE, 0);
            assertTrue(part.length <= Socket.MAX_STAGED, "one recv is bounded: " + part.length);
            got.write(part);
        }
        sender.get();
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void batchAndHeaderSizesThatOverflowAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageBatch(Integer.MAX_VALUE, 0));
        assertThrows(IllegalArgumentException.class, () -> new MessageBatch(1 << 24, 1 << 10));
        assertThrows(IllegalArgumentException.class, () -> new MessageBatch(2, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(1, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(1, Integer.MAX_VALUE - 100));
    }
}
