package io.jsock;

import io.jsock.internal.MsgLayout;
import io.jsock.internal.Scratch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * sendmsg and recvmsg for {@link Socket}: ancillary data, the call, and the rule that fds
 * arriving with a truncated control buffer (MSG_CTRUNC) are closed at once. The buffers'
 * iovecs and staging are {@link IoVectors}'.
 */
final class Messages {
    /** Each thread's MsgHdr for the calls that build their result as objects anyway. */
    private static final ThreadLocal<MsgHdr> PER_THREAD = new ThreadLocal<>();
    /**
     * The most ancillary room one receive gets, the most ancillary data one send takes, and what
     * a thread keeps between calls. SCM_MAX_FD (253) fds take about 1 KiB and the kernel's other
     * items less: an ancbufsize above this is served as this, never allocated as asked.
     */
    static final int MAX_CONTROL = 64 * 1024;

    private Messages() {}

    private static MsgHdr perThread(int buffers, int control) {
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
        Objects.requireNonNull(buffers, "buffers");
        ByteBuffer[] wrapped = new ByteBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == null) throw new NullPointerException("buffers[" + i + "]");
            wrapped[i] = ByteBuffer.wrap(buffers[i]);
        }
        return sendMsg(s, wrapped, ancillary, flags, to);
    }

    static int sendMsg(Socket s, ByteBuffer[] buffers, List<Ancillary> ancillary, int flags, SockAddr to) throws IOException {
        Objects.requireNonNull(ancillary, "ancillary");
        IoVectors.check(buffers, false, "sendmsg");
        long control = 0;
        for (Ancillary a : ancillary) control += Sockets.cmsgSpace(Objects.requireNonNull(a, "ancillary item").data().length);
        if (control > MAX_CONTROL) {
            // The kernel copies control data into socket memory bounded by net.core.optmem_max
            // (20 KiB by default): more would be ENOBUFS, and this bound keeps it off the JVM too.
            throw new IllegalArgumentException("sendmsg: ancillary data of " + control + " bytes, at most " + MAX_CONTROL);
        }
        MsgHdr h = perThread(Math.max(1, buffers.length), (int) control);
        h.clearAncillary();
        for (Ancillary a : ancillary) h.addAncillary(a);
        return sendMsg(s, buffers, h, flags, to);
    }

    /** The zero-allocation form: the ancillary data is what {@code h} holds (maybe none). */
    static int sendMsg(Socket s, ByteBuffer[] buffers, MsgHdr h, int flags, SockAddr to) throws IOException {
        Objects.requireNonNull(h, "header");
        if (to != null) s.checkFamily(to, "sendmsg");
        int iovecs = IoVectors.lay(buffers, h, false, s.type(), "sendmsg");
        int nameLength = to == null ? 0 : to.encode(h.mem, h.nameAt);
        h.prepare(iovecs, nameLength, false);
        long sent = s.messageCall(h.address, flags, false, "sendmsg", to);
        IoVectors.finish(buffers, sent, false);
        return (int) sent;
    }

    /**
     * {@code recvmsg(bufsize, ancbufsize, flags)}: at most {@link Socket#MAX_STAGED} bytes and
     * {@link #MAX_CONTROL} bytes of ancillary data per call, whatever the sizes ask.
     */
    static Message recvMsg(Socket s, int bufsize, int ancbufsize, int flags) throws IOException {
        if (bufsize < 0) throw new IllegalArgumentException("negative buffer size in recvmsg: " + bufsize);
        if (ancbufsize < 0) throw new IllegalArgumentException("negative ancillary buffer size in recvmsg: " + ancbufsize);
        int size = Math.min(bufsize, Socket.MAX_STAGED);
        int control = Math.min(ancbufsize, MAX_CONTROL);
        MsgHdr h = perThread(1, control);
        Scratch.Area a = Scratch.get().data(size);
        h.setIovec(0, a.address(), size);
        int n = receive(s, h, control, flags, "recvmsg", 1);
        try {
            byte[] data = new byte[Math.min(n, size)];
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
        IoVectors.check(buffers, true, "recvmsg_into");
        int control = Math.min(ancbufsize, MAX_CONTROL);
        MsgHdr h = perThread(Math.max(1, buffers.length), control);
        int n = recvMsgInto(s, buffers, h, control, flags);
        try {
            return new Message(n, new byte[0], received(h), h.flags(), h.address());
        } catch (RuntimeException e) {
            h.closeReceivedFds();
            throw e;
        }
    }

    /** The zero-allocation form: scatters into direct buffers; what else came is read from {@code h}. */
    static int recvMsgInto(Socket s, ByteBuffer[] buffers, MsgHdr h, int ancbufsize, int flags) throws IOException {
        Objects.requireNonNull(h, "header");
        int iovecs = IoVectors.lay(buffers, h, true, s.type(), "recvmsg_into");
        int n = receive(s, h, Math.min(ancbufsize, h.controlCapacity), flags, "recvmsg_into", iovecs);
        IoVectors.finish(buffers, n, true);
        return n;
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
}
