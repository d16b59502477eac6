package io.jsock.tipc;

import io.jsock.Ancillary;
import io.jsock.MsgHdr;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a member of a TIPC communication group receives (a socket that joined with
 * {@link io.jsock.SockOpt#TIPC_GROUP_JOIN}): a message from another member, or, where it joined
 * with {@link io.jsock.TipcGroupReq#MEMBER_EVENTS}, the event of a member joining or leaving.
 * The kernel marks an event as an empty message with MSG_OOB (and MSG_EOR for a member that
 * left), and names the member in a second {@code sockaddr_tipc} after the sender's.
 *
 * @param kind a message, or which event
 * @param data the message's bytes (empty for an event)
 * @param flags the receive's flags (MSG_OOB, MSG_EOR, MSG_TRUNC, ...)
 * @param sender the sending member's socket
 * @param member the member's service address in the group ({group type, member instance}), or
 *     null where the kernel named none
 * @param destName the TIPC_DESTNAME item, the service the message was sent to, or null
 * @param ancillary every ancillary item that came
 */
public record GroupMessage(Kind kind, byte[] data, int flags, SockAddr.TipcId sender, SockAddr.TipcName member,
                           SockAddr.TipcNameSeq destName, List<Ancillary> ancillary) {
    /** What was received. */
    public enum Kind {
        /** Data from a member (a unicast, anycast, multicast or broadcast in the group). */
        MESSAGE,
        /** A member joined the group (MSG_OOB). */
        MEMBER_UP,
        /** A member left the group (MSG_OOB with MSG_EOR). */
        MEMBER_DOWN
    }

    private static final int ANCILLARY_ROOM = 512;

    /** A kind and the data; the rest as the kernel gave it. */
    public GroupMessage {
        Objects.requireNonNull(kind, "kind");
        data = Objects.requireNonNull(data, "data").clone();
        ancillary = List.copyOf(ancillary);
    }

    /** A copy of the data. */
    @Override public byte[] data() {
        return data.clone();
    }

    /** Whether this is a member event rather than data. */
    public boolean isEvent() {
        return kind != Kind.MESSAGE;
    }

    /**
     * Receives one message or event of at most {@code bufsize} bytes on a group member's socket
     * (blocking within its timeout).
     */
    public static GroupMessage receive(Socket socket, int bufsize) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (bufsize < 0) throw new IllegalArgumentException("negative buffer size: " + bufsize);
        MsgHdr h = new MsgHdr(1, ANCILLARY_ROOM);
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, bufsize));
        buffer.limit(bufsize);
        int n = socket.recvMsgInto(new ByteBuffer[] {buffer}, h, 0);
        byte[] data = new byte[Math.min(n, bufsize)];
        buffer.flip().get(data);
        return of(data, h.flags(), h.addressBytes(), h.ancillary());
    }

    /**
     * The message or event of a receive: its data, flags, the raw address the kernel wrote
     * ({@link MsgHdr#addressBytes()}) and its ancillary items.
     */
    public static GroupMessage of(byte[] data, int flags, byte[] address, List<Ancillary> ancillary) {
        Objects.requireNonNull(address, "address");
        ByteBuffer a = ByteBuffer.wrap(address).order(ByteOrder.nativeOrder());
        int one = SockAddr.Tipc.LENGTH;
        SockAddr first = SockAddr.decode(a, 0, address.length);
        SockAddr.TipcId sender = first instanceof SockAddr.TipcId id ? id : null;
        SockAddr.TipcName member = null;
        if (address.length >= 2 * one && SockAddr.decode(a, one, one) instanceof SockAddr.TipcName name) member = name;
        SockAddr.TipcNameSeq destName = null;
        for (Ancillary item : ancillary) {
            if (item.is(Sockets.SOL_TIPC, Sockets.TIPC_DESTNAME)) destName = item.tipcDestName();
        }
        Kind kind = (flags & Sockets.MSG_OOB) == 0 ? Kind.MESSAGE
                : (flags & Sockets.MSG_EOR) != 0 ? Kind.MEMBER_DOWN : Kind.MEMBER_UP;
        return new GroupMessage(kind, data, flags, sender, member, destName, ancillary);
    }

    @Override public boolean equals(Object o) {
        return o instanceof GroupMessage m && m.kind == kind && Arrays.equals(m.data, data) && m.flags == flags
                && Objects.equals(m.sender, sender) && Objects.equals(m.member, member)
                && Objects.equals(m.destName, destName) && m.ancillary.equals(ancillary);
    }

    @Override public int hashCode() {
        return Objects.hash(kind, flags, sender, member, destName, ancillary) * 31 + Arrays.hashCode(data);
    }

    @Override public String toString() {
        return "GroupMessage[" + kind + ", " + (data.length <= 32 ? HexFormat.of().formatHex(data) : data.length + " bytes")
                + ", flags=0x" + Integer.toHexString(flags) + ", sender=" + sender + ", member=" + member
                + (destName == null ? "" : ", destName=" + destName) + "]";
    }
}
