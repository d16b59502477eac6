package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Sockets;
import io.jsock.internal.Consts;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A TCP, UDP or other inet socket as sock_diag describes it ({@code inet_diag_msg} and its
 * attributes); every attribute stays in {@link #attributes()}.
 *
 * @param state TCP_ state (UDP sockets are TCP_CLOSE unconnected, TCP_ESTABLISHED connected)
 * @param interfaceIndex the device the socket is bound to, or 0
 * @param receiveQueue bytes waiting to be read; for a listener, connections waiting to be accepted
 * @param sendQueue bytes not yet acknowledged; for a listener, the backlog
 * @param inode the socket's inode (0 for TIME-WAIT and SYN-RECV entries, which have none)
 * @param v6Only IPV6_V6ONLY of an AF_INET6 socket, or null
 */
public record InetSocketInfo(int family, int protocol, int state, InetAddress localAddress, int localPort,
                             InetAddress remoteAddress, int remotePort, int interfaceIndex, long cookie, int timer,
                             int retransmits, int receiveQueue, int sendQueue, int uid, long inode, Boolean v6Only,
                             NetlinkAttributes attributes) {
    static final Field FAMILY = Field.of("inet_diag_msg", "idiag_family");
    static final Field STATE = Field.of("inet_diag_msg", "idiag_state");
    static final Field TIMER = Field.of("inet_diag_msg", "idiag_timer");
    static final Field RETRANS = Field.of("inet_diag_msg", "idiag_retrans");
    static final Field ID = Field.of("inet_diag_msg", "id");
    static final Field RQUEUE = Field.of("inet_diag_msg", "idiag_rqueue");
    static final Field WQUEUE = Field.of("inet_diag_msg", "idiag_wqueue");
    static final Field UID = Field.of("inet_diag_msg", "idiag_uid");
    static final Field INODE = Field.of("inet_diag_msg", "idiag_inode");
    static final Field SPORT = Field.of("inet_diag_sockid", "idiag_sport");
    static final Field DPORT = Field.of("inet_diag_sockid", "idiag_dport");
    static final Field SRC = Field.of("inet_diag_sockid", "idiag_src");
    static final Field DST = Field.of("inet_diag_sockid", "idiag_dst");
    static final Field IF = Field.of("inet_diag_sockid", "idiag_if");
    static final Field COOKIE = Field.of("inet_diag_sockid", "idiag_cookie");
    static final int HEADER = Consts.sizeOf("inet_diag_msg");

    /**
     * The socket a SOCK_DIAG_BY_FAMILY reply for {@code protocol} describes (the message itself
     * names only the family; the protocol is the request's).
     *
     * @throws NetlinkParseException if the message is too short or an attribute has the wrong size
     */
    public static InetSocketInfo decode(NetlinkMessage m, int protocol) {
        ByteBuffer p = m.payload();
        if (p.limit() < HEADER) throw new NetlinkParseException("inet_diag_msg of " + p.limit() + " bytes, not " + HEADER);
        NetlinkAttributes a = NetlinkAttributes.parse(p, HEADER, p.limit() - HEADER);
        int family = FAMILY.getInt(p, 0);
        int id = ID.offset();
        Integer v6only = a.u8(INET_DIAG_SKV6ONLY);
        Integer proto = a.u8(INET_DIAG_PROTOCOL);
        return new InetSocketInfo(family, proto != null ? proto : protocol, STATE.getInt(p, 0),
                address(family, SRC.bytes(p, id)), bigEndian(SPORT.bytes(p, id)), address(family, DST.bytes(p, id)),
                bigEndian(DPORT.bytes(p, id)), IF.getInt(p, id), COOKIE.get(p, id), TIMER.getInt(p, 0), RETRANS.getInt(p, 0),
                RQUEUE.getInt(p, 0), WQUEUE.getInt(p, 0), UID.getInt(p, 0), INODE.get(p, 0),
                v6only == null ? null : v6only != 0, a);
    }

    /** Ports are __be16: network byte order, whatever the host's. */
    private static int bigEndian(byte[] port) {
        int v = 0;
        for (byte b : port) v = (v << 8) | Byte.toUnsignedInt(b);
        return v;
    }

    /** The address in idiag_src/idiag_dst: its first 4 bytes for AF_INET, all 16 for AF_INET6. */
    private static InetAddress address(int family, byte[] raw) {
        try {
            if (family == Sockets.AF_INET) return InetAddress.getByAddress(Arrays.copyOf(raw, 4));
            if (family == Sockets.AF_INET6 && raw.length == 16) return Inet6Address.getByAddress(null, raw, -1);
            return null;
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "InetSocketInfo[" + (localAddress == null ? "?" : localAddress.getHostAddress()) + ":" + localPort + " -> "
                + (remoteAddress == null ? "?" : remoteAddress.getHostAddress()) + ":" + remotePort + ", state " + state
                + ", inode " + inode + "]";
    }
}
