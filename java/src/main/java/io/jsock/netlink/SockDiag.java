package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Sockets;
import io.jsock.internal.Consts;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * sock_diag over a {@link NetlinkConnection}: the TCP, UDP and UNIX sockets of the namespace, as
 * {@code ss} lists them, with state, addresses, inode, queues and owner.
 *
 * <pre>{@code
 * try (SockDiag diag = SockDiag.open()) {
 *     for (InetSocketInfo s : diag.tcp(AF_INET, SockDiag.ALL_STATES)) System.out.println(s);
 * }
 * }</pre>
 */
public final class SockDiag implements Closeable {
    /** A state mask with every state: bit N stands for TCP_ state N. */
    public static final int ALL_STATES = -1;

    private static final Field REQ_FAMILY = Field.of("inet_diag_req_v2", "sdiag_family");
    private static final Field REQ_PROTOCOL = Field.of("inet_diag_req_v2", "sdiag_protocol");
    private static final Field REQ_STATES = Field.of("inet_diag_req_v2", "idiag_states");
    private static final int REQ_SIZE = Consts.sizeOf("inet_diag_req_v2");
    private static final Field UREQ_FAMILY = Field.of("unix_diag_req", "sdiag_family");
    private static final Field UREQ_STATES = Field.of("unix_diag_req", "udiag_states");
    private static final Field UREQ_SHOW = Field.of("unix_diag_req", "udiag_show");
    private static final int UREQ_SIZE = Consts.sizeOf("unix_diag_req");

    private final NetlinkConnection connection;

    private SockDiag(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** A NETLINK_SOCK_DIAG connection of its own, for the namespace of the calling thread. */
    public static SockDiag open() throws IOException {
        return new SockDiag(NetlinkConnection.open(NETLINK_SOCK_DIAG));
    }

    public NetlinkConnection connection() {
        return connection;
    }

    /** The state mask of these TCP_ states, for the {@code states} arguments. */
    public static int states(int... tcpStates) {
        int mask = 0;
        for (int s : tcpStates) {
            if (s < 0 || s > 31) throw new IllegalArgumentException("no TCP state " + s);
            mask |= 1 << s;
        }
        return mask;
    }

    /** TCP sockets of {@code family} (AF_INET, AF_INET6, or AF_UNSPEC for both) in the states of the mask. */
    public List<InetSocketInfo> tcp(int family, int states) throws IOException {
        return inet(family, Sockets.IPPROTO_TCP, states);
    }

    /** UDP sockets (state TCP_CLOSE when unconnected, TCP_ESTABLISHED when connected). */
    public List<InetSocketInfo> udp(int family, int states) throws IOException {
        return inet(family, Sockets.IPPROTO_UDP, states);
    }

    /** Sockets of an inet protocol (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE, IPPROTO_RAW, ...), IPv4 before IPv6. */
    public List<InetSocketInfo> inet(int family, int protocol, int states) throws IOException {
        if (family == Sockets.AF_UNSPEC) {
            List<InetSocketInfo> both = new ArrayList<>(inet(Sockets.AF_INET, protocol, states));
            both.addAll(inet(Sockets.AF_INET6, protocol, states));
            return both;
        }
        if (family != Sockets.AF_INET && family != Sockets.AF_INET6) {
            throw new IllegalArgumentException("inet sockets are AF_INET or AF_INET6, not family " + family);
        }
        MessageBuilder m = new MessageBuilder(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, "SOCK_DIAG_BY_FAMILY");
        int h = m.reserve(REQ_SIZE);
        m.set(REQ_FAMILY, h, family);
        m.set(REQ_PROTOCOL, h, protocol);
        m.set(REQ_STATES, h, states);
        List<InetSocketInfo> out = new ArrayList<>();
        for (NetlinkMessage r : connection.execute(m)) {
            if (r.type() == SOCK_DIAG_BY_FAMILY) out.add(InetSocketInfo.decode(r, protocol));
        }
        return out;
    }

    /** UNIX sockets in the states of the mask, with names, peers, queues, inodes and owners. */
    public List<UnixSocketInfo> unix(int states) throws IOException {
        MessageBuilder m = new MessageBuilder(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, "SOCK_DIAG_BY_FAMILY");
        int h = m.reserve(UREQ_SIZE);
        m.set(UREQ_FAMILY, h, Sockets.AF_UNIX);
        m.set(UREQ_STATES, h, states);
        m.set(UREQ_SHOW, h, UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID);
        List<UnixSocketInfo> out = new ArrayList<>();
        for (NetlinkMessage r : connection.execute(m)) {
            if (r.type() == SOCK_DIAG_BY_FAMILY) out.add(UnixSocketInfo.decode(r));
        }
        return out;
    }

    @Override
    public void close() {
        connection.close();
    }
}
