package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.ErrnoDetail;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.SocketError;
import io.jsock.SocketTimeout;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.WouldBlock;
import io.jsock.internal.Consts;
import io.jsock.internal.Errors;
import java.io.Closeable;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A netlink socket that speaks request and reply: {@link #execute} fills in a request's length,
 * sequence number and port id, sends it to the kernel and gathers the replies until the kernel
 * has said all it will: an ACK, an error, a multipart reply up to its NLMSG_DONE, or a reply
 * complete in itself with nothing after it. Every reply must come from the kernel (port 0) and
 * carry this connection's port id and the request's sequence number; an NLMSG_ERROR becomes a
 * {@link NetlinkException} with the kernel's extended ACK, an interrupted dump a
 * {@link NetlinkDumpInterruptedException}. Each datagram is read whole: its size is asked of the
 * kernel first, so nothing is ever truncated.
 *
 * <p>No wait is without end unless the caller asks for one. The socket's timeout bounds every
 * wait: a connection starts with {@link #DEFAULT_TIMEOUT}, and {@code socket().setTimeout(...)}
 * changes it. {@link #execute} waits at most that long for each answer of the kernel
 * (notifications that arrive meanwhile do not extend it), and when the caller made the socket
 * blocking (null) or non-blocking (zero) it still waits at most {@link #DEFAULT_TIMEOUT}, then
 * throws {@link SocketTimeout}; it leaves the socket's timeout as it found it. {@link #receive()}
 * waits as the socket's timeout says, so only a caller who made the socket blocking waits there
 * for ever.
 *
 * <p>A connection that joins multicast groups receives their notifications with
 * {@link #receive()}; notifications that arrive during an exchange are kept for it. One thread
 * at a time: the methods are synchronized, so use a second connection for events when requests
 * must not wait behind a blocked {@code receive}.
 */
public final class NetlinkConnection implements Closeable {
    /**
     * The timeout a connection's socket starts with, and the longest {@link #execute} waits for an
     * answer of the kernel when the caller made the socket blocking or non-blocking: 30 seconds.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final SockAddr KERNEL = SockAddr.netlink(0, 0);
    private static final int ENOPROTOOPT = Consts.get("ENOPROTOOPT");

    private final Socket socket;
    private final int protocol;
    private final int portId;
    private final Deque<NetlinkMessage> notifications = new ArrayDeque<>();
    private final ByteBuffer sizeProbe = ByteBuffer.allocateDirect(0);
    private ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(32 * 1024).order(ByteOrder.nativeOrder());
    private int seq;

    private NetlinkConnection(Socket socket, int protocol, int portId) {
        this.socket = socket;
        this.protocol = protocol;
        this.portId = portId;
    }

    /** A connection on {@code protocol} (NETLINK_ROUTE, NETLINK_GENERIC, ...), joined to no group. */
    public static NetlinkConnection open(int protocol) throws IOException {
        return open(protocol, 0);
    }

    /**
     * An AF_NETLINK socket of {@code protocol} with the timeout {@link #DEFAULT_TIMEOUT}, bound to
     * a port id the kernel assigns and to the legacy {@code groups} bitmask, with extended ACKs
     * and strict checking turned on where the kernel has them.
     */
    public static NetlinkConnection open(int protocol, int groups) throws IOException {
        Socket s = Socket.open(Family.NETLINK, Type.RAW, protocol);
        try {
            s.setTimeout(DEFAULT_TIMEOUT);
            s.bind(SockAddr.netlink(0, groups));
            enableIfKnown(s, NETLINK_EXT_ACK);
            enableIfKnown(s, NETLINK_GET_STRICT_CHK);
            int port = ((SockAddr.Netlink) s.getSockName()).pid();
            return new NetlinkConnection(s, protocol, port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** An option that older kernels lack (ENOPROTOOPT) is simply not used. */
    private static void enableIfKnown(Socket s, int option) throws IOException {
        if (option < 0) return;
        try {
            s.setSockOpt(SOL_NETLINK, option, 1);
        } catch (SocketError e) {
            if (e.errno() != ENOPROTOOPT) throw e;
        }
    }

    /** The socket, for its timeout and the options of {@link NetlinkOptions}. */
    public Socket socket() {
        return socket;
    }

    public int protocol() {
        return protocol;
    }

    /** The port id the kernel assigned: the {@code nlmsg_pid} of every reply. */
    public int portId() {
        return portId;
    }

    /** NETLINK_ADD_MEMBERSHIP: notifications of {@code group} arrive from now on, for {@link #receive()}. */
    public synchronized void joinGroup(int group) throws IOException {
        NetlinkOptions.addMembership(socket, group);
    }

    public synchronized void leaveGroup(int group) throws IOException {
        NetlinkOptions.dropMembership(socket, group);
    }

    /**
     * Sends {@code request} with NLM_F_ACK and returns the replies the kernel sends before it ends
     * the exchange: a dump's messages (NLMSG_DONE is not among them), a single reply, or none
     * (an ACK). Whether the request is a dump is the kernel's decision, not this method's: the
     * bits of NLM_F_DUMP are also NLM_F_REPLACE and NLM_F_EXCL, and the kernel dumps a GET
     * (rtnetlink and sock_diag with either bit, generic netlink with both), nothing else. So the
     * exchange ends on what the kernel sends: an ACK or an error (NLMSG_ERROR), an NLMSG_DONE, or
     * a reply without NLM_F_MULTI when nothing follows it (the kernel answers a request while the
     * request is being sent, so what it answers at once is already queued).
     *
     * @throws NetlinkException the kernel refused the request
     * @throws NetlinkDumpInterruptedException the dump was interrupted by a change (ask again)
     * @throws SocketTimeout the kernel sent nothing for the request in the time the class
     *     comment says (its answers may then arrive later; the next request skips them)
     * @throws ProtocolException a reply for another request, or from another port
     * @throws NetlinkParseException a reply that is not well-formed netlink
     */
    public synchronized List<NetlinkMessage> execute(MessageBuilder request) throws IOException {
        request.addFlags(NLM_F_REQUEST | NLM_F_ACK);
        int mySeq = nextSeq();
        ByteBuffer bytes = request.build(mySeq, portId);
        Duration callers = socket.getTimeout();
        long bound = exchangeBound(callers);
        Throwable failure = null;
        try {
            return exchange(bytes, mySeq, request.name(), bound);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            restoreTimeout(callers, failure);
        }
    }

    private List<NetlinkMessage> exchange(ByteBuffer request, int mySeq, String call, long bound) throws IOException {
        socket.setTimeout(Duration.ofNanos(bound));
        socket.sendTo(request, KERNEL);
        List<NetlinkMessage> replies = new ArrayList<>();
        boolean interrupted = false;
        boolean complete = false; // the last reply stands alone: the exchange ends if nothing follows
        long deadline = System.nanoTime() + bound;
        while (true) {
            List<NetlinkMessage> mine = complete ? queuedReplies(mySeq) : receiveReplies(mySeq, deadline, bound, call);
            if (mine == null) return finish(call, replies, interrupted); // nothing followed the reply
            deadline = System.nanoTime() + bound; // the kernel is answering: the bound starts again
            for (NetlinkMessage m : mine) {
                int type = m.type();
                if (type == NLMSG_NOOP) continue;
                if (type == NLMSG_OVERRUN) throw new ProtocolException(call + ": NLMSG_OVERRUN: the kernel lost data");
                if (type == NLMSG_ERROR) {
                    NetlinkException e = NetlinkException.fromError(m, call);
                    if (e != null) throw e;
                    return finish(call, replies, interrupted); // the ACK
                }
                if (type == NLMSG_DONE) {
                    NetlinkException e = NetlinkException.fromDone(m, call);
                    if (e != null) throw e;
                    interrupted |= m.hasFlag(NLM_F_DUMP_INTR);
                    return finish(call, replies, interrupted);
                }
                interrupted |= m.hasFlag(NLM_F_DUMP_INTR);
                replies.add(m);
                complete = !m.hasFlag(NLM_F_MULTI);
            }
        }
    }

    /** The caller's positive timeout, else the default: what execute waits at most for each answer. */
    private static long exchangeBound(Duration callers) {
        Duration d = callers == null || callers.isZero() ? DEFAULT_TIMEOUT : callers;
        try {
            return d.toNanos();
        } catch (ArithmeticException centuries) {
            return Long.MAX_VALUE;
        }
    }

    /** Gives the socket back its caller's timeout; a failure to do so joins the exchange's own. */
    private void restoreTimeout(Duration callers, Throwable failure) throws IOException {
        try {
            if (!java.util.Objects.equals(socket.getTimeout(), callers)) socket.setTimeout(callers);
        } catch (IOException | RuntimeException e) {
            if (failure == null) throw e;
            failure.addSuppressed(e);
        }
    }

    private static List<NetlinkMessage> finish(String call, List<NetlinkMessage> replies, boolean interrupted)
            throws NetlinkDumpInterruptedException {
        if (interrupted) throw new NetlinkDumpInterruptedException(call, replies);
        return Collections.unmodifiableList(replies);
    }

    /**
     * The next notifications of the groups joined: those kept from earlier exchanges first, else
     * the messages of the next datagram from the kernel. Waits as the socket's timeout says (from
     * {@link #DEFAULT_TIMEOUT}), in all: datagrams that are not notifications do not extend it.
     * (NETLINK_KOBJECT_UEVENT multicasts plain text, not netlink messages: read its socket directly.)
     *
     * @throws SocketTimeout no notification came in the socket's timeout
     */
    public synchronized List<NetlinkMessage> receive() throws IOException {
        Duration callers = socket.getTimeout();
        boolean bounded = callers != null && !callers.isZero();
        long bound = bounded ? exchangeBound(callers) : 0;
        long deadline = System.nanoTime() + bound;
        Throwable failure = null;
        try {
            while (notifications.isEmpty()) {
                if (bounded) setRemaining(deadline, bound, "receive");
                Received r = receiveDatagram(0);
                if (r == null) continue;
                if (r.multicast) {
                    notifications.addAll(r.messages);
                } // a unicast now is a late reply to an abandoned request: nothing waits for it
            }
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            restoreTimeout(callers, failure);
        }
        List<NetlinkMessage> out = new ArrayList<>(notifications);
        notifications.clear();
        return out;
    }

    /**
     * The replies in the next datagram for request {@code mySeq} that arrives before
     * {@code deadline}; notifications are kept aside.
     */
    private List<NetlinkMessage> receiveReplies(int mySeq, long deadline, long bound, String call) throws IOException {
        while (true) {
            setRemaining(deadline, bound, call);
            List<NetlinkMessage> mine = replies(receiveDatagram(0), mySeq);
            if (mine != null) return mine;
        }
    }

    /** The replies for {@code mySeq} already queued on the socket, or null when none are. */
    private List<NetlinkMessage> queuedReplies(int mySeq) throws IOException {
        while (true) {
            Received r;
            try {
                r = receiveDatagram(Sockets.MSG_DONTWAIT);
            } catch (WouldBlock nothingMore) {
                return null;
            }
            List<NetlinkMessage> mine = replies(r, mySeq);
            if (mine != null) return mine;
        }
    }

    /** The socket's timeout set to what is left before {@code deadline}; none left is a timeout. */
    private void setRemaining(long deadline, long bound, String call) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            String text = "timed out: nothing from the kernel in " + Duration.ofNanos(bound).toMillis() + " ms";
            throw new SocketTimeout(new ErrnoDetail(Errors.ETIMEDOUT, "ETIMEDOUT", text, call, null));
        }
        socket.setTimeout(Duration.ofNanos(left));
    }

    /**
     * The messages of {@code r} that answer request {@code mySeq}, or null when it has none
     * (a datagram from another process, a notification, kept for {@link #receive()}, a late
     * answer to an abandoned request).
     */
    private List<NetlinkMessage> replies(Received r, int mySeq) throws ProtocolException {
        if (r == null) return null;
        if (r.multicast) {
            notifications.addAll(r.messages);
            return null;
        }
        List<NetlinkMessage> mine = new ArrayList<>(r.messages.size());
        for (NetlinkMessage m : r.messages) {
            if (m.seq() == mySeq && m.portId() == portId) {
                mine.add(m);
            } else if (m.portId() == portId && m.seq() - mySeq < 0 && m.seq() != 0) {
                continue; // a late reply to an earlier request that was abandoned (a timeout)
            } else {
                throw new ProtocolException("netlink reply with sequence " + Integer.toUnsignedString(m.seq())
                        + " and port " + Integer.toUnsignedString(m.portId()) + " to request " + Integer.toUnsignedString(mySeq)
                        + " of port " + Integer.toUnsignedString(portId));
            }
        }
        return mine.isEmpty() ? null : mine;
    }

    private record Received(List<NetlinkMessage> messages, boolean multicast) {}

    /**
     * One datagram, read whole, waiting as the socket's timeout says (or not at all with
     * MSG_DONTWAIT in {@code flags}). Null when it did not come from the kernel: another process
     * may send to our port, but nothing it sends is a reply or a notification.
     */
    private Received receiveDatagram(int flags) throws IOException {
        int size = socket.recvInto(sizeProbe.clear(), Sockets.MSG_PEEK | Sockets.MSG_TRUNC | flags);
        if (size > receiveBuffer.capacity()) {
            receiveBuffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        }
        receiveBuffer.clear();
        SockAddr.Netlink from = (SockAddr.Netlink) socket.recvFromInto(receiveBuffer, flags);
        if (from == null || from.pid() != 0) return null;
        receiveBuffer.flip();
        ByteBuffer copy = ByteBuffer.allocate(receiveBuffer.remaining()).order(ByteOrder.nativeOrder());
        copy.put(receiveBuffer).flip();
        return new Received(NetlinkMessage.parse(copy), from.groups() != 0);
    }

    private int nextSeq() {
        seq++;
        if (seq == 0) seq = 1; // 0 is what notifications carry
        return seq;
    }

    /** Closes the socket; a failure of close(2) (EBADF: the fd was closed behind its back) is unchecked here. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "NetlinkConnection[protocol=" + protocol + ", port=" + Integer.toUnsignedString(portId) + "]";
    }
}
