package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sendMsg / recvMsg / recvMsgInto: scatter/gather, positions, addresses, flags, bad input. */
class MessagesTest {
    @RegisterExtension
    final OpenSockets open = new OpenSockets();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        b.get(from, out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    @Test
    void gathersByteArraysIntoOneMessage() throws IOException {
        for (Type type : List.of(Type.STREAM, Type.DGRAM, Type.SEQPACKET)) {
            Socket[] p = open.unixPair(type);
            assertEquals(11, p[0].sendMsg(ascii("one "), ascii(""), ascii("two "), ascii("six")));
            Message m = p[1].recvMsg(100);
            assertEquals("one two six", new String(m.data(), StandardCharsets.US_ASCII), type.toString());
            assertEquals(11, m.nbytes());
            assertEquals(List.of(), m.ancillary());
            assertEquals(0, m.flags());
        }
    }

    @Test
    void gathersHeapDirectAndReadOnlyBuffers() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        ByteBuffer heap = ByteBuffer.wrap(ascii("xxheapxx"), 2, 4);
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put(ascii("--direct")).flip().position(2);
        ByteBuffer readOnly = ByteBuffer.wrap(ascii("read-only")).asReadOnlyBuffer();
        ByteBuffer sliced = ByteBuffer.wrap(ascii("0123456789")).slice(5, 3); // arrayOffset 5
        assertEquals(4 + 6 + 9 + 3, p[0].sendMsg(new ByteBuffer[] {heap, direct, readOnly, sliced}, List.of(), 0, null));
        assertEquals(0, heap.remaining() + direct.remaining() + readOnly.remaining() + sliced.remaining(), "positions moved");
        assertEquals("heapdirectread-only567", new String(p[1].recv(100), StandardCharsets.US_ASCII));
    }

    @Test
    void partialSendMovesPositionsInOrder() throws IOException {
        Socket[] p = open.unixPair(Type.STREAM);
        p[0].setBlocking(false);
        ByteBuffer big = ByteBuffer.allocateDirect(8 << 20);
        ByteBuffer small = ByteBuffer.wrap(new byte[10]);
        int sent = p[0].sendMsg(new ByteBuffer[] {big, small}, List.of(), 0, null);
        assertTrue(sent > 0 && sent < big.capacity(), "a stream takes part of 8 MiB: " + sent);
        assertEquals(sent, big.position());
        assertEquals(0, small.position(), "nothing of the second buffer went");
    }

    @Test
    void scattersIntoBuffersAndMovesPositions() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[0].send(ascii("abcdefghij"));
        ByteBuffer heap = ByteBuffer.allocate(3);
        ByteBuffer direct = ByteBuffer.allocateDirect(4);
        ByteBuffer sliced = ByteBuffer.wrap(new byte[20]).slice(7, 10);
        Message m = p[1].recvMsgInto(new ByteBuffer[] {heap, direct, sliced}, 0, 0);
        assertEquals(10, m.nbytes());
        assertEquals(0, m.data().length, "recvMsgInto's data went into the buffers");
        assertEquals(0, m.flags());
        assertEquals(3, heap.position());
        assertEquals(4, direct.position());
        assertEquals(3, sliced.position());
        assertEquals("abc", text(heap, 0, 3));
        assertEquals("defg", text(direct, 0, 4));
        assertEquals("hij", text(sliced, 0, 3));
        assertEquals(0, sliced.get(3), "nothing past what arrived");
    }

    @Test
    void scatterOfALongerDatagramReportsTruncation() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[0].send(ascii("0123456789"));
        ByteBuffer a = ByteBuffer.allocate(2);
        ByteBuffer b = ByteBuffer.allocateDirect(3);
        Message m = p[1].recvMsgInto(new ByteBuffer[] {a, b}, 0, 0);
        assertEquals(5, m.nbytes());
        assertTrue(m.truncated());
        assertEquals("01", text(a, 0, 2));
        assertEquals("234", text(b, 0, 3));
        // With MSG_TRUNC asked for, the count is the datagram's real length.
        p[0].send(ascii("0123456789"));
        a.clear();
        b.clear();
        m = p[1].recvMsgInto(new ByteBuffer[] {a, b}, 0, Sockets.MSG_TRUNC);
        assertEquals(10, m.nbytes());
        assertEquals(2, a.position());
        assertEquals(3, b.position());
        p[0].send(ascii("0123456789"));
        Message whole = p[1].recvMsg(4, 0, Sockets.MSG_TRUNC);
        assertEquals(10, whole.nbytes());
        assertEquals("0123", new String(whole.data(), StandardCharsets.US_ASCII));
    }

    @Test
    void sendMsgToAnAddressOnAnUnconnectedSocket() throws IOException {
        Socket a = open.udp(Family.INET, "127.0.0.1");
        Socket b = open.udp(Family.INET, "127.0.0.1");
        assertEquals(5, a.sendMsg(new byte[][] {ascii("to b!")}, List.of(), 0, b.getSockName()));
        Message m = b.recvMsg(100);
        assertEquals("to b!", new String(m.data(), StandardCharsets.US_ASCII));
        assertEquals(a.getSockName(), m.address());

        Socket u = Socket.open(Family.UNIX, Type.DGRAM);
        Socket v = Socket.open(Family.UNIX, Type.DGRAM);
        open.add(u);
        open.add(v);
        SockAddr.Unix vName = SockAddr.unixAbstract("jsock-msg-" + ProcessHandle.current().pid());
        v.bind(vName);
        u.sendMsg(new ByteBuffer[] {ByteBuffer.wrap(ascii("unix"))}, List.of(), 0, vName);
        Message um = v.recvMsg(10);
        assertEquals("unix", new String(um.data(), StandardCharsets.US_ASCII));
        assertNull(um.address(), "an unbound UNIX sender has no name");
    }

    @Test
    void peekLeavesTheMessage() throws IOException {
        Socket[] p = open.unixPair(Type.SEQPACKET);
        p[0].send(ascii("peek"));
        assertEquals("peek", new String(p[1].recvMsg(10, 0, Sockets.MSG_PEEK).data(), StandardCharsets.US_ASCII));
        assertEquals("peek", new String(p[1].recvMsg(10).data(), StandardCharsets.US_ASCII));
    }

    @Test
    void endOfStreamIsAnEmptyMessage() throws IOException {
        Socket[] p = open.unixPair(Type.STREAM);
        p[0].shutdown(How.WRITE);
        Message m = p[1].recvMsg(10);
        assertEquals(0, m.nbytes());
        assertEquals(0, m.data().length);
    }

    @Test
    void timeoutsAsTheRestOfTheSocket() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[1].setTimeout(Duration.ofMillis(50));
        assertThrows(SocketTimeout.class, () -> p[1].recvMsg(10));
        p[1].setBlocking(false);
        assertThrows(WouldBlock.class, () -> p[1].recvMsg(10, 64, 0));
        p[1].setBlocking(true);
        assertThrows(WouldBlock.class, () -> p[1].recvMsg(10, 0, Sockets.MSG_DONTWAIT));
        assertThrows(WouldBlock.class, () -> p[1].recvMsgInto(new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, Sockets.MSG_DONTWAIT));
    }

    @Test
    void closeWakesABlockedRecvMsg() throws Exception {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[1].setTimeout(null);
        CompletableFuture<Message> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return p[1].recvMsg(10, 64, 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(100); // let it block; the outcome is the same if it has not yet
        p[1].close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getCause() instanceof SocketClosedException, e.toString());
    }

    @Test
    void closedSocketRefusesEveryMessageCall() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[0].close();
        MsgHdr h = new MsgHdr(1, 64);
        ByteBuffer[] one = {ByteBuffer.allocateDirect(4)};
        MessageBatch batch = new MessageBatch(2, 8);
        assertThrows(SocketClosedException.class, () -> p[0].sendMsg(ascii("x")));
        assertThrows(SocketClosedException.class, () -> p[0].recvMsg(10));
        assertThrows(SocketClosedException.class, () -> p[0].recvMsgInto(one, h, 0));
        assertThrows(SocketClosedException.class, () -> p[0].sendMsg(one, h, 0, null));
        assertThrows(SocketClosedException.class, () -> p[0].sendMmsg(batch, 2, 0));
        assertThrows(SocketClosedException.class, () -> p[0].recvMmsg(batch, 2, 0));
        Socket[] streams = open.unixPair(Type.STREAM);
        streams[0].close();
        assertThrows(SocketClosedException.class, () -> streams[0].sendFile(0, 0, 1));
    }

    @Test
    void errorsFromTheKernelArePrecise() throws IOException {
        Socket a = open.udp(Family.INET, "127.0.0.1");
        // EMSGSIZE: a datagram larger than UDP can carry.
        SocketError e = assertThrows(SocketError.class,
                () -> a.sendMsg(new byte[][] {new byte[70000]}, List.of(), 0, a.getSockName()));
        assertEquals("EMSGSIZE", e.detail().errnoName());
        assertEquals("sendmsg", e.detail().call());
        // A TTL out of range in an ancillary item.
        SocketError bad = assertThrows(SocketError.class,
                () -> a.sendMsg(new byte[][] {ascii("x")}, List.of(Ancillary.ttl(300)), 0, a.getSockName()));
        assertEquals("EINVAL", bad.detail().errnoName());
        assertEquals(a.getSockName(), bad.detail().address());
        // EPIPE, not a signal, when the peer is gone.
        Socket[] p = open.unixPair(Type.STREAM);
        p[1].close();
        SocketError pipe = assertThrows(SocketError.class, () -> p[0].sendMsg(ascii("x")));
        assertEquals("EPIPE", pipe.detail().errnoName());
    }

    @Test
    void badArgumentsAreRefusedInJava() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        Socket s = p[0];
        assertThrows(IllegalArgumentException.class, () -> s.recvMsg(-1));
        assertThrows(IllegalArgumentException.class, () -> s.recvMsg(10, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> s.recvMsgInto(new ByteBuffer[] {ByteBuffer.allocate(1)}, -1, 0));
        assertThrows(ReadOnlyBufferException.class,
                () -> s.recvMsgInto(new ByteBuffer[] {ByteBuffer.allocate(1).asReadOnlyBuffer()}, 0, 0));
        assertThrows(NullPointerException.class, () -> s.sendMsg(new byte[][] {null}, List.of(), 0, null));
        assertThrows(NullPointerException.class, () -> s.sendMsg(new ByteBuffer[] {null}, List.of(), 0, null));
        assertThrows(NullPointerException.class, () -> s.sendMsg(new byte[][] {}, null, 0, null));
        assertThrows(NullPointerException.class, () -> s.recvMsgInto(new ByteBuffer[] {null}, 0, 0));
        // An address of another family.
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
                () -> s.sendMsg(new byte[][] {ascii("x")}, List.of(), 0, SockAddr.inet("127.0.0.1", 9)));
        assertTrue(family.getMessage().contains("family"), family.getMessage());
        // fds below zero.
        assertThrows(IllegalArgumentException.class, () -> Sockets.sendFds(s, new byte[][] {ascii("x")}, new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(1, 64).addFd(-1));
        // Sizes.
        assertThrows(IllegalArgumentException.class, () -> Sockets.recvFds(s, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> Sockets.recvFds(s, 10, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Sockets.recvFds(s, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Sockets.cmsgLen(-1));
        assertThrows(IllegalArgumentException.class, () -> Sockets.cmsgLen(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Sockets.cmsgSpace(Integer.MAX_VALUE - 3));
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new MessageBatch(0, 8));
        assertThrows(IllegalArgumentException.class, () -> new MessageBatch(1, -1));
        // Nothing of it reached the socket.
        assertThrows(WouldBlock.class, () -> p[1].recvMsg(10, 0, Sockets.MSG_DONTWAIT));
    }

    @Test
    void aLargeAncillaryBufferWorksAsASmallOne() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[1].setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PASSCRED, 1);
        for (int ancbufsize : new int[] {1 << 20, 64, 1 << 20}) {
            p[0].sendMsg(ascii("big"));
            Message m = p[1].recvMsg(10, ancbufsize, 0);
            assertEquals(1, m.ancillary().size(), m.toString());
            assertEquals((int) ProcessHandle.current().pid(), m.ancillary().get(0).credentials().pid());
        }
    }

    @Test
    void tooManyBuffersForAHeader() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        MsgHdr h = new MsgHdr(2, 0);
        ByteBuffer[] three = {ByteBuffer.allocateDirect(1), ByteBuffer.allocateDirect(1), ByteBuffer.allocateDirect(1)};
        assertThrows(IllegalArgumentException.class, () -> p[0].sendMsg(three, h, 0, null));
        assertThrows(IllegalArgumentException.class, () -> p[1].recvMsgInto(three, h, 0));
        // More than the kernel's IOV_MAX can never go in one call: refused when the header is made.
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(MsgHdr.MAX_BUFFERS + 1, 0));
        byte[][] many = new byte[MsgHdr.MAX_BUFFERS + 1][];
        Arrays.fill(many, ascii("x"));
        assertThrows(IllegalArgumentException.class, () -> p[0].sendMsg(many, List.of(), 0, null));
        byte[][] most = new byte[MsgHdr.MAX_BUFFERS][];
        Arrays.fill(most, ascii("x"));
        assertEquals(MsgHdr.MAX_BUFFERS, p[0].sendMsg(most, List.of(), 0, null));
        assertEquals(MsgHdr.MAX_BUFFERS, p[1].recvMsg(2 * MsgHdr.MAX_BUFFERS).nbytes());
    }

    @Test
    void ancillaryBeyondTheHeadersCapacityIsRefused() throws IOException {
        MsgHdr h = new MsgHdr(1, Sockets.cmsgSpace(4));
        h.addFd(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.addFd(1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MsgHdr(1, 8).addAncillary(Ancillary.ttl(1)));
        // What was added before is still there, whole, and goes out.
        Socket[] p = open.unixPair(Type.DGRAM);
        p[0].sendMsg(new ByteBuffer[] {ByteBuffer.allocateDirect(1)}, h, 0, null);
        Message m = p[1].recvMsg(1, 64, 0);
        int[] fds = m.fds();
        assertEquals(1, fds.length);
        PosixForTests.LIBC.close(fds[0]);
    }
}
