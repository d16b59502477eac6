package io.jsock.netlink;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.internal.Consts;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * TIPC's generic netlink family, {@value #FAMILY_NAME}, as iproute2's {@code tipc} speaks it: the
 * node's identity and address, the nodes it knows, its bearers (enabled and disabled here), its
 * links with their statistics, the name table and the TIPC sockets of the namespace. The
 * namespace is that of the thread that opened the connection.
 *
 * <pre>{@code
 * try (TipcNetlink tipc = TipcNetlink.open()) {
 *     tipc.setNodeIdentity("node-a");          // before the first bearer
 *     tipc.enableEthernetBearer("eth0");
 *     for (TipcNetlink.Link l : tipc.links()) System.out.println(l.name() + " " + l.up());
 * }
 * }</pre>
 */
public final class TipcNetlink implements Closeable {
    /** TIPC_GENL_V2_NAME: the family's name for the generic netlink controller. */
    public static final String FAMILY_NAME = "TIPCv2";
    public static final int TIPC_GENL_V2_VERSION = Consts.get("TIPC_GENL_V2_VERSION");

    // Commands
    public static final int TIPC_NL_BEARER_DISABLE = Consts.get("TIPC_NL_BEARER_DISABLE");
    public static final int TIPC_NL_BEARER_ENABLE = Consts.get("TIPC_NL_BEARER_ENABLE");
    public static final int TIPC_NL_BEARER_GET = Consts.get("TIPC_NL_BEARER_GET");
    public static final int TIPC_NL_BEARER_SET = Consts.get("TIPC_NL_BEARER_SET");
    public static final int TIPC_NL_SOCK_GET = Consts.get("TIPC_NL_SOCK_GET");
    public static final int TIPC_NL_PUBL_GET = Consts.get("TIPC_NL_PUBL_GET");
    public static final int TIPC_NL_LINK_GET = Consts.get("TIPC_NL_LINK_GET");
    public static final int TIPC_NL_LINK_SET = Consts.get("TIPC_NL_LINK_SET");
    public static final int TIPC_NL_LINK_RESET_STATS = Consts.get("TIPC_NL_LINK_RESET_STATS");
    public static final int TIPC_NL_MEDIA_GET = Consts.get("TIPC_NL_MEDIA_GET");
    public static final int TIPC_NL_NODE_GET = Consts.get("TIPC_NL_NODE_GET");
    public static final int TIPC_NL_NET_GET = Consts.get("TIPC_NL_NET_GET");
    public static final int TIPC_NL_NET_SET = Consts.get("TIPC_NL_NET_SET");
    public static final int TIPC_NL_NAME_TABLE_GET = Consts.get("TIPC_NL_NAME_TABLE_GET");

    // Top-level attributes: each a nest
    public static final int TIPC_NLA_BEARER = Consts.get("TIPC_NLA_BEARER");
    public static final int TIPC_NLA_SOCK = Consts.get("TIPC_NLA_SOCK");
    public static final int TIPC_NLA_PUBL = Consts.get("TIPC_NLA_PUBL");
    public static final int TIPC_NLA_LINK = Consts.get("TIPC_NLA_LINK");
    public static final int TIPC_NLA_MEDIA = Consts.get("TIPC_NLA_MEDIA");
    public static final int TIPC_NLA_NODE = Consts.get("TIPC_NLA_NODE");
    public static final int TIPC_NLA_NET = Consts.get("TIPC_NLA_NET");
    public static final int TIPC_NLA_NAME_TABLE = Consts.get("TIPC_NLA_NAME_TABLE");

    public static final int TIPC_NLA_BEARER_NAME = Consts.get("TIPC_NLA_BEARER_NAME");
    public static final int TIPC_NLA_BEARER_PROP = Consts.get("TIPC_NLA_BEARER_PROP");
    public static final int TIPC_NLA_BEARER_DOMAIN = Consts.get("TIPC_NLA_BEARER_DOMAIN");
    public static final int TIPC_NLA_BEARER_UDP_OPTS = Consts.get("TIPC_NLA_BEARER_UDP_OPTS");
    public static final int TIPC_NLA_UDP_LOCAL = Consts.get("TIPC_NLA_UDP_LOCAL");
    public static final int TIPC_NLA_UDP_REMOTE = Consts.get("TIPC_NLA_UDP_REMOTE");

    public static final int TIPC_NLA_SOCK_ADDR = Consts.get("TIPC_NLA_SOCK_ADDR");
    public static final int TIPC_NLA_SOCK_REF = Consts.get("TIPC_NLA_SOCK_REF");
    public static final int TIPC_NLA_SOCK_CON = Consts.get("TIPC_NLA_SOCK_CON");
    public static final int TIPC_NLA_SOCK_HAS_PUBL = Consts.get("TIPC_NLA_SOCK_HAS_PUBL");
    public static final int TIPC_NLA_CON_FLAG = Consts.get("TIPC_NLA_CON_FLAG");
    public static final int TIPC_NLA_CON_NODE = Consts.get("TIPC_NLA_CON_NODE");
    public static final int TIPC_NLA_CON_SOCK = Consts.get("TIPC_NLA_CON_SOCK");
    public static final int TIPC_NLA_CON_TYPE = Consts.get("TIPC_NLA_CON_TYPE");
    public static final int TIPC_NLA_CON_INST = Consts.get("TIPC_NLA_CON_INST");

    public static final int TIPC_NLA_LINK_NAME = Consts.get("TIPC_NLA_LINK_NAME");
    public static final int TIPC_NLA_LINK_DEST = Consts.get("TIPC_NLA_LINK_DEST");
    public static final int TIPC_NLA_LINK_MTU = Consts.get("TIPC_NLA_LINK_MTU");
    public static final int TIPC_NLA_LINK_BROADCAST = Consts.get("TIPC_NLA_LINK_BROADCAST");
    public static final int TIPC_NLA_LINK_UP = Consts.get("TIPC_NLA_LINK_UP");
    public static final int TIPC_NLA_LINK_ACTIVE = Consts.get("TIPC_NLA_LINK_ACTIVE");
    public static final int TIPC_NLA_LINK_PROP = Consts.get("TIPC_NLA_LINK_PROP");
    public static final int TIPC_NLA_LINK_STATS = Consts.get("TIPC_NLA_LINK_STATS");
    public static final int TIPC_NLA_LINK_RX = Consts.get("TIPC_NLA_LINK_RX");
    public static final int TIPC_NLA_LINK_TX = Consts.get("TIPC_NLA_LINK_TX");

    public static final int TIPC_NLA_NODE_ADDR = Consts.get("TIPC_NLA_NODE_ADDR");
    public static final int TIPC_NLA_NODE_UP = Consts.get("TIPC_NLA_NODE_UP");

    public static final int TIPC_NLA_NET_ID = Consts.get("TIPC_NLA_NET_ID");
    public static final int TIPC_NLA_NET_ADDR = Consts.get("TIPC_NLA_NET_ADDR");
    public static final int TIPC_NLA_NET_NODEID = Consts.get("TIPC_NLA_NET_NODEID");
    public static final int TIPC_NLA_NET_NODEID_W1 = Consts.get("TIPC_NLA_NET_NODEID_W1");

    public static final int TIPC_NLA_NAME_TABLE_PUBL = Consts.get("TIPC_NLA_NAME_TABLE_PUBL");
    public static final int TIPC_NLA_PUBL_TYPE = Consts.get("TIPC_NLA_PUBL_TYPE");
    public static final int TIPC_NLA_PUBL_LOWER = Consts.get("TIPC_NLA_PUBL_LOWER");
    public static final int TIPC_NLA_PUBL_UPPER = Consts.get("TIPC_NLA_PUBL_UPPER");
    public static final int TIPC_NLA_PUBL_SCOPE = Consts.get("TIPC_NLA_PUBL_SCOPE");
    public static final int TIPC_NLA_PUBL_NODE = Consts.get("TIPC_NLA_PUBL_NODE");
    public static final int TIPC_NLA_PUBL_REF = Consts.get("TIPC_NLA_PUBL_REF");
    public static final int TIPC_NLA_PUBL_KEY = Consts.get("TIPC_NLA_PUBL_KEY");

    public static final int TIPC_NLA_PROP_PRIO = Consts.get("TIPC_NLA_PROP_PRIO");
    public static final int TIPC_NLA_PROP_TOL = Consts.get("TIPC_NLA_PROP_TOL");
    public static final int TIPC_NLA_PROP_WIN = Consts.get("TIPC_NLA_PROP_WIN");
    public static final int TIPC_NLA_PROP_MTU = Consts.get("TIPC_NLA_PROP_MTU");

    public static final int TIPC_NLA_STATS_RX_INFO = Consts.get("TIPC_NLA_STATS_RX_INFO");
    public static final int TIPC_NLA_STATS_RX_FRAGMENTS = Consts.get("TIPC_NLA_STATS_RX_FRAGMENTS");
    public static final int TIPC_NLA_STATS_RX_FRAGMENTED = Consts.get("TIPC_NLA_STATS_RX_FRAGMENTED");
    public static final int TIPC_NLA_STATS_RX_BUNDLES = Consts.get("TIPC_NLA_STATS_RX_BUNDLES");
    public static final int TIPC_NLA_STATS_RX_BUNDLED = Consts.get("TIPC_NLA_STATS_RX_BUNDLED");
    public static final int TIPC_NLA_STATS_TX_INFO = Consts.get("TIPC_NLA_STATS_TX_INFO");
    public static final int TIPC_NLA_STATS_TX_FRAGMENTS = Consts.get("TIPC_NLA_STATS_TX_FRAGMENTS");
    public static final int TIPC_NLA_STATS_TX_FRAGMENTED = Consts.get("TIPC_NLA_STATS_TX_FRAGMENTED");
    public static final int TIPC_NLA_STATS_TX_BUNDLES = Consts.get("TIPC_NLA_STATS_TX_BUNDLES");
    public static final int TIPC_NLA_STATS_TX_BUNDLED = Consts.get("TIPC_NLA_STATS_TX_BUNDLED");
    public static final int TIPC_NLA_STATS_MSG_PROF_TOT = Consts.get("TIPC_NLA_STATS_MSG_PROF_TOT");
    public static final int TIPC_NLA_STATS_MSG_LEN_CNT = Consts.get("TIPC_NLA_STATS_MSG_LEN_CNT");
    public static final int TIPC_NLA_STATS_MSG_LEN_TOT = Consts.get("TIPC_NLA_STATS_MSG_LEN_TOT");
    public static final int TIPC_NLA_STATS_MSG_LEN_P0 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P0");
    public static final int TIPC_NLA_STATS_MSG_LEN_P1 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P1");
    public static final int TIPC_NLA_STATS_MSG_LEN_P2 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P2");
    public static final int TIPC_NLA_STATS_MSG_LEN_P3 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P3");
    public static final int TIPC_NLA_STATS_MSG_LEN_P4 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P4");
    public static final int TIPC_NLA_STATS_MSG_LEN_P5 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P5");
    public static final int TIPC_NLA_STATS_MSG_LEN_P6 = Consts.get("TIPC_NLA_STATS_MSG_LEN_P6");
    public static final int TIPC_NLA_STATS_RX_STATES = Consts.get("TIPC_NLA_STATS_RX_STATES");
    public static final int TIPC_NLA_STATS_RX_PROBES = Consts.get("TIPC_NLA_STATS_RX_PROBES");
    public static final int TIPC_NLA_STATS_RX_NACKS = Consts.get("TIPC_NLA_STATS_RX_NACKS");
    public static final int TIPC_NLA_STATS_RX_DEFERRED = Consts.get("TIPC_NLA_STATS_RX_DEFERRED");
    public static final int TIPC_NLA_STATS_TX_STATES = Consts.get("TIPC_NLA_STATS_TX_STATES");
    public static final int TIPC_NLA_STATS_TX_PROBES = Consts.get("TIPC_NLA_STATS_TX_PROBES");
    public static final int TIPC_NLA_STATS_TX_NACKS = Consts.get("TIPC_NLA_STATS_TX_NACKS");
    public static final int TIPC_NLA_STATS_TX_ACKS = Consts.get("TIPC_NLA_STATS_TX_ACKS");
    public static final int TIPC_NLA_STATS_RETRANSMITTED = Consts.get("TIPC_NLA_STATS_RETRANSMITTED");
    public static final int TIPC_NLA_STATS_DUPLICATES = Consts.get("TIPC_NLA_STATS_DUPLICATES");
    public static final int TIPC_NLA_STATS_LINK_CONGS = Consts.get("TIPC_NLA_STATS_LINK_CONGS");
    public static final int TIPC_NLA_STATS_MAX_QUEUE = Consts.get("TIPC_NLA_STATS_MAX_QUEUE");
    public static final int TIPC_NLA_STATS_AVG_QUEUE = Consts.get("TIPC_NLA_STATS_AVG_QUEUE");

    /** TIPC_NODEID_LEN: a node identity is 16 bytes. */
    public static final int NODEID_LENGTH = Consts.get("TIPC_NODEID_LEN");

    private static final Field NODEID_REQ_PEER = Field.of("tipc_sioc_nodeid_req", "peer");
    private static final int NODEID_REQ_ID = Consts.offsetOf("tipc_sioc_nodeid_req", "node_id");
    private static final int NODEID_REQ_SIZE = Consts.sizeOf("tipc_sioc_nodeid_req");

    /**
     * The node's own settings (TIPC_NLA_NET): the network id, the node's legacy 32-bit address
     * (TIPC_NLA_NET_ADDR: 0 unless one was set as an address; a node known by its 128-bit
     * identity has its hash as address instead, see {@link TipcNetlink#ownAddress()}) and its
     * 16-byte identity (all zero until set).
     */
    public record Net(int netId, int address, byte[] nodeId) {
        public Net {
            nodeId = nodeId.clone();
        }

        @Override
        public byte[] nodeId() {
            return nodeId.clone();
        }

        /** The identity as iproute2 prints it: see {@link TipcNetlink#nodeIdString(byte[])}. */
        public String nodeIdString() {
            return TipcNetlink.nodeIdString(nodeId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Net n && n.netId == netId && n.address == address && Arrays.equals(n.nodeId, nodeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(netId, address, Arrays.hashCode(nodeId));
        }

        @Override
        public String toString() {
            return "Net[netId=" + Integer.toUnsignedString(netId) + ", address=" + String.format("%08x", address)
                    + ", nodeId=" + nodeIdString() + "]";
        }
    }

    /** A node this one knows (itself included), by its 32-bit address, and whether it is up. */
    public record Node(int address, boolean up) {}

    /**
     * A link's or a bearer's properties (TIPC_NLA_PROP_): priority, tolerance in ms, window in
     * packets and MTU; null where the kernel did not send one.
     */
    public record Properties(Integer priority, Integer tolerance, Integer window, Integer mtu) {
        static Properties decode(NetlinkAttributes a) {
            return new Properties(a.u32(TIPC_NLA_PROP_PRIO), a.u32(TIPC_NLA_PROP_TOL), a.u32(TIPC_NLA_PROP_WIN),
                    a.u32(TIPC_NLA_PROP_MTU));
        }
    }

    /** An enabled bearer: its name ({@code eth:DEVICE}, {@code udp:NAME}), its properties, and its discovery domain or null. */
    public record Bearer(String name, Properties properties, Integer domain) {}

    /**
     * A link: its name ({@code broadcast-link} for the broadcast link; else
     * {@code OWN-ID:BEARER-PEER-ID:BEARER}), TIPC_NLA_LINK_DEST (a legacy field: the kernel sends
     * this node's own address masked to its cluster, not the peer's), the MTU, the flags, the
     * packet counters, and its properties and statistics.
     */
    public record Link(String name, int destination, int mtu, boolean broadcast, boolean up, boolean active, int rx, int tx,
                       Properties properties, LinkStats stats) {}

    /**
     * A link's statistics (TIPC_NLA_LINK_STATS), each a u32 counter under the name of its
     * TIPC_NLA_STATS_ attribute; an attribute the kernel leaves out is 0.
     */
    public record LinkStats(int rxInfo, int rxFragments, int rxFragmented, int rxBundles, int rxBundled, int txInfo, int txFragments, int txFragmented, int txBundles, int txBundled, int msgProfileTotal, int msgLengthCount, int msgLengthTotal, int msgLengthP0, int msgLengthP1, int msgLengthP2, int msgLengthP3, int msgLengthP4, int msgLengthP5, int msgLengthP6, int rxStates, int rxProbes, int rxNacks, int rxDeferred, int txStates, int txProbes, int txNacks, int txAcks, int retransmitted, int duplicates, int linkCongestions, int maxQueue, int avgQueue) {
        static LinkStats decode(NetlinkAttributes a) {
            return new LinkStats(u32(a, TIPC_NLA_STATS_RX_INFO),
                    u32(a, TIPC_NLA_STATS_RX_FRAGMENTS),
                    u32(a, TIPC_NLA_STATS_RX_FRAGMENTED),
                    u32(a, TIPC_NLA_STATS_RX_BUNDLES),
                    u32(a, TIPC_NLA_STATS_RX_BUNDLED),
                    u32(a, TIPC_NLA_STATS_TX_INFO),
                    u32(a, TIPC_NLA_STATS_TX_FRAGMENTS),
                    u32(a, TIPC_NLA_STATS_TX_FRAGMENTED),
                    u32(a, TIPC_NLA_STATS_TX_BUNDLES),
                    u32(a, TIPC_NLA_STATS_TX_BUNDLED),
                    u32(a, TIPC_NLA_STATS_MSG_PROF_TOT),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_CNT),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_TOT),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P0),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P1),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P2),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P3),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P4),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P5),
                    u32(a, TIPC_NLA_STATS_MSG_LEN_P6),
                    u32(a, TIPC_NLA_STATS_RX_STATES),
                    u32(a, TIPC_NLA_STATS_RX_PROBES),
                    u32(a, TIPC_NLA_STATS_RX_NACKS),
                    u32(a, TIPC_NLA_STATS_RX_DEFERRED),
                    u32(a, TIPC_NLA_STATS_TX_STATES),
                    u32(a, TIPC_NLA_STATS_TX_PROBES),
                    u32(a, TIPC_NLA_STATS_TX_NACKS),
                    u32(a, TIPC_NLA_STATS_TX_ACKS),
                    u32(a, TIPC_NLA_STATS_RETRANSMITTED),
                    u32(a, TIPC_NLA_STATS_DUPLICATES),
                    u32(a, TIPC_NLA_STATS_LINK_CONGS),
                    u32(a, TIPC_NLA_STATS_MAX_QUEUE),
                    u32(a, TIPC_NLA_STATS_AVG_QUEUE));
        }
    }

    /**
     * A publication: the service range, its scope (TIPC_ZONE_SCOPE, TIPC_CLUSTER_SCOPE,
     * TIPC_NODE_SCOPE), the node and socket (port) that published it, and its key.
     */
    public record Publication(int type, int lower, int upper, int scope, int node, int ref, int key) {
        static Publication decode(NetlinkAttributes p) {
            return new Publication(u32(p, TIPC_NLA_PUBL_TYPE), u32(p, TIPC_NLA_PUBL_LOWER), u32(p, TIPC_NLA_PUBL_UPPER),
                    u32(p, TIPC_NLA_PUBL_SCOPE), u32(p, TIPC_NLA_PUBL_NODE), u32(p, TIPC_NLA_PUBL_REF), u32(p, TIPC_NLA_PUBL_KEY));
        }
    }

    /**
     * A connected socket's peer: its node and socket (port), and, when it connected to a service
     * name ({@code named}), that name's type and instance.
     */
    public record Connection(int node, int port, boolean named, int type, int instance) {}

    /**
     * A TIPC socket: its reference (port), its node's address, its peer when connected, and the
     * service ranges it is bound to (read with TIPC_NL_PUBL_GET when the kernel flags that it has some).
     */
    public record SocketInfo(int ref, int address, Connection connection, boolean hasPublications, List<Publication> publications) {
        public SocketInfo {
            publications = List.copyOf(publications);
        }
    }

    private final GenericNetlink genl;
    private final GenlFamily family;

    private TipcNetlink(GenericNetlink genl, GenlFamily family) {
        this.genl = genl;
        this.family = family;
    }

    /**
     * A connection to TIPCv2 in the calling thread's network namespace.
     *
     * @throws IOException ENOENT (as a {@link NetlinkException}) when the kernel has no TIPC
     */
    public static TipcNetlink open() throws IOException {
        GenericNetlink genl = GenericNetlink.open();
        try {
            return new TipcNetlink(genl, genl.family(FAMILY_NAME));
        } catch (IOException | RuntimeException e) {
            genl.close();
            throw e;
        }
    }

    public GenlFamily family() {
        return family;
    }

    // ---- node

    /** The node's network id, address and identity (TIPC_NL_NET_GET). */
    public Net net() throws IOException {
        for (GenlMessage m : genl.dump(family, TIPC_NL_NET_GET, m -> { })) {
            Net n = decodeNet(m);
            if (n != null) return n;
        }
        throw new java.net.ProtocolException("TIPC_NL_NET_GET: no TIPC_NLA_NET in the reply");
    }

    /**
     * Sets the node's 16-byte identity (TIPC_NL_NET_SET). The kernel refuses (EPERM) once a
     * bearer is enabled: set it first.
     */
    public void setNodeId(byte[] nodeId) throws IOException {
        genl.request(family, TIPC_NL_NET_SET, m -> putNodeId(m, nodeId));
    }

    /** {@link #setNodeId} with iproute2's spelling of an identity: a name of up to 16 characters, or up to 32 hex digits. */
    public void setNodeIdentity(String identity) throws IOException {
        setNodeId(nodeId(identity));
    }

    /** Sets the network id (TIPC_NLA_NET_ID, 1 to 9999); like the identity, before the first bearer. */
    public void setNetId(int netId) throws IOException {
        genl.request(family, TIPC_NL_NET_SET, m -> {
            int n = m.beginNested(TIPC_NLA_NET);
            m.attrU32(TIPC_NLA_NET_ID, netId);
            m.end(n);
        });
    }

    /** The nodes this one knows, itself included (TIPC_NL_NODE_GET). */
    public List<Node> nodes() throws IOException {
        return dump(TIPC_NL_NODE_GET, m -> { }, TipcNetlink::decodeNode);
    }

    /**
     * This node's 32-bit address as its sockets carry it (the hash of its identity, or its legacy
     * address): the node of a TIPC socket's getsockname, as iproute2's {@code tipc node get
     * address} reads it, in the calling thread's namespace.
     */
    public static int ownAddress() throws IOException {
        try (Socket s = Socket.open(Family.TIPC, Type.RDM)) {
            return (int) ((SockAddr.TipcId) s.getSockName()).node();
        }
    }

    /**
     * The 16-byte identity of the node at {@code address} (this node or a peer), by the
     * SIOCGETNODEID ioctl on a TIPC socket, as iproute2 finds it; null when no such node is known.
     */
    public static byte[] nodeIdOf(int address) throws IOException {
        byte[] req = new byte[NODEID_REQ_SIZE];
        ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        NODEID_REQ_PEER.put(b, 0, address);
        try (Socket s = Socket.open(Family.TIPC, Type.RDM)) {
            s.ioctl(Sockets.SIOCGETNODEID, req);
        } catch (io.jsock.SocketError e) {
            if (e.errno() == Consts.get("EADDRNOTAVAIL")) return null;
            throw e;
        }
        return Arrays.copyOfRange(req, NODEID_REQ_ID, NODEID_REQ_ID + NODEID_LENGTH);
    }

    // ---- bearers

    /** The enabled bearers (TIPC_NL_BEARER_GET). */
    public List<Bearer> bearers() throws IOException {
        return dump(TIPC_NL_BEARER_GET, m -> { }, TipcNetlink::decodeBearer);
    }

    /** Enables an Ethernet bearer on {@code device} ({@code eth:DEVICE}). */
    public void enableEthernetBearer(String device) throws IOException {
        genl.request(family, TIPC_NL_BEARER_ENABLE, m -> putBearerName(m, "eth:" + device, null));
    }

    /**
     * Enables a UDP bearer {@code udp:NAME} from {@code local} to {@code remote} (a peer's
     * address, or a multicast group both ends join); the addresses are of one family.
     */
    public void enableUdpBearer(String name, SockAddr local, SockAddr remote) throws IOException {
        genl.request(family, TIPC_NL_BEARER_ENABLE, m -> putUdpBearer(m, name, local, remote));
    }

    /** Disables the bearer of this name ({@code eth:va}, {@code udp:u1}). */
    public void disableBearer(String bearerName) throws IOException {
        genl.request(family, TIPC_NL_BEARER_DISABLE, m -> putBearerName(m, bearerName, null));
    }

    // ---- links

    /** Every link, the broadcast link first (TIPC_NL_LINK_GET). */
    public List<Link> links() throws IOException {
        return links(false);
    }

    /**
     * Every link; with {@code broadcastReceivers} also each peer's broadcast-receiver link, as
     * {@code tipc link stat show link NAME} asks for (TIPC_NLA_LINK_BROADCAST in the request).
     */
    public List<Link> links(boolean broadcastReceivers) throws IOException {
        return dump(TIPC_NL_LINK_GET, m -> {
            if (broadcastReceivers) {
                int n = m.beginNested(TIPC_NLA_LINK);
                m.attrFlag(TIPC_NLA_LINK_BROADCAST);
                m.end(n);
            }
        }, TipcNetlink::decodeLink);
    }

    /** The link of this name (TIPC_NL_LINK_GET as a request): EINVAL from the kernel when there is none. */
    public Link link(String name) throws IOException {
        for (GenlMessage m : genl.request(family, TIPC_NL_LINK_GET, m -> putLinkName(m, name))) {
            Link l = decodeLink(m);
            if (l != null) return l;
        }
        throw new java.net.ProtocolException("TIPC_NL_LINK_GET " + name + ": no TIPC_NLA_LINK in the reply");
    }

    /** Zeroes the statistics of the link of this name (TIPC_NL_LINK_RESET_STATS). */
    public void resetLinkStats(String name) throws IOException {
        genl.request(family, TIPC_NL_LINK_RESET_STATS, m -> putLinkName(m, name));
    }

    // ---- name table and sockets

    /** Every publication of the name table (TIPC_NL_NAME_TABLE_GET). */
    public List<Publication> nameTable() throws IOException {
        return dump(TIPC_NL_NAME_TABLE_GET, m -> { }, TipcNetlink::decodeNameTableEntry);
    }

    /** The TIPC sockets of the namespace, each with its publications (TIPC_NL_SOCK_GET, TIPC_NL_PUBL_GET). */
    public List<SocketInfo> sockets() throws IOException {
        List<SocketInfo> out = new ArrayList<>();
        for (GenlMessage m : genl.dump(family, TIPC_NL_SOCK_GET, m -> { })) {
            SocketInfo s = decodeSocket(m);
            if (s == null) continue;
            if (s.hasPublications() && s.connection() == null) {
                s = new SocketInfo(s.ref(), s.address(), null, true, publications(s.ref()));
            }
            out.add(s);
        }
        return out;
    }

    /** The publications of the socket with this reference (TIPC_NL_PUBL_GET). */
    public List<Publication> publications(int ref) throws IOException {
        List<Publication> out = new ArrayList<>();
        for (GenlMessage m : genl.dump(family, TIPC_NL_PUBL_GET, m -> putSocketRef(m, ref))) {
            NetlinkAttribute p = m.attributes().get(TIPC_NLA_PUBL);
            if (p != null) out.add(Publication.decode(p.attributes()));
        }
        return out;
    }

    @Override
    public void close() {
        genl.close();
    }

    // ---- encoding (package-private for the tests)

    static void putNodeId(MessageBuilder m, byte[] nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.length != NODEID_LENGTH) {
            throw new IllegalArgumentException("nodeId: a node identity is " + NODEID_LENGTH + " bytes, not " + nodeId.length);
        }
        // the kernel reads the identity as two u64 words in the host's byte order
        ByteBuffer b = ByteBuffer.wrap(nodeId).order(ByteOrder.nativeOrder());
        int n = m.beginNested(TIPC_NLA_NET);
        m.attrU64(TIPC_NLA_NET_NODEID, b.getLong(0));
        m.attrU64(TIPC_NLA_NET_NODEID_W1, b.getLong(8));
        m.end(n);
    }

    static void putBearerName(MessageBuilder m, String bearerName, Consumer<MessageBuilder> more) {
        checkBearerName(bearerName);
        int n = m.beginNested(TIPC_NLA_BEARER);
        m.attrString(TIPC_NLA_BEARER_NAME, bearerName);
        if (more != null) more.accept(m);
        m.end(n);
    }

    static void putUdpBearer(MessageBuilder m, String name, SockAddr local, SockAddr remote) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (!(local instanceof SockAddr.Inet || local instanceof SockAddr.Inet6)) {
            throw new IllegalArgumentException("local: a UDP bearer's address is IPv4 or IPv6, not " + local.family());
        }
        if (local.family() != remote.family()) {
            throw new IllegalArgumentException("remote: of family " + remote.family() + ", local is " + local.family());
        }
        putBearerName(m, "udp:" + name, b -> {
            int o = b.beginNested(TIPC_NLA_BEARER_UDP_OPTS);
            b.attr(TIPC_NLA_UDP_LOCAL, encode(local));
            b.attr(TIPC_NLA_UDP_REMOTE, encode(remote));
            b.end(o);
        });
    }

    static void putLinkName(MessageBuilder m, String name) {
        Objects.requireNonNull(name, "name");
        int n = m.beginNested(TIPC_NLA_LINK);
        m.attrString(TIPC_NLA_LINK_NAME, name);
        m.end(n);
    }

    static void putSocketRef(MessageBuilder m, int ref) {
        int n = m.beginNested(TIPC_NLA_SOCK);
        m.attrU32(TIPC_NLA_SOCK_REF, ref);
        m.end(n);
    }

    private static byte[] encode(SockAddr a) {
        ByteBuffer b = ByteBuffer.allocate(SockAddr.MAX_LENGTH).order(ByteOrder.nativeOrder());
        int len = a.encode(b, 0);
        byte[] out = new byte[len];
        b.get(0, out);
        return out;
    }

    private static void checkBearerName(String bearerName) {
        Objects.requireNonNull(bearerName, "bearerName");
        int max = Consts.get("TIPC_MAX_BEARER_NAME");
        if (bearerName.getBytes(StandardCharsets.UTF_8).length >= max) {
            throw new IllegalArgumentException("bearer name '" + bearerName + "': longer than the " + (max - 1) + " bytes TIPC allows");
        }
    }

    /** What {@code decode} makes of each message of a dump of {@code command}, messages it makes nothing of (null) left out. */
    private <T> List<T> dump(int command, Consumer<MessageBuilder> request, Function<GenlMessage, T> decode) throws IOException {
        List<T> out = new ArrayList<>();
        for (GenlMessage m : genl.dump(family, command, request)) {
            T t = decode.apply(m);
            if (t != null) out.add(t);
        }
        return out;
    }

    // ---- decoding (package-private for the tests): null when the message lacks its nest

    static Net decodeNet(GenlMessage m) {
        NetlinkAttribute nest = m.attributes().get(TIPC_NLA_NET);
        if (nest == null) return null;
        NetlinkAttributes a = nest.attributes();
        ByteBuffer id = ByteBuffer.allocate(NODEID_LENGTH).order(ByteOrder.nativeOrder());
        Long w0 = a.u64(TIPC_NLA_NET_NODEID);
        Long w1 = a.u64(TIPC_NLA_NET_NODEID_W1);
        id.putLong(0, w0 == null ? 0 : w0);
        id.putLong(8, w1 == null ? 0 : w1);
        return new Net(u32(a, TIPC_NLA_NET_ID), u32(a, TIPC_NLA_NET_ADDR), id.array());
    }

    static Node decodeNode(GenlMessage m) {
        NetlinkAttribute nest = m.attributes().get(TIPC_NLA_NODE);
        if (nest == null) return null;
        NetlinkAttributes a = nest.attributes();
        return new Node(u32(a, TIPC_NLA_NODE_ADDR), a.has(TIPC_NLA_NODE_UP));
    }

    static Bearer decodeBearer(GenlMessage m) {
        NetlinkAttribute nest = m.attributes().get(TIPC_NLA_BEARER);
        if (nest == null) return null;
        NetlinkAttributes a = nest.attributes();
        String name = a.string(TIPC_NLA_BEARER_NAME);
        if (name == null) throw new NetlinkParseException("a TIPC bearer without its name");
        return new Bearer(name, Properties.decode(a.nested(TIPC_NLA_BEARER_PROP)), a.u32(TIPC_NLA_BEARER_DOMAIN));
    }

    static Link decodeLink(GenlMessage m) {
        NetlinkAttribute nest = m.attributes().get(TIPC_NLA_LINK);
        if (nest == null) return null;
        NetlinkAttributes a = nest.attributes();
        String name = a.string(TIPC_NLA_LINK_NAME);
        if (name == null) throw new NetlinkParseException("a TIPC link without its name");
        return new Link(name, u32(a, TIPC_NLA_LINK_DEST), u32(a, TIPC_NLA_LINK_MTU), a.has(TIPC_NLA_LINK_BROADCAST),
                a.has(TIPC_NLA_LINK_UP), a.has(TIPC_NLA_LINK_ACTIVE), u32(a, TIPC_NLA_LINK_RX), u32(a, TIPC_NLA_LINK_TX),
                Properties.decode(a.nested(TIPC_NLA_LINK_PROP)), LinkStats.decode(a.nested(TIPC_NLA_LINK_STATS)));
    }

    static Publication decodeNameTableEntry(GenlMessage m) {
        NetlinkAttribute nest = m.attributes().get(TIPC_NLA_NAME_TABLE);
        if (nest == null) return null;
        NetlinkAttribute publ = nest.attributes().get(TIPC_NLA_NAME_TABLE_PUBL);
        if (publ == null) return null;
        return Publication.decode(publ.attributes());
    }

    static SocketInfo decodeSocket(GenlMessage m) {
        NetlinkAttribute nest = m.attributes().get(TIPC_NLA_SOCK);
        if (nest == null) return null;
        NetlinkAttributes a = nest.attributes();
        Integer ref = a.u32(TIPC_NLA_SOCK_REF);
        if (ref == null) throw new NetlinkParseException("a TIPC socket without its reference");
        Connection con = null;
        NetlinkAttribute c = a.get(TIPC_NLA_SOCK_CON);
        if (c != null) {
            NetlinkAttributes ca = c.attributes();
            con = new Connection(u32(ca, TIPC_NLA_CON_NODE), u32(ca, TIPC_NLA_CON_SOCK), ca.has(TIPC_NLA_CON_FLAG),
                    u32(ca, TIPC_NLA_CON_TYPE), u32(ca, TIPC_NLA_CON_INST));
        }
        return new SocketInfo(ref, u32(a, TIPC_NLA_SOCK_ADDR), con, a.has(TIPC_NLA_SOCK_HAS_PUBL), List.of());
    }

    static int u32(NetlinkAttributes a, int type) {
        Integer v = a.u32(type);
        return v == null ? 0 : v;
    }

    // ---- identities as iproute2 writes and reads them

    /**
     * A node identity as iproute2 prints it (nodeid2str): the identity as text when it is a name
     * of up to 16 characters of {@code [0-9A-Za-z-_.:@]} (NUL-padded), else its 32 hex digits
     * without the trailing zeros.
     */
    public static String nodeIdString(byte[] id) {
        if (id.length != NODEID_LENGTH) throw new IllegalArgumentException("id: " + id.length + " bytes, not " + NODEID_LENGTH);
        int last = NODEID_LENGTH - 1;
        while (last >= 0 && id[last] == 0) last--;
        if (last >= 0 && isName(id, last)) return new String(id, 0, last + 1, StandardCharsets.US_ASCII);
        StringBuilder b = new StringBuilder();
        for (byte x : id) b.append(String.format("%02x", x & 0xff));
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == '0') end--;
        return b.substring(0, end);
    }

    /**
     * The 16 bytes of an identity given as iproute2's {@code tipc node set identity} reads it: a
     * name of up to 16 characters of {@code [0-9A-Za-z-_.:@]}, or up to 32 hex digits.
     */
    public static byte[] nodeId(String identity) {
        Objects.requireNonNull(identity, "identity");
        byte[] text = identity.getBytes(StandardCharsets.US_ASCII);
        byte[] id = new byte[NODEID_LENGTH];
        if (text.length == 0 || text.length > 2 * NODEID_LENGTH) {
            throw new IllegalArgumentException("identity '" + identity + "': a name of 1 to 16 characters or up to 32 hex digits");
        }
        if (text.length <= NODEID_LENGTH && isName(text, text.length - 1)) {
            System.arraycopy(text, 0, id, 0, text.length);
            return id;
        }
        for (int i = 0; i < text.length; i++) {
            int d = Character.digit(identity.charAt(i), 16);
            if (d < 0) throw new IllegalArgumentException("identity '" + identity + "': neither a name nor hex digits");
            id[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
        }
        return id;
    }

    private static boolean isName(byte[] a, int last) {
        for (int i = 0; i <= last; i++) {
            int c = a[i] & 0xff;
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '@';
            if (!ok) return false;
        }
        return true;
    }
}
