package io.jsock;

import io.jsock.internal.Addresses;
import io.jsock.internal.Scratch;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * The data of one sendmsg or recvmsg: each buffer from its position to its limit as one iovec of
 * a {@link MsgHdr}. A direct buffer's iovec is its own memory; heap buffers' bytes are staged, one
 * after another, in the calling thread's scratch area (copied in before a send, out after a
 * receive). This is the one place where the sizes of a call's buffers are added up, in
 * {@code long}, and checked against what one call can stage ({@link Socket#MAX_STAGED}).
 *
 * <p>Past that bound, a receive and a stream's send take the buffers up to it (a stream may
 * always move fewer bytes; a longer datagram is truncated and says so with MSG_TRUNC) and a
 * message send is refused, since fewer bytes would be another message. Direct buffers add no
 * staging, and the kernel itself moves at most about 2 GiB in one call.
 */
final class IoVectors {
    private IoVectors() {}

    /** Refuses a null array or element, too many buffers and, for a receive, a read-only buffer. */
    static void check(ByteBuffer[] buffers, boolean receiving, String call) {
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length > MsgHdr.MAX_BUFFERS) {
            throw new IllegalArgumentException(call + ": " + buffers.length + " buffers, at most IOV_MAX ("
                    + MsgHdr.MAX_BUFFERS + ")");
        }
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer b = buffers[i];
            if (b == null) throw new NullPointerException("buffers[" + i + "]"); // the text only when thrown
            if (receiving && b.isReadOnly()) throw new ReadOnlyBufferException();
        }
    }

    /**
     * Checks the buffers, writes their iovecs into {@code h} and, when sending, copies the heap
     * buffers' bytes into the staging area. Returns the number of iovecs, which is fewer than
     * the buffers when the staging bound cut them short.
     */
    static int lay(ByteBuffer[] buffers, MsgHdr h, boolean receiving, Type type, String call) {
        check(buffers, receiving, call);
        if (buffers.length > h.maxBuffers) {
            throw new IllegalArgumentException(call + ": " + buffers.length + " buffers, the MsgHdr has room for "
                    + h.maxBuffers);
        }
        long heap = 0;
        for (ByteBuffer b : buffers) {
            if (!b.isDirect()) heap += b.remaining();
        }
        if (heap > Socket.MAX_STAGED && !receiving && type != Type.STREAM) {
            throw new IllegalArgumentException(call + ": a message of " + heap + " bytes in heap buffers; at most "
                    + Socket.MAX_STAGED + " bytes are staged per call (send it from direct ByteBuffers)");
        }
        int room = (int) Math.min(heap, Socket.MAX_STAGED);
        Scratch.Area area = room == 0 ? null : Scratch.get().data(room);
        int staged = 0;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer b = buffers[i];
            int len = b.remaining();
            if (b.isDirect()) {
                h.setIovec(i, Addresses.ofCallers(b) + b.position(), len);
                continue;
            }
            int take = Math.min(len, room - staged);
            if (take < len || (take == 0 && len > 0)) {
                // The bound falls in this buffer: the call ends here, so no byte lands past a gap.
                if (take == 0) return i;
                stage(h, i, b, area, staged, take, receiving);
                return i + 1;
            }
            stage(h, i, b, area, staged, take, receiving);
            staged += take;
        }
        return buffers.length;
    }

    private static void stage(MsgHdr h, int i, ByteBuffer b, Scratch.Area area, int at, int len, boolean receiving) {
        h.setIovec(i, area == null ? 0 : area.address() + at, len);
        if (!receiving && len > 0) area.buffer().put(area.offset() + at, b, b.position(), len);
    }

    /**
     * After a call that moved {@code n} bytes: a receive copies the staged bytes into their heap
     * buffers; then every position moves past what it took, in order.
     */
    static void finish(ByteBuffer[] buffers, long n, boolean receiving) {
        Scratch.Area area = null;
        int staged = 0;
        long left = n;
        for (ByteBuffer b : buffers) {
            if (left == 0) break;
            int take = (int) Math.min(left, b.remaining());
            if (receiving && !b.isDirect()) {
                if (area == null) area = Scratch.get().data(0);
                b.put(b.position(), area.buffer(), area.offset() + staged, take);
                staged += take;
            }
            b.position(b.position() + take);
            left -= take;
        }
    }
}
