package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.ProcStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The reusable msghdr: zero-allocation scatter/gather, ancillary access without objects, reuse. */
class MsgHdrTest {
    @RegisterExtension
    final OpenSockets open = new OpenSockets();

    @TempDir
    Path dir;

    /**
     * Bytes this thread has allocated so far: com.sun.management.ThreadMXBean, reached by
     * reflection because the tests compile inside module io.jsock, which does not read
     * java.management. What the reflective call allocates itself is a constant of a few bytes.
     */
    static long allocated() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            java.lang.reflect.Method m = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class);
            return (Long) m.invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }

    @Test
    void directBuffersAndAncillaryReadsAllocateNothingPerCall() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        p[1].setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PASSCRED, 1);
        int pid = (int) ProcessHandle.current().pid();
        ByteBuffer head = ByteBuffer.allocateDirect(8);
        ByteBuffer body = ByteBuffer.allocateDirect(56);
        ByteBuffer[] out = {head, body};
        ByteBuffer inHead = ByteBuffer.allocateDirect(8);
        ByteBuffer inBody = ByteBuffer.allocateDirect(56);
        ByteBuffer[] in = {inHead, inBody};
        MsgHdr send = new MsgHdr(2, 0);
        MsgHdr recv = new MsgHdr(2, 256);
        int calls = 100_000;
        long sum = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up: classes load, code compiles
            long before = allocated();
            for (int i = 0; i < calls; i++) {
                head.clear().putLong(0, i);
                body.clear();
                p[0].sendMsg(out, send, 0, null);
                inHead.clear();
                inBody.clear();
                int n = p[1].recvMsgInto(in, recv, 0);
                if (n != 64 || inHead.getLong(0) != i || recv.flags() != 0) throw new AssertionError("message " + i);
                for (int k = 0; k < recv.ancillaryCount(); k++) {
                    if (recv.ancillaryType(k) == Sockets.SCM_CREDENTIALS) sum += recv.ancillaryInt(k, 0) == pid ? 1 : 0;
                }
            }
            long perCall = (allocated() - before) / calls;
            if (round == 1) assertTrue(perCall < 1, "bytes allocated per send + receive: " + (allocated() - before) / (double) calls);
        }
        assertEquals(2L * calls, sum, "every message brought our pid in SCM_CREDENTIALS");
    }

    @Test
    void batchesAllocateNothingPerCall() throws IOException {
        Socket[] p = open.unixPair(Type.DGRAM);
        MessageBatch out = new MessageBatch(16, 64);
        MessageBatch in = new MessageBatch(16, 64);
        int calls = 20_000;
        for (int round = 0; round < 2; round++) {
            long before = allocated();
            for (int i = 0; i < calls; i++) {
                for (int m = 0; m < 8; m++) out.buffer(m).clear().limit(64);
                if (p[0].sendMmsg(out, 8, 0) != 8 || p[1].recvMmsg(in, 8, Sockets.MSG_DONTWAIT) != 8) {
                    throw new AssertionError("batch " + i);
                }
            }
            if (round == 1) {
                double perCall = (allocated() - before) / (double) calls;
                assertTrue(perCall < 1, "bytes allocated per sendMmsg + recvMmsg of 8: " + perCall);
            }
        }
    }

    @Test
    void accessorsReadTheLastReceive() throws IOException {
        Socket rx = Socket.open(Family.UNIX, Type.DGRAM);
        Socket tx = Socket.open(Family.UNIX, Type.DGRAM);
        open.add(rx);
        open.add(tx);
        SockAddr.Unix txName = SockAddr.unixAbstract("jsock-hdr-" + ProcessHandle.current().pid());
        rx.bind(SockAddr.unixAbstract("jsock-hdr-rx-" + ProcessHandle.current().pid()));
        tx.bind(txName);
        FileChannel f = FileChannel.open(Files.writeString(dir.resolve("f"), "behind the fd"));
        try (f) {
            int fd = io.jsock.internal.FileDescriptors.of(f);
            MsgHdr send = new MsgHdr(1, 256).addFd(fd).addFd(fd).addAncillary(Ancillary.credentials(ProcStatus.credentials()));
            tx.sendMsg(new ByteBuffer[] {ByteBuffer.wrap("0123456789".getBytes())}, send, 0, rx.getSockName());
            rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PASSCRED, 1);
            MsgHdr h = new MsgHdr(1, 256);
            ByteBuffer small = ByteBuffer.allocateDirect(4);
            assertEquals(4, rx.recvMsgInto(new ByteBuffer[] {small}, h, 0));
            assertEquals(Sockets.MSG_TRUNC, h.flags());
            assertEquals(txName, h.address());
            // The two SCM_RIGHTS items may come as one; the credentials come first.
            List<Ancillary> items = h.ancillary();
            assertEquals(items.size(), h.ancillaryCount());
            assertEquals(Sockets.SCM_CREDENTIALS, h.ancillaryType(0));
            assertEquals((int) ProcessHandle.current().pid(), h.ancillaryInt(0, 0));
            List<Integer> fds = new ArrayList<>();
            for (int i = 1; i < h.ancillaryCount(); i++) {
                assertEquals(Sockets.SOL_SOCKET, h.ancillaryLevel(i));
                assertEquals(Sockets.SCM_RIGHTS, h.ancillaryType(i));
                for (int k = 0; k < h.ancillaryLength(i) / Integer.BYTES; k++) fds.add(h.ancillaryInt(i, k));
            }
            assertEquals(2, fds.size());
            for (int got : fds) {
                assertEquals("behind the fd", new String(PosixForTests.readAt0(got, 100), StandardCharsets.US_ASCII));
                PosixForTests.LIBC.close(got);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> h.ancillaryType(h.ancillaryCount()));
            assertThrows(IndexOutOfBoundsException.class, () -> h.ancillaryInt(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> h.ancillaryInt(0, 3), "a ucred holds 3 ints");
        }
    }

    @Test
    void aReceiveReplacesTheItemsPreparedAndIsNeverSentOn() throws Exception {
        Socket[] a = open.unixPair(Type.DGRAM);
        Socket[] b = open.unixPair(Type.DGRAM);
        try (FileChannel f = FileChannel.open(Files.writeString(dir.resolve("f"), "x"))) {
            int fd = io.jsock.internal.FileDescriptors.of(f);
            MsgHdr h = new MsgHdr(1, 64).addFd(fd);
            ByteBuffer[] one = {ByteBuffer.allocateDirect(1)};
            a[0].sendMsg(one, h, 0, null);
            one[0].clear();
            a[1].recvMsgInto(one, h, 0);
            int received = h.ancillaryInt(0, 0);
            PosixForTests.LIBC.close(received);
            // Sending with the same header now sends no ancillary data: not the item received
            // (whose fd is closed), and not the one prepared before the receive.
            one[0].clear();
            b[0].sendMsg(one, h, 0, null);
            Message m = b[1].recvMsg(1, 64, 0);
            assertEquals(List.of(), m.ancillary());
            // Items prepared after a receive go out again and again until cleared.
            h.addAncillary(Ancillary.fds(fd));
            assertEquals(0, h.ancillaryCount(), "adding forgets what the receive brought");
            for (int i = 0; i < 2; i++) {
                one[0].clear();
                b[0].sendMsg(one, h, 0, null);
                int[] fds = b[1].recvMsg(1, 64, 0).fds();
                assertEquals(1, fds.length);
                PosixForTests.LIBC.close(fds[0]);
            }
            one[0].clear();
            b[0].sendMsg(one, h.clearAncillary(), 0, null);
            assertEquals(List.of(), b[1].recvMsg(1, 64, 0).ancillary());
        }
    }

    @Test
    void aFailedReceiveClosesNoFdOfAnEarlierOne() throws Exception {
        Socket[] p = open.unixPair(Type.DGRAM);
        try (FileChannel f = FileChannel.open(Files.writeString(dir.resolve("f"), "kept"))) {
            MsgHdr h = new MsgHdr(1, 64);
            Sockets.sendFds(p[0], new byte[][] {"x".getBytes()}, new int[] {io.jsock.internal.FileDescriptors.of(f)});
            ByteBuffer[] one = {ByteBuffer.allocateDirect(1)};
            p[1].recvMsgInto(one, h, 0);
            int mine = h.ancillaryInt(0, 0);
            try {
                p[1].setBlocking(false);
                one[0].clear();
                assertThrows(WouldBlock.class, () -> p[1].recvMsgInto(one, h, 0));
                p[1].close();
                assertThrows(SocketClosedException.class, () -> p[1].recvMsgInto(one, h, 0));
                assertEquals("kept", new String(PosixForTests.readAt0(mine, 10), StandardCharsets.US_ASCII),
                        "the fd the first receive gave is still ours");
                assertEquals(0, h.ancillaryCount());
            } finally {
                PosixForTests.LIBC.close(mine);
            }
        }
    }

    @Test
    void addressOfAConnectedReceiveIsNull() throws IOException {
        Socket[] p = open.unixPair(Type.STREAM);
        MsgHdr h = new MsgHdr(1, 0);
        p[0].send("s".getBytes());
        assertEquals(1, p[1].recvMsgInto(new ByteBuffer[] {ByteBuffer.allocateDirect(4)}, h, 0));
        assertNull(h.address());
        assertEquals(0, h.ancillaryCount());
        assertEquals(List.of(), h.ancillary());
    }
}
