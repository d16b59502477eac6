package io.jsock;

import io.jsock.internal.Consts;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One item of ancillary data, Python's {@code (level, type, data)} triple, with typed factories
 * for the items one sends and typed readers for the items one receives: SCM_RIGHTS,
 * SCM_CREDENTIALS, IP_PKTINFO, IPV6_PKTINFO, IP_TTL, IPV6_HOPLIMIT, IP_TOS, IPV6_TCLASS,
 * SO_TIMESTAMP and SO_TIMESTAMPNS, and the items TIPC adds to a returned or received message:
 * TIPC_ERRINFO, TIPC_RETDATA and TIPC_DESTNAME. Struct layouts come from the system headers.
 */
public record Ancillary(int level, int type, byte[] data) {
    private static final int INT = Integer.BYTES;
    private static final int PKTINFO_SIZE = Consts.sizeOf("in_pktinfo");
    private static final int PKTINFO_IFINDEX = Consts.offsetOf("in_pktinfo", "ipi_ifindex");
    private static final int PKTINFO_SPEC_DST = Consts.offsetOf("in_pktinfo", "ipi_spec_dst");
    private static final int PKTINFO_ADDR = Consts.offsetOf("in_pktinfo", "ipi_addr");
    private static final int PKTINFO6_SIZE = Consts.sizeOf("in6_pktinfo");
    private static final int PKTINFO6_ADDR = Consts.offsetOf("in6_pktinfo", "ipi6_addr");
    private static final int PKTINFO6_IFINDEX = Consts.offsetOf("in6_pktinfo", "ipi6_ifindex");
    private static final int TIMEVAL_SEC = Consts.offsetOf("timeval", "tv_sec");
    private static final int TIMEVAL_USEC = Consts.offsetOf("timeval", "tv_usec");
    private static final int TIMESPEC_SEC = Consts.offsetOf("timespec", "tv_sec");
    private static final int TIMESPEC_NSEC = Consts.offsetOf("timespec", "tv_nsec");
    private static final int TIPC_RANGE_SIZE = Consts.sizeOf("tipc_service_range");
    private static final int TIPC_RANGE_TYPE = Consts.offsetOf("tipc_service_range", "type");
    private static final int TIPC_RANGE_LOWER = Consts.offsetOf("tipc_service_range", "lower");
    private static final int TIPC_RANGE_UPPER = Consts.offsetOf("tipc_service_range", "upper");

    public Ancillary {
        data = Objects.requireNonNull(data, "data").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether this item is of the given level and type. */
    public boolean is(int level, int type) {
        return this.level == level && this.type == type;
    }

    // ---- the items one sends

    /** SCM_RIGHTS: file descriptors to pass over an AF_UNIX socket. */
    public static Ancillary fds(int... fds) {
        ByteBuffer b = buffer(fds.length * INT);
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] < 0) throw new IllegalArgumentException("negative file descriptor: " + fds[i]);
            b.putInt(i * INT, fds[i]);
        }
        return new Ancillary(Sockets.SOL_SOCKET, Sockets.SCM_RIGHTS, b.array());
    }

    /** SCM_CREDENTIALS: the sender's pid, uid and gid (the kernel checks them). */
    public static Ancillary credentials(Ucred c) {
        ByteBuffer b = buffer(Ucred.SIZE);
        c.encode(b, 0);
        return new Ancillary(Sockets.SOL_SOCKET, Sockets.SCM_CREDENTIALS, b.array());
    }

    /** IP_PKTINFO: the interface and source address for an outgoing IPv4 datagram. */
    public static Ancillary pktInfo(PktInfo info) {
        ByteBuffer b = buffer(PKTINFO_SIZE);
        b.putInt(PKTINFO_IFINDEX, info.ifindex());
        b.put(PKTINFO_SPEC_DST, info.specDst().getAddress());
        b.put(PKTINFO_ADDR, info.addr().getAddress());
        return new Ancillary(Sockets.IPPROTO_IP, Sockets.IP_PKTINFO, b.array());
    }

    /** IPV6_PKTINFO: the interface and source address for an outgoing IPv6 datagram. */
    public static Ancillary ipv6PktInfo(Ipv6PktInfo info) {
        ByteBuffer b = buffer(PKTINFO6_SIZE);
        b.put(PKTINFO6_ADDR, info.addr().getAddress());
        b.putInt(PKTINFO6_IFINDEX, info.ifindex());
        return new Ancillary(Sockets.IPPROTO_IPV6, Sockets.IPV6_PKTINFO, b.array());
    }

    /** IP_TTL for one outgoing datagram. */
    public static Ancillary ttl(int ttl) {
        return intItem(Sockets.IPPROTO_IP, Sockets.IP_TTL, ttl);
    }

    /** IPV6_HOPLIMIT for one outgoing datagram. */
    public static Ancillary hopLimit(int hops) {
        return intItem(Sockets.IPPROTO_IPV6, Sockets.IPV6_HOPLIMIT, hops);
    }

    /** IP_TOS for one outgoing datagram. */
    public static Ancillary tos(int tos) {
        return intItem(Sockets.IPPROTO_IP, Sockets.IP_TOS, tos);
    }

    /** IPV6_TCLASS for one outgoing datagram. */
    public static Ancillary trafficClass(int tclass) {
        return intItem(Sockets.IPPROTO_IPV6, Sockets.IPV6_TCLASS, tclass);
    }

    // ---- the items one receives

    /** The fds of an SCM_RIGHTS item (received ones are close-on-exec and the caller's to close). */
    public int[] fds() {
        require(Sockets.SOL_SOCKET, Sockets.SCM_RIGHTS, "SCM_RIGHTS");
        ByteBuffer b = view();
        int[] fds = new int[data.length / INT];
        for (int i = 0; i < fds.length; i++) fds[i] = b.getInt(i * INT);
        return fds;
    }

    /** The credentials of an SCM_CREDENTIALS item. */
    public Ucred credentials() {
        require(Sockets.SOL_SOCKET, Sockets.SCM_CREDENTIALS, "SCM_CREDENTIALS");
        checkLength(Ucred.SIZE);
        return Ucred.decode(view(), 0);
    }

    /** The content of an IP_PKTINFO item. */
    public PktInfo pktInfo() {
        require(Sockets.IPPROTO_IP, Sockets.IP_PKTINFO, "IP_PKTINFO");
        checkLength(PKTINFO_SIZE);
        ByteBuffer b = view();
        return new PktInfo(b.getInt(PKTINFO_IFINDEX), (Inet4Address) ip(data, PKTINFO_SPEC_DST, 4),
                (Inet4Address) ip(data, PKTINFO_ADDR, 4));
    }

    /** The content of an IPV6_PKTINFO item. */
    public Ipv6PktInfo ipv6PktInfo() {
        require(Sockets.IPPROTO_IPV6, Sockets.IPV6_PKTINFO, "IPV6_PKTINFO");
        checkLength(PKTINFO6_SIZE);
        return new Ipv6PktInfo((Inet6Address) ip(data, PKTINFO6_ADDR, 16), view().getInt(PKTINFO6_IFINDEX));
    }

    /** The value of an IP_TTL, IPV6_HOPLIMIT, IP_TOS or IPV6_TCLASS item (IP_TOS arrives as one byte). */
    public int intValue() {
        boolean known = is(Sockets.IPPROTO_IP, Sockets.IP_TTL) || is(Sockets.IPPROTO_IPV6, Sockets.IPV6_HOPLIMIT)
                || is(Sockets.IPPROTO_IP, Sockets.IP_TOS) || is(Sockets.IPPROTO_IPV6, Sockets.IPV6_TCLASS);
        if (!known) throw new IllegalStateException(this + " is not IP_TTL, IPV6_HOPLIMIT, IP_TOS or IPV6_TCLASS");
        if (data.length == 1) return Byte.toUnsignedInt(data[0]);
        checkLength(INT);
        return view().getInt(0);
    }

    /** The time of an SCM_TIMESTAMP (timeval) or SCM_TIMESTAMPNS (timespec) item. */
    public Instant timestamp() {
        ByteBuffer b = view();
        if (is(Sockets.SOL_SOCKET, Sockets.SCM_TIMESTAMP)) {
            checkLength(Consts.sizeOf("timeval"));
            return Instant.ofEpochSecond(b.getLong(TIMEVAL_SEC), b.getLong(TIMEVAL_USEC) * 1000);
        }
        if (is(Sockets.SOL_SOCKET, Sockets.SCM_TIMESTAMPNS)) {
            checkLength(Consts.sizeOf("timespec"));
            return Instant.ofEpochSecond(b.getLong(TIMESPEC_SEC), b.getLong(TIMESPEC_NSEC));
        }
        throw new IllegalStateException(this + " is not SCM_TIMESTAMP or SCM_TIMESTAMPNS");
    }

    /**
     * The content of a TIPC_ERRINFO item: why the kernel returned a message this socket sent
     * (TIPC_ERR_NO_NAME, TIPC_ERR_NO_PORT, TIPC_ERR_NO_NODE, TIPC_ERR_OVERLOAD, TIPC_CONN_SHUTDOWN)
     * and how many bytes of it come back in the TIPC_RETDATA item.
     */
    public TipcErrInfo tipcErrInfo() {
        require(Sockets.SOL_TIPC, Sockets.TIPC_ERRINFO, "TIPC_ERRINFO");
        checkLength(2 * INT);
        ByteBuffer b = view();
        return new TipcErrInfo(b.getInt(0), Integer.toUnsignedLong(b.getInt(INT)));
    }

    /** The bytes of a TIPC_RETDATA item: the returned message's data. */
    public byte[] tipcRetData() {
        require(Sockets.SOL_TIPC, Sockets.TIPC_RETDATA, "TIPC_RETDATA");
        return data.clone();
    }

    /**
     * The content of a TIPC_DESTNAME item, the service the message was sent to: a range for a
     * multicast, a range of one instance for a service address or a connection made to one. The
     * item has no scope: it reads 0.
     */
    public SockAddr.TipcNameSeq tipcDestName() {
        require(Sockets.SOL_TIPC, Sockets.TIPC_DESTNAME, "TIPC_DESTNAME");
        checkLength(TIPC_RANGE_SIZE);
        ByteBuffer b = view();
        return new SockAddr.TipcNameSeq(Integer.toUnsignedLong(b.getInt(TIPC_RANGE_TYPE)),
                Integer.toUnsignedLong(b.getInt(TIPC_RANGE_LOWER)), Integer.toUnsignedLong(b.getInt(TIPC_RANGE_UPPER)), 0);
    }

    /**
     * TIPC_ERRINFO: the kernel's reason for returning a message, and the length of the data it
     * returns with it.
     *
     * @param error TIPC_ERR_NO_NAME, TIPC_ERR_NO_PORT, TIPC_ERR_NO_NODE, TIPC_ERR_OVERLOAD or TIPC_CONN_SHUTDOWN
     * @param returnedLength the bytes of the TIPC_RETDATA item that follows (0: none follows)
     */
    public record TipcErrInfo(int error, long returnedLength) {
        /** The C name of {@link #error()}, such as {@code TIPC_ERR_NO_NAME}, or its number. */
        public String errorName() {
            for (String n : new String[] {"TIPC_OK", "TIPC_ERR_NO_NAME", "TIPC_ERR_NO_PORT", "TIPC_ERR_NO_NODE",
                    "TIPC_ERR_OVERLOAD", "TIPC_CONN_SHUTDOWN"}) {
                if (Consts.get(n, -1) == error) return n;
            }
            return Integer.toString(error);
        }

        @Override public String toString() {
            return "TipcErrInfo[" + errorName() + ", " + returnedLength + " bytes returned]";
        }
    }

    /** IP_PKTINFO: interface index, the local address routing chose, and the header's destination. */
    public record PktInfo(int ifindex, Inet4Address specDst, Inet4Address addr) {
        public PktInfo {
            Objects.requireNonNull(specDst, "specDst");
            Objects.requireNonNull(addr, "addr");
        }
    }

    /** IPV6_PKTINFO: the address and the interface index. */
    public record Ipv6PktInfo(Inet6Address addr, int ifindex) {
        public Ipv6PktInfo {
            Objects.requireNonNull(addr, "addr");
        }
    }

    // ---- plumbing

    private static Ancillary intItem(int level, int type, int value) {
        ByteBuffer b = buffer(INT);
        b.putInt(0, value);
        return new Ancillary(level, type, b.array());
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    }

    private void require(int level, int type, String name) {
        if (!is(level, type)) throw new IllegalStateException(this + " is not " + name);
    }

    private void checkLength(int needed) {
        if (data.length < needed) {
            throw new IllegalStateException(this + " holds " + data.length + " bytes, " + needed + " needed");
        }
    }

    private static InetAddress ip(byte[] data, int at, int len) {
        try {
            byte[] a = Arrays.copyOfRange(data, at, at + len);
            return len == 16 ? Inet6Address.getByAddress(null, a, -1) : InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ancillary a && a.level == level && a.type == type && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return (level * 31 + type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Ancillary[level=" + level + ", type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
