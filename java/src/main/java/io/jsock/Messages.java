package io.jsock;

import io.jsock.internal.Addresses;
import io.jsock.internal.MsgLayout;
import io.jsock.internal.Scratch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * sendmsg and recvmsg for {@link Socket}: scatter/gather over ByteBuffers, ancillary data, and
 * the rule that fds arriving with a truncated control buffer (MSG_CTRUNC) are closed at once.
 */
final class Messages {
    /** Each thread's MsgHdr for the calls that build their result as objects anyway. */
    private static final ThreadLocal<MsgHdr> PER_THREAD = new ThreadLocal<>();
    /**
     * The most ancillary room a thread keeps between calls. SCM_MAX_FD (253) fds take about 1 KiB;
     * a call asking for more than this gets a header of its own, which does not outlive it.
     */
    private static final int KEPT_CONTROL = 64 * 1024;

    private Messages() {}

    private static MsgHdr perThread(int buffers, int control) {
        if (control > KEPT_CONTROL) return new MsgHdr(buffers, control);
        MsgHdr h = PER_THREAD.get();
        if (h == null || h.maxBuffers < buffers || h.controlCapacity < control) {
            h = new MsgHdr(Math.max(buffers, h == null ? 1 : h.maxBuffers),
                    Math.max(control, h == null ? 0 : h.controlCapacity));
            PER_THREAD.set(h);
        }
        return h;
    }

    /** {@code sendmsg(buffers, ancdata, flags, address)} over byte arrays: one iovec each, as Python. */
    static int sendMsg(Socket s, byte[][] buffers, List<Ancillary> ancillary, int flags, SockAddr to) throws IOException {
        ByteBuffer[] wrapped = new ByteBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) wrapped[i] = ByteBuffer.wrap(Objects.requireNonNull(buffers[i], "buffer"));
        return sendMsg(s, wrapped, ancillary, flags, to);
    }

    static int sendMsg(Socket s, ByteBuffer[] buffers, List<Ancillary> ancillary, int flags, SockAddr to) throws IOException {
        Objects.requireNonNull(ancillary, "ancillary");
        long control = 0;
        for (Ancillary a : ancillary) control += Sockets.cmsgSpace(a.data().length);
        if (control > Integer.MAX_VALUE) throw new IllegalArgumentException("ancillary data of " + control + " bytes");
        MsgHdr h = perThread(Math.max(1, buffers.length), (int) control);
        h.clearAncillary();
        for (Ancillary a : ancillary) h.addAncillary(a);
        return sendMsg(s, buffers, h, flags, to);
    }

    /** The zero-allocation form: the ancillary data is what {@code h} holds (maybe none). */
    static int sendMsg(Socket s, ByteBuffer[] buffers, MsgHdr h, int flags, SockAddr to) throws IOException {
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length > h.maxBuffers) {
            throw new IllegalArgumentException(buffers.length + " buffers, the MsgHdr has room for " + h.maxBuffers);
        }
        if (to != null) s.checkFamily(to, "sendmsg");
        Scratch.Area staged = stage(buffers, true);
        int off = 0;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer b = buffers[i];
            int len = b.remaining();
            if (b.isDirect()) {
                h.setIovec(i, Addresses.of(b) + b.position(), len);
            } else {
                h.setIovec(i, staged.address() + off, len);
                off += len;
            }
        }
        int nameLength = to == null ? 0 : to.encode(h.mem, h.nameAt);
        h.prepare(buffers.length, nameLength, false);
        long sent = s.messageCall(h.address, flags, false, "sendmsg", to);
        advance(buffers, sent);
        return (int) sent;
    }

    /** {@code recvmsg(bufsize, ancbufsize, flags)}. */
    static Message recvMsg(Socket s, int bufsize, int ancbufsize, int flags) throws IOException {
        if (bufsize < 0) throw new IllegalArgumentException("negative buffer size in recvmsg: " + bufsize);
        if (ancbufsize < 0) throw new IllegalArgumentException("negative ancillary buffer size in recvmsg: " + ancbufsize);
        MsgHdr h = perThread(1, ancbufsize);
        Scratch.Area a = Scratch.get().data(bufsize);
        h.setIovec(0, a.address(), bufsize);
        int n = receive(s, h, ancbufsize, flags, "recvmsg");
        try {
            byte[] data = new byte[Math.min(n, bufsize)];
            a.get(data, 0, data.length);
            return new Message(n, data, received(h), h.flags(), h.address());
        } catch (RuntimeException e) {
            h.closeReceivedFds();
            throw e;
        }
    }

    /**
     * {@code recvmsg_into(buffers, ancbufsize, flags)}: scatters into the buffers (positions move
     * past what arrived); the Message carries no data of its own.
     */
    static Message recvMsgInto(Socket s, ByteBuffer[] buffers, int ancbufsize, int flags) throws IOException {
        if (ancbufsize < 0) throw new IllegalArgumentException("negative ancillary buffer size in recvmsg_into: " + ancbufsize);
        MsgHdr h = perThread(Math.max(1, buffers.length), ancbufsize);
        int n = recvMsgInto(s, buffers, h, ancbufsize, flags);
        try {
            return new Message(n, new byte[0], received(h), h.flags(), h.address());
        } catch (RuntimeException e) {
            h.closeReceivedFds();
            throw e;
        }
    }

    /** The zero-allocation form: scatters into direct buffers; what else came is read from {@code h}. */
    static int recvMsgInto(Socket s, ByteBuffer[] buffers, MsgHdr h, int ancbufsize, int flags) throws IOException {
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length > h.maxBuffers) {
            throw new IllegalArgumentException(buffers.length + " buffers, the MsgHdr has room for " + h.maxBuffers);
        }
        for (ByteBuffer b : buffers) {
            if (b.isReadOnly()) throw new java.nio.ReadOnlyBufferException();
        }
        Scratch.Area staged = stage(buffers, false);
        int off = 0;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer b = buffers[i];
            int len = b.remaining();
            if (b.isDirect()) {
                h.setIovec(i, Addresses.of(b) + b.position(), len);
            } else {
                h.setIovec(i, staged.address() + off, len);
                off += len;
            }
        }
        int n = receive(s, h, Math.min(ancbufsize, h.controlCapacity), flags, "recvmsg_into", buffers.length);
        // Copy staged heap bytes back, then move every position past what arrived.
        int left = n;
        off = 0;
        for (ByteBuffer b : buffers) {
            int take = Math.min(left, b.remaining());
            if (!b.isDirect()) {
                b.put(b.position(), staged.buffer(), staged.offset() + off, take);
                off += b.remaining();
            }
            left -= take;
        }
        advance(buffers, n);
        return n;
    }

    private static int receive(Socket s, MsgHdr h, int control, int flags, String call) throws IOException {
        return receive(s, h, control, flags, call, 1);
    }

    private static int receive(Socket s, MsgHdr h, int control, int flags, String call, int iovCount) throws IOException {
        h.prepare(iovCount, 0, true);
        MsgLayout.setControlLength(h.mem, 0, control); // ask for no more than the caller's ancbufsize
        long n;
        try {
            n = s.messageCall(h.address, flags, true, call, null);
        } catch (SocketClosedException e) {
            // A close can race a receive that did bring fds (with a message of no bytes): close them.
            h.received();
            h.closeReceivedFds();
            throw e;
        }
        h.received();
        // A partial set of fds is of no use to anyone and would leak: close what did arrive.
        if ((h.flags() & Sockets.MSG_CTRUNC) != 0) h.closeReceivedFds();
        return (int) n;
    }

    /** The received items, without SCM_RIGHTS items whose fds were closed for MSG_CTRUNC. */
    private static List<Ancillary> received(MsgHdr h) {
        List<Ancillary> all = h.ancillary();
        if ((h.flags() & Sockets.MSG_CTRUNC) == 0) return all;
        List<Ancillary> kept = new ArrayList<>(all.size());
        for (Ancillary a : all) {
            if (!a.is(Sockets.SOL_SOCKET, Sockets.SCM_RIGHTS)) kept.add(a);
        }
        return kept;
    }

    /** One native area for the heap buffers' bytes (copied in when sending); null when all are direct. */
    private static Scratch.Area stage(ByteBuffer[] buffers, boolean copyIn) {
        int heap = 0;
        for (ByteBuffer b : buffers) {
            Objects.requireNonNull(b, "buffer");
            if (!b.isDirect()) heap += b.remaining();
        }
        if (heap == 0) return null;
        Scratch.Area a = Scratch.get().data(heap);
        if (copyIn) {
            int off = 0;
            for (ByteBuffer b : buffers) {
                if (b.isDirect()) continue;
                a.buffer().put(a.offset() + off, b, b.position(), b.remaining());
                off += b.remaining();
            }
        }
        return a;
    }

    /** Moves the buffers' positions past {@code n} bytes, in order. */
    private static void advance(ByteBuffer[] buffers, long n) {
        for (ByteBuffer b : buffers) {
            int take = (int) Math.min(n, b.remaining());
            b.position(b.position() + take);
            n -= take;
        }
    }
}
