package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sendMmsg / recvMmsg: counts, per-message lengths, flags and addresses, ranges, bad input. */
class MessageBatchTest {
    @RegisterExtension
    final OpenSockets open = new OpenSockets();

    private static void fill(MessageBatch b, int i, String text) {
        b.buffer(i).clear().put(text.getBytes(StandardCharsets.US_ASCII)).flip();
    }

    private static String text(MessageBatch b, int i) {
        ByteBuffer buf = b.buffer(i);
        byte[] out = new byte[buf.remaining()];
        buf.get(buf.position(), out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    @Test
    void aBatchEachWay() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        MessageBatch out = new MessageBatch(8, 16);
        for (int i = 0; i < 8; i++) fill(out, i, "m" + i + "-".repeat(i));
        assertEquals(8, p[0].sendMmsg(out, 8, 0));
        for (int i = 0; i < 8; i++) assertEquals(2 + i, out.length(i), "bytes sent of message " + i);
        MessageBatch in = new MessageBatch(8, 16);
        assertEquals(8, p[1].recvMmsg(in, 8, 0));
        for (int i = 0; i < 8; i++) {
            assertEquals(2 + i, in.length(i));
            assertEquals(0, in.flags(i));
            assertEquals("m" + i + "-".repeat(i), text(in, i), "message " + i + " from 0 to its limit");
            assertNull(in.address(i), "socketpair ends have no names");
        }
        // A batch received goes on as it is.
        assertEquals(8, p[1].sendMmsg(in, 8, 0));
        assertEquals(8, p[0].recvMmsg(out, 8, 0));
        assertEquals("m7-------", text(out, 7));
    }

    @Test
    void addressesPerMessageOnAnUnconnectedSocket() throws IOException {
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        Socket rx1 = open.udp(Family.INET, "127.0.0.1");
        Socket rx2 = open.udp(Family.INET, "127.0.0.1");
        MessageBatch out = new MessageBatch(6, 32);
        for (int i = 0; i < 6; i++) {
            fill(out, i, "to " + (i % 2 + 1) + " #" + i);
            out.setAddress(i, (i % 2 == 0 ? rx1 : rx2).getSockName());
        }
        assertEquals(6, tx.sendMmsg(out, 6, 0));
        for (Socket rx : List.of(rx1, rx2)) {
            MessageBatch in = new MessageBatch(6, 32);
            assertEquals(3, rx.recvMmsg(in, 6, Sockets.MSG_WAITFORONE));
            for (int i = 0; i < 3; i++) {
                assertEquals(tx.getSockName(), in.address(i));
                assertTrue(text(in, i).startsWith("to " + (rx == rx1 ? 1 : 2)), text(in, i));
            }
        }
        // The addresses stay; null goes back to the connected peer.
        out.setAddress(0, null);
        assertThrows(SocketError.class, () -> tx.sendMmsg(out, 1, 0), "no peer: EDESTADDRREQ");
    }

    @Test
    void aRangeOfTheBatch() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        MessageBatch out = new MessageBatch(8, 8);
        for (int i = 0; i < 8; i++) fill(out, i, "#" + i);
        assertEquals(3, p[0].sendMmsg(out, 5, 3, 0));
        MessageBatch in = new MessageBatch(8, 8);
        assertEquals(3, p[1].recvMmsg(in, 2, 6, Sockets.MSG_WAITFORONE));
        assertEquals("#5", text(in, 2));
        assertEquals("#7", text(in, 4));
        assertEquals(0, p[0].sendMmsg(out, 8, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> p[0].sendMmsg(out, 6, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> p[0].sendMmsg(out, -1, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> p[1].recvMmsg(in, 9, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> p[1].recvMmsg(in, -1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> in.buffer(8));
        assertThrows(IndexOutOfBoundsException.class, () -> in.length(-1));
    }

    @Test
    void truncatedMessagesAreFlagged() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[0].send("0123456789".getBytes());
        p[0].send("ok".getBytes());
        MessageBatch in = new MessageBatch(2, 4);
        assertEquals(2, p[1].recvMmsg(in, 2, 0));
        assertEquals(Sockets.MSG_TRUNC, in.flags(0));
        assertEquals(4, in.length(0));
        assertEquals("0123", text(in, 0));
        assertEquals(0, in.flags(1));
        assertEquals("ok", text(in, 1));
        p[0].send("0123456789".getBytes());
        assertEquals(1, p[1].recvMmsg(in, 1, Sockets.MSG_TRUNC));
        assertEquals(10, in.length(0), "with MSG_TRUNC asked for, the real length");
        assertEquals(4, in.buffer(0).limit());
    }

    @Test
    void waitingAsTheSocketSays() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        MessageBatch in = new MessageBatch(4, 8);
        assertThrows(WouldBlock.class, () -> p[1].recvMmsg(in, 4, Sockets.MSG_DONTWAIT));
        p[1].setTimeout(Duration.ofMillis(50));
        assertThrows(SocketTimeout.class, () -> p[1].recvMmsg(in, 4, 0));
        p[0].send("a".getBytes());
        p[0].send("b".getBytes());
        // Non-blocking mode: what is there, without waiting for the rest.
        assertEquals(2, p[1].recvMmsg(in, 4, 0));
        p[1].setBlocking(false);
        assertThrows(WouldBlock.class, () -> p[1].recvMmsg(in, 4, 0));
    }

    @Test
    void badAddressesAreRefusedInJava() throws IOException {
        Socket tx = open.udp(Family.INET, "127.0.0.1");
        MessageBatch out = new MessageBatch(2, 8);
        out.setAddress(1, SockAddr.unixAbstract("jsock-wrong-family"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tx.sendMmsg(out, 2, 0));
        assertTrue(e.getMessage().contains("family"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> out.setAddress(2, tx.getSockName()));
    }

    /**
     * A close while another thread waits in recvmmsg wakes it with "socket closed". On the old
     * code the woken call read the dead socket's end of stream as a batch of empty datagrams.
     */
    @Test
    void closeWhileBlockedInRecvMmsgIsSocketClosed() throws Exception {
        for (Duration timeout : java.util.Arrays.asList(null, Duration.ofSeconds(20))) {
            for (int flags : new int[] {0, Sockets.MSG_WAITFORONE}) {
                Socket[] p = open.unixPair(Type.DGRAM);
                p[1].setTimeout(timeout);
                MessageBatch in = new MessageBatch(4, 8);
                java.util.concurrent.CompletableFuture<Integer> blocked = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return p[1].recvMmsg(in, 4, flags);
                    } catch (IOException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                Thread.sleep(200); // let it block (a close before the call also ends in "socket closed")
                p[1].close();
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> blocked.get(10, java.util.concurrent.TimeUnit.SECONDS), "timeout " + timeout + ", flags " + flags);
                assertTrue(e.getCause() instanceof SocketClosedException, "timeout " + timeout + ", flags " + flags + ": " + e.getCause());
            }
        }
    }
}
