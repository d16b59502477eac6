package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.SocketError;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.internal.Consts;
import java.io.Closeable;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A netlink socket that speaks request and reply: {@link #execute} fills in a request's length,
 * sequence number and port id, sends it to the kernel and gathers the replies, a multipart dump
 * up to NLMSG_DONE or a single request up to its ACK. Every reply must come from the kernel (port
 * 0) and carry this connection's port id and the request's sequence number; an NLMSG_ERROR
 * becomes a {@link NetlinkException} with the kernel's extended ACK, an interrupted dump a
 * {@link NetlinkDumpInterruptedException}. Each datagram is read whole: its size is asked of the
 * kernel first, so nothing is ever truncated.
 *
 * <p>A connection that joins multicast groups receives their notifications with
 * {@link #receive()}; notifications that arrive during an exchange are kept for it. One thread
 * at a time: the methods are synchronized, so use a second connection for events when requests
 * must not wait behind a blocked {@code receive}.
 */
public final class NetlinkConnection implements Closeable {
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
     * A blocking AF_NETLINK socket of {@code protocol}, bound to a port id the kernel assigns and
     * to the legacy {@code groups} bitmask, with extended ACKs and strict checking turned on where
     * the kernel has them.
     */
    public static NetlinkConnection open(int protocol, int groups) throws IOException {
        Socket s = Socket.open(Family.NETLINK, Type.RAW, protocol);
        try {
            s.setTimeout(null);
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
     * Sends {@code request} and returns its replies. A request with NLM_F_DUMP returns every
     * message of the dump (NLMSG_DONE is not among them); any other request is sent with
     * NLM_F_ACK and returns the replies before the ACK, often none.
     *
     * @throws NetlinkException the kernel refused the request
     * @throws NetlinkDumpInterruptedException the dump was interrupted by a change (ask again)
     * @throws ProtocolException a reply for another request, or from another port
     * @throws NetlinkParseException a reply that is not well-formed netlink
     */
    public synchronized List<NetlinkMessage> execute(MessageBuilder request) throws IOException {
        boolean dump = (request.flags() & NLM_F_DUMP) == NLM_F_DUMP;
        if (!dump) request.addFlags(NLM_F_ACK);
        request.addFlags(NLM_F_REQUEST);
        int mySeq = nextSeq();
        socket.sendTo(request.build(mySeq, portId), KERNEL);

        String call = request.name();
        List<NetlinkMessage> replies = new ArrayList<>();
        boolean interrupted = false;
        while (true) {
            for (NetlinkMessage m : receiveReplies(mySeq)) {
                int type = m.type();
                if (type == NLMSG_NOOP) continue;
                if (type == NLMSG_OVERRUN) throw new ProtocolException(call + ": NLMSG_OVERRUN: the kernel lost data");
                if (type == NLMSG_ERROR) {
                    NetlinkException e = NetlinkException.fromError(m, call);
                    if (e != null) throw e;
                    return finish(call, replies, interrupted); // the ACK
                }
                if (type == NLMSG_DONE && dump) {
                    NetlinkException e = NetlinkException.fromDone(m, call);
                    if (e != null) throw e;
                    interrupted |= m.hasFlag(NLM_F_DUMP_INTR);
                    return finish(call, replies, interrupted);
                }
                interrupted |= m.hasFlag(NLM_F_DUMP_INTR);
                replies.add(m);
            }
        }
    }

    private static List<NetlinkMessage> finish(String call, List<NetlinkMessage> replies, boolean interrupted)
            throws NetlinkDumpInterruptedException {
        if (interrupted) throw new NetlinkDumpInterruptedException(call, replies);
        return Collections.unmodifiableList(replies);
    }

    /**
     * The next notifications of the groups joined: those kept from earlier exchanges first, else
     * the messages of the next datagram from the kernel. Blocks as the socket's timeout says.
     * (NETLINK_KOBJECT_UEVENT multicasts plain text, not netlink messages: read its socket directly.)
     */
    public synchronized List<NetlinkMessage> receive() throws IOException {
        while (notifications.isEmpty()) {
            Received r = receiveDatagram();
            if (r == null) continue;
            if (r.multicast) {
                notifications.addAll(r.messages);
            } // a unicast now is a late reply to an abandoned request: nothing waits for it
        }
        List<NetlinkMessage> out = new ArrayList<>(notifications);
        notifications.clear();
        return out;
    }

    /** The replies in the next datagram for request {@code mySeq}; notifications are kept aside. */
    private List<NetlinkMessage> receiveReplies(int mySeq) throws IOException {
        while (true) {
            Received r = receiveDatagram();
            if (r == null) continue;
            if (r.multicast) {
                notifications.addAll(r.messages);
                continue;
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
            if (!mine.isEmpty()) return mine;
        }
    }

    private record Received(List<NetlinkMessage> messages, boolean multicast) {}

    /**
     * One datagram, read whole. Null when it did not come from the kernel: another process may
     * send to our port, but nothing it sends is a reply or a notification.
     */
    private Received receiveDatagram() throws IOException {
        int size = socket.recvInto(sizeProbe.clear(), Sockets.MSG_PEEK | Sockets.MSG_TRUNC);
        if (size > receiveBuffer.capacity()) {
            receiveBuffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        }
        receiveBuffer.clear();
        SockAddr.Netlink from = (SockAddr.Netlink) socket.recvFromInto(receiveBuffer);
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
