package io.jsock;

import io.jsock.internal.Consts;
import io.jsock.internal.Errors;
import io.jsock.internal.InetText;
import io.jsock.internal.Native;
import io.jsock.internal.Netdb;
import io.jsock.internal.Scratch;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The module-level part of Python's socket module: its constants under their Python names, with
 * values from the system headers, and its functions as static methods.
 */
public final class Sockets {
    private Sockets() {}

    private static volatile Duration defaultTimeout;
    private static final int EAFNOSUPPORT = Consts.get("EAFNOSUPPORT");
    private static final int ECONNRESET = Consts.get("ECONNRESET");

    /**
     * The timeout new sockets start with: null (blocking, the default), zero (non-blocking) or
     * positive, as {@code socket.getdefaulttimeout()}.
     */
    public static Duration getDefaultTimeout() {
        return defaultTimeout;
    }

    /** Sets the timeout new sockets start with; null means blocking. Negative is refused. */
    public static void setDefaultTimeout(Duration timeout) {
        Timeouts.check(timeout);
        defaultTimeout = timeout;
    }

    // ---------------------------------------------------------------- fd passing

    /**
     * {@code socket.close(fd)}: closes a bare fd (one from {@link #recvFds}, {@link Socket#detach()}
     * or a child process), as CPython: a failure other than ECONNRESET throws, EBADF for an fd
     * that is not open. Use {@link Socket#adopt(int)} to make a socket of it instead.
     */
    public static void close(int fd) throws IOException {
        if (fd < 0) throw new IllegalArgumentException("negative file descriptor: " + fd);
        if (Native.LIBC.close(fd) != 0) {
            int errno = Native.errno();
            if (errno != ECONNRESET) throw Errors.of(errno, "close", null);
        }
    }

    /**
     * {@code send_fds(sock, buffers, fds, flags, address)}: sends the buffers as one message with
     * the fds in one SCM_RIGHTS item. Returns the bytes sent.
     */
    public static int sendFds(Socket socket, byte[][] buffers, int[] fds, int flags, SockAddr address) throws IOException {
        return socket.sendMsg(buffers, List.of(Ancillary.fds(fds)), flags, address);
    }

    public static int sendFds(Socket socket, byte[][] buffers, int[] fds) throws IOException {
        return sendFds(socket, buffers, fds, 0, null);
    }

    /**
     * {@code recv_fds(sock, bufsize, maxfds, flags)}: a message and up to maxfds fds that came with
     * it (close-on-exec). If more fds were sent than fit, the message has MSG_CTRUNC and the fds
     * that did arrive are closed rather than returned in part.
     */
    public static FdMessage recvFds(Socket socket, int bufsize, int maxfds, int flags) throws IOException {
        if (maxfds < 0) throw new IllegalArgumentException("negative maxfds: " + maxfds);
        // As CPython's CMSG_LEN(maxfds * 4): refused when the room would not fit a socklen_t.
        if (maxfds > (Integer.MAX_VALUE - Native.SHIM.jsock_cmsg_len(0)) / Integer.BYTES) {
            throw new IllegalArgumentException("maxfds too large: " + maxfds);
        }
        Message m = socket.recvMsg(bufsize, cmsgLen(maxfds * Integer.BYTES), flags);
        return new FdMessage(m.data(), m.fds(), m.flags(), m.address());
    }

    public static FdMessage recvFds(Socket socket, int bufsize, int maxfds) throws IOException {
        return recvFds(socket, bufsize, maxfds, 0);
    }

    // ---------------------------------------------------------------- module functions
    // Python's look-ups, byte order, text forms and connection helpers. Where Python raises
    // OSError with no errno, these throw a java.net.SocketException with Python's text; where it
    // raises ValueError, OverflowError or UnicodeError, an IllegalArgumentException.

    /**
     * {@code getaddrinfo(host, port)}: every address of {@code host} for {@code port}, through the
     * C library (so /etc/hosts, nsswitch.conf and the DNS answer as for any other program). A
     * null host is the loopback address (or, with {@link #AI_PASSIVE}, the wildcard).
     *
     * @throws GaiError when the C library finds nothing (an {@link java.net.UnknownHostException})
     */
    public static List<AddrInfo> getAddrInfo(String host, int port) throws IOException {
        return getAddrInfo(host, Integer.toString(port), null, null, 0, 0);
    }

    /** {@code getaddrinfo(host, service)}: the service by name ({@code "http"}) or number ({@code "80"}), or null. */
    public static List<AddrInfo> getAddrInfo(String host, String service) throws IOException {
        return getAddrInfo(host, service, null, null, 0, 0);
    }

    /**
     * {@code getaddrinfo(host, port, family, type, proto, flags)}. The port is passed on as its
     * decimal text, exactly as Python does, so the C library decides what a port outside
     * 0-65535 means.
     */
    public static List<AddrInfo> getAddrInfo(String host, int port, Family family, Type type, int proto, int flags)
            throws IOException {
        return getAddrInfo(host, Integer.toString(port), family, type, proto, flags);
    }

    /**
     * {@code getaddrinfo(host, service, family, type, proto, flags)}: family null is AF_UNSPEC,
     * type null any type; flags are {@code AI_} bits. The host is encoded as Python's "idna"
     * codec does (an empty label is refused). Results are in the C library's order.
     */
    public static List<AddrInfo> getAddrInfo(String host, String service, Family family, Type type, int proto,
            int flags) throws IOException {
        return Lookups.getAddrInfo(host, service, family, type, proto, flags);
    }

    /**
     * {@code getnameinfo(sockaddr, flags)}: the host and service of an AF_INET or AF_INET6
     * address; flags are {@code NI_} bits.
     */
    public static NameInfo getNameInfo(SockAddr address, int flags) throws IOException {
        return Lookups.getNameInfo(address, flags);
    }

    /** {@code getfqdn()}: the fully qualified name of this host. */
    public static String getFqdn() {
        return getFqdn("");
    }

    /**
     * {@code getfqdn(name)}: the first of the host's names (from gethostbyaddr) that has a dot,
     * else its primary name; {@code name} itself when it cannot be looked up.
     */
    public static String getFqdn(String name) {
        return Lookups.getFqdn(Objects.requireNonNull(name, "name"));
    }

    /** {@code gethostname()}. */
    public static String getHostName() throws IOException {
        return Netdb.hostName();
    }

    /** {@code gethostbyname(name)}: the first IPv4 address of {@code name}, as text. */
    public static String getHostByName(String name) throws IOException {
        return Lookups.getHostByName(name);
    }

    /** {@code gethostbyname_ex(name)}: the host's name, aliases and IPv4 addresses. */
    public static HostEntry getHostByNameEx(String name) throws IOException {
        return Lookups.getHostByNameEx(name);
    }

    /**
     * {@code gethostbyaddr(address)}: the host entry of an address (a name is resolved first).
     *
     * @throws HostError when the host database has no entry for it
     */
    public static HostEntry getHostByAddr(String address) throws IOException {
        return Lookups.getHostByAddr(address);
    }

    /** {@code getprotobyname(name)}: the protocol's number, from /etc/protocols. */
    public static int getProtoByName(String name) throws IOException {
        return Lookups.getProtoByName(name);
    }

    /** {@code getservbyname(name)}: the port of a service, for any protocol. */
    public static int getServByName(String name) throws IOException {
        return Lookups.getServByName(name, null);
    }

    /** {@code getservbyname(name, proto)}: the port of a service for {@code proto} (null: any). */
    public static int getServByName(String name, String proto) throws IOException {
        return Lookups.getServByName(name, proto);
    }

    /** {@code getservbyport(port)}: the name of the service on a port (0-65535), for any protocol. */
    public static String getServByPort(int port) throws IOException {
        return Lookups.getServByPort(port, null);
    }

    /** {@code getservbyport(port, proto)}. */
    public static String getServByPort(int port, String proto) throws IOException {
        return Lookups.getServByPort(port, proto);
    }

    /** {@code ntohl(x)} for x in 0 to 2^32-1: a 32-bit value from network to host byte order. */
    public static long ntohl(long x) {
        return swap32(x, "ntohl");
    }

    /** {@code htonl(x)} for x in 0 to 2^32-1. */
    public static long htonl(long x) {
        return swap32(x, "htonl");
    }

    /** {@code ntohs(x)} for x in 0 to 65535. */
    public static int ntohs(int x) {
        return swap16(x, "ntohs");
    }

    /** {@code htons(x)} for x in 0 to 65535. */
    public static int htons(int x) {
        return swap16(x, "htons");
    }

    private static long swap32(long x, String call) {
        if (x < 0) throw new IllegalArgumentException(call + ": can't convert negative value to unsigned int");
        if (x > 0xFFFFFFFFL) throw new IllegalArgumentException(call + ": int larger than 32 bits");
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) return x;
        return Integer.toUnsignedLong(Integer.reverseBytes((int) x));
    }

    private static int swap16(int x, String call) {
        if (x < 0) {
            throw new IllegalArgumentException(call
                    + ": can't convert negative Python int to C 16-bit unsigned integer");
        }
        if (x > 0xFFFF) {
            throw new IllegalArgumentException(call + ": Python int too large to convert to C 16-bit unsigned integer");
        }
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) return x;
        return Short.toUnsignedInt(Short.reverseBytes((short) x));
    }

    /**
     * {@code inet_aton(text)}: the 4 bytes of an IPv4 address in any form inet_aton(3) reads
     * ({@code "127.1"}, {@code "0x7f.0.0.1"}, ...).
     */
    public static byte[] inetAton(String text) throws IOException {
        Netdb.cString(Objects.requireNonNull(text, "text"), "inet_aton: text");
        Scratch s = Scratch.get();
        if (Native.LIBC.inet_aton(text, s.aux()) == 0) {
            throw new SocketException("illegal IP address string passed to inet_aton: '" + text + "'");
        }
        byte[] out = new byte[4];
        s.buffer().get(Scratch.AUX, out);
        return out;
    }

    /** {@code inet_ntoa(packed)}: the dotted text of 4 address bytes. */
    public static String inetNtoa(byte[] packed) throws IOException {
        if (Objects.requireNonNull(packed, "packed").length != 4) {
            throw new SocketException("packed IP wrong length for inet_ntoa: " + packed.length + " bytes");
        }
        return InetText.ntop(packed);
    }

    /** {@code inet_pton(family, text)}: the 4 (INET) or 16 (INET6) bytes of a numeric address. */
    public static byte[] inetPton(Family family, String text) throws IOException {
        Objects.requireNonNull(family, "family");
        Netdb.cString(Objects.requireNonNull(text, "text"), "inet_pton: text");
        if (family != Family.INET && family != Family.INET6) throw Errors.of(EAFNOSUPPORT, "inet_pton", null);
        byte[] packed = InetText.pton(family.value(), text);
        if (packed == null) throw new SocketException("illegal IP address string passed to inet_pton: '" + text + "'");
        return packed;
    }

    /** {@code inet_ntop(family, packed)}: the text of 4 (INET) or 16 (INET6) address bytes. */
    public static String inetNtop(Family family, byte[] packed) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(packed, "packed");
        if (family != Family.INET && family != Family.INET6) {
            throw new IllegalArgumentException("unknown address family " + family.value());
        }
        if (packed.length != (family == Family.INET ? 4 : 16)) {
            throw new IllegalArgumentException("invalid length of packed IP address string: " + packed.length);
        }
        return InetText.ntop(packed);
    }

    /** {@code has_ipv6}: whether this build supports IPv6 (always, on Linux), as Python's constant. */
    public static boolean hasIpv6() {
        return Consts.has("AF_INET6");
    }

    /** {@code has_dualstack_ipv6()}: whether an AF_INET6 socket can serve IPv4 clients too. */
    public static boolean hasDualStackIpv6() {
        return Connections.hasDualStackIpv6();
    }

    /** {@code if_nameindex()}: every network interface, index and name. */
    public static List<NetInterface> ifNameIndex() throws IOException {
        return Lookups.ifNameIndex();
    }

    /** {@code if_nametoindex(name)}. */
    public static int ifNameToIndex(String name) throws IOException {
        return Lookups.ifNameToIndex(name);
    }

    /** {@code if_indextoname(index)}. */
    public static String ifIndexToName(int index) throws IOException {
        return Lookups.ifIndexToName(index);
    }

    /**
     * {@code CMSG_LEN(length)}: the cmsg_len of an ancillary message with {@code length} bytes of
     * data, from the C macro; refused when the result would not fit a socklen_t, as Python.
     */
    public static int cmsgLen(int length) {
        long header = Native.SHIM.jsock_cmsg_len(0);
        if (length < 0 || length > Integer.MAX_VALUE - header) {
            throw new IllegalArgumentException("CMSG_LEN() argument out of range: " + length);
        }
        return (int) Native.SHIM.jsock_cmsg_len(length);
    }

    /**
     * {@code CMSG_SPACE(length)}: the buffer space an ancillary message with {@code length} bytes
     * of data takes, padding included, from the C macro.
     */
    public static int cmsgSpace(int length) {
        // CMSG_SPACE(1) counts the padding both before and after the data, as Python's bound.
        long overhead = Native.SHIM.jsock_cmsg_space(1);
        if (length < 0 || length > Integer.MAX_VALUE - overhead) {
            throw new IllegalArgumentException("CMSG_SPACE() argument out of range: " + length);
        }
        return (int) Native.SHIM.jsock_cmsg_space(length);
    }

    /**
     * {@code create_connection((host, port))}: a stream socket connected to the first address of
     * {@code host} that accepts, with the default timeout. See
     * {@link #createConnection(String, int, Duration, SockAddr)}.
     */
    public static Socket createConnection(String host, int port) throws IOException {
        return Connections.createConnection(host, port, null, false, null);
    }

    /** {@code create_connection((host, port), timeout)}: null blocks, as Python's None. */
    public static Socket createConnection(String host, int port, Duration timeout) throws IOException {
        return Connections.createConnection(host, port, timeout, true, null);
    }

    /**
     * {@code create_connection((host, port), timeout, source_address)}: tries every address
     * getaddrinfo gives for {@code host}, in order, each with its own {@code timeout}, each bound
     * to {@code sourceAddress} first when it is not null (then only addresses of its family are
     * tried). When none connects, the last error is thrown and every earlier one is attached to
     * it as suppressed ({@link Throwable#getSuppressed()}), in order.
     */
    public static Socket createConnection(String host, int port, Duration timeout, SockAddr sourceAddress)
            throws IOException {
        return Connections.createConnection(host, port, timeout, true, sourceAddress);
    }

    /** {@code create_server(address)}: a listening stream socket of the address's family. */
    public static Socket createServer(SockAddr address) throws IOException {
        return Connections.createServer(address, OptionalInt.empty(), false, false);
    }

    /**
     * {@code create_server(address, backlog=, reuse_port=, dualstack_ipv6=)}: SO_REUSEADDR is
     * set, SO_REUSEPORT when asked; an AF_INET6 socket is IPv6 only unless {@code dualStackIpv6},
     * which lets it serve IPv4 clients as well (they appear as ::ffff:a.b.c.d).
     */
    public static Socket createServer(SockAddr address, int backlog, boolean reusePort, boolean dualStackIpv6)
            throws IOException {
        return Connections.createServer(address, OptionalInt.of(backlog), reusePort, dualStackIpv6);
    }

    // Address families
    public static final int AF_ALG = Consts.get("AF_ALG");
    public static final int AF_APPLETALK = Consts.get("AF_APPLETALK");
    public static final int AF_ASH = Consts.get("AF_ASH");
    public static final int AF_ATMPVC = Consts.get("AF_ATMPVC");
    public static final int AF_ATMSVC = Consts.get("AF_ATMSVC");
    public static final int AF_AX25 = Consts.get("AF_AX25");
    public static final int AF_BRIDGE = Consts.get("AF_BRIDGE");
    public static final int AF_CAN = Consts.get("AF_CAN");
    public static final int AF_DECnet = Consts.get("AF_DECnet");
    public static final int AF_ECONET = Consts.get("AF_ECONET");
    public static final int AF_INET = Consts.get("AF_INET");
    public static final int AF_INET6 = Consts.get("AF_INET6");
    public static final int AF_IPX = Consts.get("AF_IPX");
    public static final int AF_IRDA = Consts.get("AF_IRDA");
    public static final int AF_KEY = Consts.get("AF_KEY");
    public static final int AF_LLC = Consts.get("AF_LLC");
    public static final int AF_NETBEUI = Consts.get("AF_NETBEUI");
    public static final int AF_NETLINK = Consts.get("AF_NETLINK");
    public static final int AF_NETROM = Consts.get("AF_NETROM");
    public static final int AF_PACKET = Consts.get("AF_PACKET");
    public static final int AF_PPPOX = Consts.get("AF_PPPOX");
    public static final int AF_QIPCRTR = Consts.get("AF_QIPCRTR");
    public static final int AF_RDS = Consts.get("AF_RDS");
    public static final int AF_ROSE = Consts.get("AF_ROSE");
    public static final int AF_ROUTE = Consts.get("AF_ROUTE");
    public static final int AF_SECURITY = Consts.get("AF_SECURITY");
    public static final int AF_SNA = Consts.get("AF_SNA");
    public static final int AF_TIPC = Consts.get("AF_TIPC");
    public static final int AF_UNIX = Consts.get("AF_UNIX");
    public static final int AF_UNSPEC = Consts.get("AF_UNSPEC");
    public static final int AF_VSOCK = Consts.get("AF_VSOCK");
    public static final int AF_WANPIPE = Consts.get("AF_WANPIPE");
    public static final int AF_X25 = Consts.get("AF_X25");

    // Protocol families (aliases of AF_)
    public static final int PF_CAN = Consts.get("PF_CAN");
    public static final int PF_PACKET = Consts.get("PF_PACKET");
    public static final int PF_RDS = Consts.get("PF_RDS");
    public static final int PF_UNIX = Consts.get("PF_UNIX");
    public static final int PF_INET = Consts.get("PF_INET");
    public static final int PF_INET6 = Consts.get("PF_INET6");
    public static final int PF_NETLINK = Consts.get("PF_NETLINK");

    // Socket types and creation flags
    public static final int SOCK_CLOEXEC = Consts.get("SOCK_CLOEXEC");
    public static final int SOCK_DGRAM = Consts.get("SOCK_DGRAM");
    public static final int SOCK_NONBLOCK = Consts.get("SOCK_NONBLOCK");
    public static final int SOCK_RAW = Consts.get("SOCK_RAW");
    public static final int SOCK_RDM = Consts.get("SOCK_RDM");
    public static final int SOCK_SEQPACKET = Consts.get("SOCK_SEQPACKET");
    public static final int SOCK_STREAM = Consts.get("SOCK_STREAM");
    public static final int SOCK_PACKET = Consts.get("SOCK_PACKET");

    // Option levels
    public static final int SOL_ALG = Consts.get("SOL_ALG");
    public static final int SOL_CAN_BASE = Consts.get("SOL_CAN_BASE");
    public static final int SOL_CAN_RAW = Consts.get("SOL_CAN_RAW");
    public static final int SOL_IP = Consts.get("SOL_IP");
    public static final int SOL_RDS = Consts.get("SOL_RDS");
    public static final int SOL_SOCKET = Consts.get("SOL_SOCKET");
    public static final int SOL_TCP = Consts.get("SOL_TCP");
    public static final int SOL_TIPC = Consts.get("SOL_TIPC");
    public static final int SOL_UDP = Consts.get("SOL_UDP");
    public static final int SOL_IPV6 = Consts.get("SOL_IPV6");
    public static final int SOL_ICMPV6 = Consts.get("SOL_ICMPV6");
    public static final int SOL_RAW = Consts.get("SOL_RAW");
    public static final int SOL_PACKET = Consts.get("SOL_PACKET");
    public static final int SOL_NETLINK = Consts.get("SOL_NETLINK");

    // AF_VSOCK options
    public static final int SO_VM_SOCKETS_BUFFER_MAX_SIZE = Consts.get("SO_VM_SOCKETS_BUFFER_MAX_SIZE");
    public static final int SO_VM_SOCKETS_BUFFER_MIN_SIZE = Consts.get("SO_VM_SOCKETS_BUFFER_MIN_SIZE");
    public static final int SO_VM_SOCKETS_BUFFER_SIZE = Consts.get("SO_VM_SOCKETS_BUFFER_SIZE");

    // CAN J1939 options
    public static final int SO_J1939_ERRQUEUE = Consts.get("SO_J1939_ERRQUEUE");
    public static final int SO_J1939_FILTER = Consts.get("SO_J1939_FILTER");
    public static final int SO_J1939_PROMISC = Consts.get("SO_J1939_PROMISC");
    public static final int SO_J1939_SEND_PRIO = Consts.get("SO_J1939_SEND_PRIO");

    // Socket-level options
    public static final int SO_ACCEPTCONN = Consts.get("SO_ACCEPTCONN");
    public static final int SO_BINDTODEVICE = Consts.get("SO_BINDTODEVICE");
    public static final int SO_BROADCAST = Consts.get("SO_BROADCAST");
    public static final int SO_DEBUG = Consts.get("SO_DEBUG");
    public static final int SO_DOMAIN = Consts.get("SO_DOMAIN");
    public static final int SO_DONTROUTE = Consts.get("SO_DONTROUTE");
    public static final int SO_ERROR = Consts.get("SO_ERROR");
    public static final int SO_INCOMING_CPU = Consts.get("SO_INCOMING_CPU");
    public static final int SO_KEEPALIVE = Consts.get("SO_KEEPALIVE");
    public static final int SO_LINGER = Consts.get("SO_LINGER");
    public static final int SO_MARK = Consts.get("SO_MARK");
    public static final int SO_OOBINLINE = Consts.get("SO_OOBINLINE");
    public static final int SO_PASSCRED = Consts.get("SO_PASSCRED");
    public static final int SO_PASSSEC = Consts.get("SO_PASSSEC");
    public static final int SO_PEERCRED = Consts.get("SO_PEERCRED");
    public static final int SO_PEERSEC = Consts.get("SO_PEERSEC");
    public static final int SO_PRIORITY = Consts.get("SO_PRIORITY");
    public static final int SO_PROTOCOL = Consts.get("SO_PROTOCOL");
    public static final int SO_RCVBUF = Consts.get("SO_RCVBUF");
    public static final int SO_RCVLOWAT = Consts.get("SO_RCVLOWAT");
    public static final int SO_RCVTIMEO = Consts.get("SO_RCVTIMEO");
    public static final int SO_REUSEADDR = Consts.get("SO_REUSEADDR");
    public static final int SO_REUSEPORT = Consts.get("SO_REUSEPORT");
    public static final int SO_SNDBUF = Consts.get("SO_SNDBUF");
    public static final int SO_SNDLOWAT = Consts.get("SO_SNDLOWAT");
    public static final int SO_SNDTIMEO = Consts.get("SO_SNDTIMEO");
    public static final int SO_TYPE = Consts.get("SO_TYPE");
    public static final int SO_BSDCOMPAT = Consts.get("SO_BSDCOMPAT");
    public static final int SO_TIMESTAMP = Consts.get("SO_TIMESTAMP");
    public static final int SO_TIMESTAMPNS = Consts.get("SO_TIMESTAMPNS");
    public static final int SO_TIMESTAMPING = Consts.get("SO_TIMESTAMPING");
    public static final int SO_RCVBUFFORCE = Consts.get("SO_RCVBUFFORCE");
    public static final int SO_SNDBUFFORCE = Consts.get("SO_SNDBUFFORCE");
    public static final int SO_BUSY_POLL = Consts.get("SO_BUSY_POLL");
    public static final int SO_ZEROCOPY = Consts.get("SO_ZEROCOPY");
    public static final int SO_TXTIME = Consts.get("SO_TXTIME");
    public static final int SO_PEERGROUPS = Consts.get("SO_PEERGROUPS");
    public static final int SO_COOKIE = Consts.get("SO_COOKIE");
    public static final int SO_NO_CHECK = Consts.get("SO_NO_CHECK");
    public static final int SO_ATTACH_FILTER = Consts.get("SO_ATTACH_FILTER");
    public static final int SO_DETACH_FILTER = Consts.get("SO_DETACH_FILTER");
    public static final int SO_LOCK_FILTER = Consts.get("SO_LOCK_FILTER");
    public static final int SO_PEEK_OFF = Consts.get("SO_PEEK_OFF");
    public static final int SO_RXQ_OVFL = Consts.get("SO_RXQ_OVFL");
    public static final int SO_WIFI_STATUS = Consts.get("SO_WIFI_STATUS");
    public static final int SO_NOFCS = Consts.get("SO_NOFCS");
    public static final int SO_SELECT_ERR_QUEUE = Consts.get("SO_SELECT_ERR_QUEUE");
    public static final int SO_MAX_PACING_RATE = Consts.get("SO_MAX_PACING_RATE");
    public static final int SO_INCOMING_NAPI_ID = Consts.get("SO_INCOMING_NAPI_ID");
    public static final int SO_BINDTOIFINDEX = Consts.get("SO_BINDTOIFINDEX");
    public static final int SO_RCVTIMEO_OLD = Consts.get("SO_RCVTIMEO_OLD");
    public static final int SO_SNDTIMEO_OLD = Consts.get("SO_SNDTIMEO_OLD");

    // Ancillary message types
    public static final int SCM_CREDENTIALS = Consts.get("SCM_CREDENTIALS");
    public static final int SCM_J1939_DEST_ADDR = Consts.get("SCM_J1939_DEST_ADDR");
    public static final int SCM_J1939_DEST_NAME = Consts.get("SCM_J1939_DEST_NAME");
    public static final int SCM_J1939_ERRQUEUE = Consts.get("SCM_J1939_ERRQUEUE");
    public static final int SCM_J1939_PRIO = Consts.get("SCM_J1939_PRIO");
    public static final int SCM_RIGHTS = Consts.get("SCM_RIGHTS");
    public static final int SCM_TIMESTAMP = Consts.get("SCM_TIMESTAMP");
    public static final int SCM_TIMESTAMPNS = Consts.get("SCM_TIMESTAMPNS");
    public static final int SCM_TIMESTAMPING = Consts.get("SCM_TIMESTAMPING");

    // send/recv flags
    public static final int MSG_CMSG_CLOEXEC = Consts.get("MSG_CMSG_CLOEXEC");
    public static final int MSG_CONFIRM = Consts.get("MSG_CONFIRM");
    public static final int MSG_CTRUNC = Consts.get("MSG_CTRUNC");
    public static final int MSG_DONTROUTE = Consts.get("MSG_DONTROUTE");
    public static final int MSG_DONTWAIT = Consts.get("MSG_DONTWAIT");
    public static final int MSG_EOR = Consts.get("MSG_EOR");
    public static final int MSG_ERRQUEUE = Consts.get("MSG_ERRQUEUE");
    public static final int MSG_FASTOPEN = Consts.get("MSG_FASTOPEN");
    public static final int MSG_MORE = Consts.get("MSG_MORE");
    public static final int MSG_NOSIGNAL = Consts.get("MSG_NOSIGNAL");
    public static final int MSG_OOB = Consts.get("MSG_OOB");
    public static final int MSG_PEEK = Consts.get("MSG_PEEK");
    public static final int MSG_TRUNC = Consts.get("MSG_TRUNC");
    public static final int MSG_WAITALL = Consts.get("MSG_WAITALL");
    public static final int MSG_PROXY = Consts.get("MSG_PROXY");
    public static final int MSG_SYN = Consts.get("MSG_SYN");
    public static final int MSG_RST = Consts.get("MSG_RST");
    public static final int MSG_ZEROCOPY = Consts.get("MSG_ZEROCOPY");
    public static final int MSG_BATCH = Consts.get("MSG_BATCH");
    public static final int MSG_WAITFORONE = Consts.get("MSG_WAITFORONE");
    public static final int MSG_FIN = Consts.get("MSG_FIN");

    // shutdown() modes
    public static final int SHUT_RD = Consts.get("SHUT_RD");
    public static final int SHUT_RDWR = Consts.get("SHUT_RDWR");
    public static final int SHUT_WR = Consts.get("SHUT_WR");

    // IP protocols
    public static final int IPPROTO_AH = Consts.get("IPPROTO_AH");
    public static final int IPPROTO_DSTOPTS = Consts.get("IPPROTO_DSTOPTS");
    public static final int IPPROTO_EGP = Consts.get("IPPROTO_EGP");
    public static final int IPPROTO_ESP = Consts.get("IPPROTO_ESP");
    public static final int IPPROTO_FRAGMENT = Consts.get("IPPROTO_FRAGMENT");
    public static final int IPPROTO_GRE = Consts.get("IPPROTO_GRE");
    public static final int IPPROTO_HOPOPTS = Consts.get("IPPROTO_HOPOPTS");
    public static final int IPPROTO_ICMP = Consts.get("IPPROTO_ICMP");
    public static final int IPPROTO_ICMPV6 = Consts.get("IPPROTO_ICMPV6");
    public static final int IPPROTO_IDP = Consts.get("IPPROTO_IDP");
    public static final int IPPROTO_IGMP = Consts.get("IPPROTO_IGMP");
    public static final int IPPROTO_IP = Consts.get("IPPROTO_IP");
    public static final int IPPROTO_IPIP = Consts.get("IPPROTO_IPIP");
    public static final int IPPROTO_IPV6 = Consts.get("IPPROTO_IPV6");
    public static final int IPPROTO_MPTCP = Consts.get("IPPROTO_MPTCP");
    public static final int IPPROTO_NONE = Consts.get("IPPROTO_NONE");
    public static final int IPPROTO_PIM = Consts.get("IPPROTO_PIM");
    public static final int IPPROTO_PUP = Consts.get("IPPROTO_PUP");
    public static final int IPPROTO_RAW = Consts.get("IPPROTO_RAW");
    public static final int IPPROTO_ROUTING = Consts.get("IPPROTO_ROUTING");
    public static final int IPPROTO_RSVP = Consts.get("IPPROTO_RSVP");
    public static final int IPPROTO_SCTP = Consts.get("IPPROTO_SCTP");
    public static final int IPPROTO_TCP = Consts.get("IPPROTO_TCP");
    public static final int IPPROTO_TP = Consts.get("IPPROTO_TP");
    public static final int IPPROTO_UDP = Consts.get("IPPROTO_UDP");
    public static final int IPPROTO_UDPLITE = Consts.get("IPPROTO_UDPLITE");
    public static final int IPPROTO_ETHERNET = Consts.get("IPPROTO_ETHERNET");
    public static final int IPPROTO_MPLS = Consts.get("IPPROTO_MPLS");
    public static final int IPPROTO_COMP = Consts.get("IPPROTO_COMP");
    public static final int IPPROTO_BEETPH = Consts.get("IPPROTO_BEETPH");
    public static final int IPPROTO_DCCP = Consts.get("IPPROTO_DCCP");
    public static final int IPPROTO_MH = Consts.get("IPPROTO_MH");

    // Port ranges
    public static final int IPPORT_RESERVED = Consts.get("IPPORT_RESERVED");
    public static final int IPPORT_USERRESERVED = Consts.get("IPPORT_USERRESERVED");

    // IPv4 special addresses (unsigned 32-bit values)
    public static final int INADDR_ALLHOSTS_GROUP = Consts.get("INADDR_ALLHOSTS_GROUP");
    public static final int INADDR_ANY = Consts.get("INADDR_ANY");
    public static final int INADDR_BROADCAST = Consts.get("INADDR_BROADCAST");
    public static final int INADDR_LOOPBACK = Consts.get("INADDR_LOOPBACK");
    public static final int INADDR_MAX_LOCAL_GROUP = Consts.get("INADDR_MAX_LOCAL_GROUP");
    public static final int INADDR_NONE = Consts.get("INADDR_NONE");
    public static final int INADDR_UNSPEC_GROUP = Consts.get("INADDR_UNSPEC_GROUP");

    // IPv4 options
    public static final int IP_ADD_MEMBERSHIP = Consts.get("IP_ADD_MEMBERSHIP");
    public static final int IP_BIND_ADDRESS_NO_PORT = Consts.get("IP_BIND_ADDRESS_NO_PORT");
    public static final int IP_DEFAULT_MULTICAST_LOOP = Consts.get("IP_DEFAULT_MULTICAST_LOOP");
    public static final int IP_DEFAULT_MULTICAST_TTL = Consts.get("IP_DEFAULT_MULTICAST_TTL");
    public static final int IP_DROP_MEMBERSHIP = Consts.get("IP_DROP_MEMBERSHIP");
    public static final int IP_HDRINCL = Consts.get("IP_HDRINCL");
    public static final int IP_MAX_MEMBERSHIPS = Consts.get("IP_MAX_MEMBERSHIPS");
    public static final int IP_MULTICAST_IF = Consts.get("IP_MULTICAST_IF");
    public static final int IP_MULTICAST_LOOP = Consts.get("IP_MULTICAST_LOOP");
    public static final int IP_MULTICAST_TTL = Consts.get("IP_MULTICAST_TTL");
    public static final int IP_OPTIONS = Consts.get("IP_OPTIONS");
    public static final int IP_RECVOPTS = Consts.get("IP_RECVOPTS");
    public static final int IP_RECVRETOPTS = Consts.get("IP_RECVRETOPTS");
    public static final int IP_RECVTOS = Consts.get("IP_RECVTOS");
    public static final int IP_RETOPTS = Consts.get("IP_RETOPTS");
    public static final int IP_TOS = Consts.get("IP_TOS");
    public static final int IP_TRANSPARENT = Consts.get("IP_TRANSPARENT");
    public static final int IP_TTL = Consts.get("IP_TTL");
    public static final int IP_PKTINFO = Consts.get("IP_PKTINFO");
    public static final int IP_RECVTTL = Consts.get("IP_RECVTTL");
    public static final int IP_MTU_DISCOVER = Consts.get("IP_MTU_DISCOVER");
    public static final int IP_MTU = Consts.get("IP_MTU");
    public static final int IP_RECVERR = Consts.get("IP_RECVERR");
    public static final int IP_FREEBIND = Consts.get("IP_FREEBIND");
    public static final int IP_MINTTL = Consts.get("IP_MINTTL");
    public static final int IP_NODEFRAG = Consts.get("IP_NODEFRAG");
    public static final int IP_MULTICAST_ALL = Consts.get("IP_MULTICAST_ALL");
    public static final int IP_UNICAST_IF = Consts.get("IP_UNICAST_IF");
    public static final int IP_PMTUDISC_DONT = Consts.get("IP_PMTUDISC_DONT");
    public static final int IP_PMTUDISC_WANT = Consts.get("IP_PMTUDISC_WANT");
    public static final int IP_PMTUDISC_DO = Consts.get("IP_PMTUDISC_DO");
    public static final int IP_PMTUDISC_PROBE = Consts.get("IP_PMTUDISC_PROBE");
    public static final int IP_ADD_SOURCE_MEMBERSHIP = Consts.get("IP_ADD_SOURCE_MEMBERSHIP");
    public static final int IP_DROP_SOURCE_MEMBERSHIP = Consts.get("IP_DROP_SOURCE_MEMBERSHIP");
    public static final int IP_BLOCK_SOURCE = Consts.get("IP_BLOCK_SOURCE");
    public static final int IP_UNBLOCK_SOURCE = Consts.get("IP_UNBLOCK_SOURCE");
    public static final int IP_ORIGDSTADDR = Consts.get("IP_ORIGDSTADDR");
    public static final int IP_RECVORIGDSTADDR = Consts.get("IP_RECVORIGDSTADDR");
    public static final int IP_PASSSEC = Consts.get("IP_PASSSEC");
    public static final int IP_CHECKSUM = Consts.get("IP_CHECKSUM");
    public static final int IP_ROUTER_ALERT = Consts.get("IP_ROUTER_ALERT");
    public static final int IP_PKTOPTIONS = Consts.get("IP_PKTOPTIONS");
    public static final int IP_XFRM_POLICY = Consts.get("IP_XFRM_POLICY");
    public static final int IP_IPSEC_POLICY = Consts.get("IP_IPSEC_POLICY");

    // IPv6 options
    public static final int IPV6_CHECKSUM = Consts.get("IPV6_CHECKSUM");
    public static final int IPV6_DONTFRAG = Consts.get("IPV6_DONTFRAG");
    public static final int IPV6_DSTOPTS = Consts.get("IPV6_DSTOPTS");
    public static final int IPV6_HOPLIMIT = Consts.get("IPV6_HOPLIMIT");
    public static final int IPV6_HOPOPTS = Consts.get("IPV6_HOPOPTS");
    public static final int IPV6_JOIN_GROUP = Consts.get("IPV6_JOIN_GROUP");
    public static final int IPV6_LEAVE_GROUP = Consts.get("IPV6_LEAVE_GROUP");
    public static final int IPV6_MULTICAST_HOPS = Consts.get("IPV6_MULTICAST_HOPS");
    public static final int IPV6_MULTICAST_IF = Consts.get("IPV6_MULTICAST_IF");
    public static final int IPV6_MULTICAST_LOOP = Consts.get("IPV6_MULTICAST_LOOP");
    public static final int IPV6_NEXTHOP = Consts.get("IPV6_NEXTHOP");
    public static final int IPV6_PATHMTU = Consts.get("IPV6_PATHMTU");
    public static final int IPV6_PKTINFO = Consts.get("IPV6_PKTINFO");
    public static final int IPV6_RECVDSTOPTS = Consts.get("IPV6_RECVDSTOPTS");
    public static final int IPV6_RECVHOPLIMIT = Consts.get("IPV6_RECVHOPLIMIT");
    public static final int IPV6_RECVHOPOPTS = Consts.get("IPV6_RECVHOPOPTS");
    public static final int IPV6_RECVPATHMTU = Consts.get("IPV6_RECVPATHMTU");
    public static final int IPV6_RECVPKTINFO = Consts.get("IPV6_RECVPKTINFO");
    public static final int IPV6_RECVRTHDR = Consts.get("IPV6_RECVRTHDR");
    public static final int IPV6_RECVTCLASS = Consts.get("IPV6_RECVTCLASS");
    public static final int IPV6_RTHDR = Consts.get("IPV6_RTHDR");
    public static final int IPV6_RTHDRDSTOPTS = Consts.get("IPV6_RTHDRDSTOPTS");
    public static final int IPV6_RTHDR_TYPE_0 = Consts.get("IPV6_RTHDR_TYPE_0");
    public static final int IPV6_TCLASS = Consts.get("IPV6_TCLASS");
    public static final int IPV6_UNICAST_HOPS = Consts.get("IPV6_UNICAST_HOPS");
    public static final int IPV6_V6ONLY = Consts.get("IPV6_V6ONLY");
    public static final int IPV6_ADDRFORM = Consts.get("IPV6_ADDRFORM");
    public static final int IPV6_2292PKTINFO = Consts.get("IPV6_2292PKTINFO");
    public static final int IPV6_2292HOPOPTS = Consts.get("IPV6_2292HOPOPTS");
    public static final int IPV6_2292DSTOPTS = Consts.get("IPV6_2292DSTOPTS");
    public static final int IPV6_2292RTHDR = Consts.get("IPV6_2292RTHDR");
    public static final int IPV6_2292PKTOPTIONS = Consts.get("IPV6_2292PKTOPTIONS");
    public static final int IPV6_2292HOPLIMIT = Consts.get("IPV6_2292HOPLIMIT");
    public static final int IPV6_MTU_DISCOVER = Consts.get("IPV6_MTU_DISCOVER");
    public static final int IPV6_MTU = Consts.get("IPV6_MTU");
    public static final int IPV6_RECVERR = Consts.get("IPV6_RECVERR");
    public static final int IPV6_ROUTER_ALERT = Consts.get("IPV6_ROUTER_ALERT");
    public static final int IPV6_ADD_MEMBERSHIP = Consts.get("IPV6_ADD_MEMBERSHIP");
    public static final int IPV6_DROP_MEMBERSHIP = Consts.get("IPV6_DROP_MEMBERSHIP");
    public static final int IPV6_FREEBIND = Consts.get("IPV6_FREEBIND");
    public static final int IPV6_TRANSPARENT = Consts.get("IPV6_TRANSPARENT");
    public static final int IPV6_UNICAST_IF = Consts.get("IPV6_UNICAST_IF");
    public static final int IPV6_RECVORIGDSTADDR = Consts.get("IPV6_RECVORIGDSTADDR");
    public static final int IPV6_ORIGDSTADDR = Consts.get("IPV6_ORIGDSTADDR");
    public static final int IPV6_MULTICAST_ALL = Consts.get("IPV6_MULTICAST_ALL");
    public static final int IPV6_AUTOFLOWLABEL = Consts.get("IPV6_AUTOFLOWLABEL");

    // TCP options and states
    public static final int TCP_CONGESTION = Consts.get("TCP_CONGESTION");
    public static final int TCP_CORK = Consts.get("TCP_CORK");
    public static final int TCP_DEFER_ACCEPT = Consts.get("TCP_DEFER_ACCEPT");
    public static final int TCP_FASTOPEN = Consts.get("TCP_FASTOPEN");
    public static final int TCP_INFO = Consts.get("TCP_INFO");
    public static final int TCP_KEEPCNT = Consts.get("TCP_KEEPCNT");
    public static final int TCP_KEEPIDLE = Consts.get("TCP_KEEPIDLE");
    public static final int TCP_KEEPINTVL = Consts.get("TCP_KEEPINTVL");
    public static final int TCP_LINGER2 = Consts.get("TCP_LINGER2");
    public static final int TCP_MAXSEG = Consts.get("TCP_MAXSEG");
    public static final int TCP_NODELAY = Consts.get("TCP_NODELAY");
    public static final int TCP_NOTSENT_LOWAT = Consts.get("TCP_NOTSENT_LOWAT");
    public static final int TCP_QUICKACK = Consts.get("TCP_QUICKACK");
    public static final int TCP_SYNCNT = Consts.get("TCP_SYNCNT");
    public static final int TCP_USER_TIMEOUT = Consts.get("TCP_USER_TIMEOUT");
    public static final int TCP_WINDOW_CLAMP = Consts.get("TCP_WINDOW_CLAMP");
    public static final int TCP_MD5SIG = Consts.get("TCP_MD5SIG");
    public static final int TCP_THIN_LINEAR_TIMEOUTS = Consts.get("TCP_THIN_LINEAR_TIMEOUTS");
    public static final int TCP_THIN_DUPACK = Consts.get("TCP_THIN_DUPACK");
    public static final int TCP_REPAIR = Consts.get("TCP_REPAIR");
    public static final int TCP_REPAIR_QUEUE = Consts.get("TCP_REPAIR_QUEUE");
    public static final int TCP_QUEUE_SEQ = Consts.get("TCP_QUEUE_SEQ");
    public static final int TCP_REPAIR_OPTIONS = Consts.get("TCP_REPAIR_OPTIONS");
    public static final int TCP_TIMESTAMP = Consts.get("TCP_TIMESTAMP");
    public static final int TCP_CC_INFO = Consts.get("TCP_CC_INFO");
    public static final int TCP_SAVE_SYN = Consts.get("TCP_SAVE_SYN");
    public static final int TCP_SAVED_SYN = Consts.get("TCP_SAVED_SYN");
    public static final int TCP_FASTOPEN_CONNECT = Consts.get("TCP_FASTOPEN_CONNECT");
    public static final int TCP_ULP = Consts.get("TCP_ULP");
    public static final int TCP_FASTOPEN_KEY = Consts.get("TCP_FASTOPEN_KEY");
    public static final int TCP_FASTOPEN_NO_COOKIE = Consts.get("TCP_FASTOPEN_NO_COOKIE");
    public static final int TCP_ZEROCOPY_RECEIVE = Consts.get("TCP_ZEROCOPY_RECEIVE");
    public static final int TCP_INQ = Consts.get("TCP_INQ");
    public static final int TCP_TX_DELAY = Consts.get("TCP_TX_DELAY");
    public static final int TCP_ESTABLISHED = Consts.get("TCP_ESTABLISHED");
    public static final int TCP_SYN_SENT = Consts.get("TCP_SYN_SENT");
    public static final int TCP_SYN_RECV = Consts.get("TCP_SYN_RECV");
    public static final int TCP_FIN_WAIT1 = Consts.get("TCP_FIN_WAIT1");
    public static final int TCP_FIN_WAIT2 = Consts.get("TCP_FIN_WAIT2");
    public static final int TCP_TIME_WAIT = Consts.get("TCP_TIME_WAIT");
    public static final int TCP_CLOSE = Consts.get("TCP_CLOSE");
    public static final int TCP_CLOSE_WAIT = Consts.get("TCP_CLOSE_WAIT");
    public static final int TCP_LAST_ACK = Consts.get("TCP_LAST_ACK");
    public static final int TCP_LISTEN = Consts.get("TCP_LISTEN");
    public static final int TCP_CLOSING = Consts.get("TCP_CLOSING");

    // UDP options
    public static final int UDP_CORK = Consts.get("UDP_CORK");
    public static final int UDP_ENCAP = Consts.get("UDP_ENCAP");
    public static final int UDP_NO_CHECK6_TX = Consts.get("UDP_NO_CHECK6_TX");
    public static final int UDP_NO_CHECK6_RX = Consts.get("UDP_NO_CHECK6_RX");
    public static final int UDP_SEGMENT = Consts.get("UDP_SEGMENT");
    public static final int UDP_GRO = Consts.get("UDP_GRO");

    // getaddrinfo flags
    public static final int AI_ADDRCONFIG = Consts.get("AI_ADDRCONFIG");
    public static final int AI_ALL = Consts.get("AI_ALL");
    public static final int AI_CANONNAME = Consts.get("AI_CANONNAME");
    public static final int AI_NUMERICHOST = Consts.get("AI_NUMERICHOST");
    public static final int AI_NUMERICSERV = Consts.get("AI_NUMERICSERV");
    public static final int AI_PASSIVE = Consts.get("AI_PASSIVE");
    public static final int AI_V4MAPPED = Consts.get("AI_V4MAPPED");
    public static final int AI_IDN = Consts.get("AI_IDN");
    public static final int AI_CANONIDN = Consts.get("AI_CANONIDN");

    // getnameinfo flags and sizes
    public static final int NI_DGRAM = Consts.get("NI_DGRAM");
    public static final int NI_MAXHOST = Consts.get("NI_MAXHOST");
    public static final int NI_MAXSERV = Consts.get("NI_MAXSERV");
    public static final int NI_NAMEREQD = Consts.get("NI_NAMEREQD");
    public static final int NI_NOFQDN = Consts.get("NI_NOFQDN");
    public static final int NI_NUMERICHOST = Consts.get("NI_NUMERICHOST");
    public static final int NI_NUMERICSERV = Consts.get("NI_NUMERICSERV");
    public static final int NI_IDN = Consts.get("NI_IDN");

    // getaddrinfo errors
    public static final int EAI_ADDRFAMILY = Consts.get("EAI_ADDRFAMILY");
    public static final int EAI_AGAIN = Consts.get("EAI_AGAIN");
    public static final int EAI_BADFLAGS = Consts.get("EAI_BADFLAGS");
    public static final int EAI_FAIL = Consts.get("EAI_FAIL");
    public static final int EAI_FAMILY = Consts.get("EAI_FAMILY");
    public static final int EAI_MEMORY = Consts.get("EAI_MEMORY");
    public static final int EAI_NODATA = Consts.get("EAI_NODATA");
    public static final int EAI_NONAME = Consts.get("EAI_NONAME");
    public static final int EAI_OVERFLOW = Consts.get("EAI_OVERFLOW");
    public static final int EAI_SERVICE = Consts.get("EAI_SERVICE");
    public static final int EAI_SOCKTYPE = Consts.get("EAI_SOCKTYPE");
    public static final int EAI_SYSTEM = Consts.get("EAI_SYSTEM");
    public static final int EAI_INPROGRESS = Consts.get("EAI_INPROGRESS");
    public static final int EAI_CANCELED = Consts.get("EAI_CANCELED");
    public static final int EAI_NOTCANCELED = Consts.get("EAI_NOTCANCELED");
    public static final int EAI_ALLDONE = Consts.get("EAI_ALLDONE");
    public static final int EAI_INTR = Consts.get("EAI_INTR");
    public static final int EAI_IDN_ENCODE = Consts.get("EAI_IDN_ENCODE");

    // Netlink protocols and options
    public static final int NETLINK_CRYPTO = Consts.get("NETLINK_CRYPTO");
    public static final int NETLINK_DNRTMSG = Consts.get("NETLINK_DNRTMSG");
    public static final int NETLINK_FIREWALL = Consts.get("NETLINK_FIREWALL");
    public static final int NETLINK_IP6_FW = Consts.get("NETLINK_IP6_FW");
    public static final int NETLINK_NFLOG = Consts.get("NETLINK_NFLOG");
    public static final int NETLINK_ROUTE = Consts.get("NETLINK_ROUTE");
    public static final int NETLINK_USERSOCK = Consts.get("NETLINK_USERSOCK");
    public static final int NETLINK_XFRM = Consts.get("NETLINK_XFRM");
    public static final int NETLINK_SOCK_DIAG = Consts.get("NETLINK_SOCK_DIAG");
    public static final int NETLINK_INET_DIAG = Consts.get("NETLINK_INET_DIAG");
    public static final int NETLINK_GENERIC = Consts.get("NETLINK_GENERIC");
    public static final int NETLINK_KOBJECT_UEVENT = Consts.get("NETLINK_KOBJECT_UEVENT");
    public static final int NETLINK_AUDIT = Consts.get("NETLINK_AUDIT");
    public static final int NETLINK_NETFILTER = Consts.get("NETLINK_NETFILTER");
    public static final int NETLINK_SELINUX = Consts.get("NETLINK_SELINUX");
    public static final int NETLINK_ISCSI = Consts.get("NETLINK_ISCSI");
    public static final int NETLINK_FIB_LOOKUP = Consts.get("NETLINK_FIB_LOOKUP");
    public static final int NETLINK_CONNECTOR = Consts.get("NETLINK_CONNECTOR");
    public static final int NETLINK_SCSITRANSPORT = Consts.get("NETLINK_SCSITRANSPORT");
    public static final int NETLINK_ECRYPTFS = Consts.get("NETLINK_ECRYPTFS");
    public static final int NETLINK_RDMA = Consts.get("NETLINK_RDMA");
    public static final int NETLINK_SMC = Consts.get("NETLINK_SMC");
    public static final int NETLINK_UNUSED = Consts.get("NETLINK_UNUSED");
    public static final int NETLINK_ADD_MEMBERSHIP = Consts.get("NETLINK_ADD_MEMBERSHIP");
    public static final int NETLINK_DROP_MEMBERSHIP = Consts.get("NETLINK_DROP_MEMBERSHIP");
    public static final int NETLINK_PKTINFO = Consts.get("NETLINK_PKTINFO");
    public static final int NETLINK_BROADCAST_ERROR = Consts.get("NETLINK_BROADCAST_ERROR");
    public static final int NETLINK_NO_ENOBUFS = Consts.get("NETLINK_NO_ENOBUFS");
    public static final int NETLINK_RX_RING = Consts.get("NETLINK_RX_RING");
    public static final int NETLINK_TX_RING = Consts.get("NETLINK_TX_RING");
    public static final int NETLINK_LISTEN_ALL_NSID = Consts.get("NETLINK_LISTEN_ALL_NSID");
    public static final int NETLINK_LIST_MEMBERSHIPS = Consts.get("NETLINK_LIST_MEMBERSHIPS");
    public static final int NETLINK_CAP_ACK = Consts.get("NETLINK_CAP_ACK");
    public static final int NETLINK_EXT_ACK = Consts.get("NETLINK_EXT_ACK");
    public static final int NETLINK_GET_STRICT_CHK = Consts.get("NETLINK_GET_STRICT_CHK");

    // TIPC
    public static final int TIPC_ADDR_ID = Consts.get("TIPC_ADDR_ID");
    public static final int TIPC_ADDR_NAME = Consts.get("TIPC_ADDR_NAME");
    public static final int TIPC_ADDR_NAMESEQ = Consts.get("TIPC_ADDR_NAMESEQ");
    public static final int TIPC_CFG_SRV = Consts.get("TIPC_CFG_SRV");
    public static final int TIPC_CLUSTER_SCOPE = Consts.get("TIPC_CLUSTER_SCOPE");
    public static final int TIPC_CONN_TIMEOUT = Consts.get("TIPC_CONN_TIMEOUT");
    public static final int TIPC_CRITICAL_IMPORTANCE = Consts.get("TIPC_CRITICAL_IMPORTANCE");
    public static final int TIPC_DEST_DROPPABLE = Consts.get("TIPC_DEST_DROPPABLE");
    public static final int TIPC_HIGH_IMPORTANCE = Consts.get("TIPC_HIGH_IMPORTANCE");
    public static final int TIPC_IMPORTANCE = Consts.get("TIPC_IMPORTANCE");
    public static final int TIPC_LOW_IMPORTANCE = Consts.get("TIPC_LOW_IMPORTANCE");
    public static final int TIPC_MEDIUM_IMPORTANCE = Consts.get("TIPC_MEDIUM_IMPORTANCE");
    public static final int TIPC_NODE_SCOPE = Consts.get("TIPC_NODE_SCOPE");
    public static final int TIPC_PUBLISHED = Consts.get("TIPC_PUBLISHED");
    public static final int TIPC_SRC_DROPPABLE = Consts.get("TIPC_SRC_DROPPABLE");
    public static final int TIPC_SUBSCR_TIMEOUT = Consts.get("TIPC_SUBSCR_TIMEOUT");
    public static final int TIPC_SUB_CANCEL = Consts.get("TIPC_SUB_CANCEL");
    public static final int TIPC_SUB_PORTS = Consts.get("TIPC_SUB_PORTS");
    public static final int TIPC_SUB_SERVICE = Consts.get("TIPC_SUB_SERVICE");
    public static final int TIPC_TOP_SRV = Consts.get("TIPC_TOP_SRV");
    public static final int TIPC_WAIT_FOREVER = Consts.get("TIPC_WAIT_FOREVER");
    public static final int TIPC_WITHDRAWN = Consts.get("TIPC_WITHDRAWN");
    public static final int TIPC_ZONE_SCOPE = Consts.get("TIPC_ZONE_SCOPE");

    // TIPC beyond CPython's names: the rest of linux/tipc.h (TIPC_REKEYING_NOW, ~0U, is -1 here)
    public static final int PF_TIPC = Consts.get("PF_TIPC");
    public static final int TIPC_NODE_STATE = Consts.get("TIPC_NODE_STATE");
    public static final int TIPC_LINK_STATE = Consts.get("TIPC_LINK_STATE");
    public static final int TIPC_RESERVED_TYPES = Consts.get("TIPC_RESERVED_TYPES");
    public static final int TIPC_MAX_USER_MSG_SIZE = Consts.get("TIPC_MAX_USER_MSG_SIZE");
    public static final int TIPC_OK = Consts.get("TIPC_OK");
    public static final int TIPC_ERR_NO_NAME = Consts.get("TIPC_ERR_NO_NAME");
    public static final int TIPC_ERR_NO_PORT = Consts.get("TIPC_ERR_NO_PORT");
    public static final int TIPC_ERR_NO_NODE = Consts.get("TIPC_ERR_NO_NODE");
    public static final int TIPC_ERR_OVERLOAD = Consts.get("TIPC_ERR_OVERLOAD");
    public static final int TIPC_CONN_SHUTDOWN = Consts.get("TIPC_CONN_SHUTDOWN");
    public static final int TIPC_ADDR_MCAST = Consts.get("TIPC_ADDR_MCAST");
    public static final int TIPC_SERVICE_RANGE = Consts.get("TIPC_SERVICE_RANGE");
    public static final int TIPC_SERVICE_ADDR = Consts.get("TIPC_SERVICE_ADDR");
    public static final int TIPC_SOCKET_ADDR = Consts.get("TIPC_SOCKET_ADDR");
    public static final int TIPC_ERRINFO = Consts.get("TIPC_ERRINFO");
    public static final int TIPC_RETDATA = Consts.get("TIPC_RETDATA");
    public static final int TIPC_DESTNAME = Consts.get("TIPC_DESTNAME");
    public static final int TIPC_NODE_RECVQ_DEPTH = Consts.get("TIPC_NODE_RECVQ_DEPTH");
    public static final int TIPC_SOCK_RECVQ_DEPTH = Consts.get("TIPC_SOCK_RECVQ_DEPTH");
    public static final int TIPC_MCAST_BROADCAST = Consts.get("TIPC_MCAST_BROADCAST");
    public static final int TIPC_MCAST_REPLICAST = Consts.get("TIPC_MCAST_REPLICAST");
    public static final int TIPC_GROUP_JOIN = Consts.get("TIPC_GROUP_JOIN");
    public static final int TIPC_GROUP_LEAVE = Consts.get("TIPC_GROUP_LEAVE");
    public static final int TIPC_SOCK_RECVQ_USED = Consts.get("TIPC_SOCK_RECVQ_USED");
    public static final int TIPC_NODELAY = Consts.get("TIPC_NODELAY");
    public static final int TIPC_GROUP_LOOPBACK = Consts.get("TIPC_GROUP_LOOPBACK");
    public static final int TIPC_GROUP_MEMBER_EVTS = Consts.get("TIPC_GROUP_MEMBER_EVTS");
    public static final int TIPC_NODEID_LEN = Consts.get("TIPC_NODEID_LEN");
    public static final int TIPC_MAX_MEDIA_NAME = Consts.get("TIPC_MAX_MEDIA_NAME");
    public static final int TIPC_MAX_IF_NAME = Consts.get("TIPC_MAX_IF_NAME");
    public static final int TIPC_MAX_BEARER_NAME = Consts.get("TIPC_MAX_BEARER_NAME");
    public static final int TIPC_MAX_LINK_NAME = Consts.get("TIPC_MAX_LINK_NAME");
    public static final int SIOCGETLINKNAME = Consts.get("SIOCGETLINKNAME");
    public static final int SIOCGETNODEID = Consts.get("SIOCGETNODEID");
    public static final int TIPC_AEAD_ALG_NAME = Consts.get("TIPC_AEAD_ALG_NAME");
    public static final int TIPC_AEAD_KEYLEN_MIN = Consts.get("TIPC_AEAD_KEYLEN_MIN");
    public static final int TIPC_AEAD_KEYLEN_MAX = Consts.get("TIPC_AEAD_KEYLEN_MAX");
    public static final int TIPC_AEAD_KEY_SIZE_MAX = Consts.get("TIPC_AEAD_KEY_SIZE_MAX");
    public static final int TIPC_REKEYING_NOW = Consts.get("TIPC_REKEYING_NOW");
    public static final int TIPC_NODE_BITS = Consts.get("TIPC_NODE_BITS");
    public static final int TIPC_CLUSTER_BITS = Consts.get("TIPC_CLUSTER_BITS");
    public static final int TIPC_ZONE_BITS = Consts.get("TIPC_ZONE_BITS");
    public static final int TIPC_NODE_OFFSET = Consts.get("TIPC_NODE_OFFSET");
    public static final int TIPC_CLUSTER_OFFSET = Consts.get("TIPC_CLUSTER_OFFSET");
    public static final int TIPC_ZONE_OFFSET = Consts.get("TIPC_ZONE_OFFSET");
    public static final int TIPC_NODE_SIZE = Consts.get("TIPC_NODE_SIZE");
    public static final int TIPC_CLUSTER_SIZE = Consts.get("TIPC_CLUSTER_SIZE");
    public static final int TIPC_ZONE_SIZE = Consts.get("TIPC_ZONE_SIZE");
    public static final int TIPC_NODE_MASK = Consts.get("TIPC_NODE_MASK");
    public static final int TIPC_CLUSTER_MASK = Consts.get("TIPC_CLUSTER_MASK");
    public static final int TIPC_ZONE_MASK = Consts.get("TIPC_ZONE_MASK");
    public static final int TIPC_ZONE_CLUSTER_MASK = Consts.get("TIPC_ZONE_CLUSTER_MASK");

    // CAN
    public static final int CAN_BCM = Consts.get("CAN_BCM");
    public static final int CAN_BCM_CAN_FD_FRAME = Consts.get("CAN_BCM_CAN_FD_FRAME");
    public static final int CAN_BCM_RX_ANNOUNCE_RESUME = Consts.get("CAN_BCM_RX_ANNOUNCE_RESUME");
    public static final int CAN_BCM_RX_CHANGED = Consts.get("CAN_BCM_RX_CHANGED");
    public static final int CAN_BCM_RX_CHECK_DLC = Consts.get("CAN_BCM_RX_CHECK_DLC");
    public static final int CAN_BCM_RX_DELETE = Consts.get("CAN_BCM_RX_DELETE");
    public static final int CAN_BCM_RX_FILTER_ID = Consts.get("CAN_BCM_RX_FILTER_ID");
    public static final int CAN_BCM_RX_NO_AUTOTIMER = Consts.get("CAN_BCM_RX_NO_AUTOTIMER");
    public static final int CAN_BCM_RX_READ = Consts.get("CAN_BCM_RX_READ");
    public static final int CAN_BCM_RX_RTR_FRAME = Consts.get("CAN_BCM_RX_RTR_FRAME");
    public static final int CAN_BCM_RX_SETUP = Consts.get("CAN_BCM_RX_SETUP");
    public static final int CAN_BCM_RX_STATUS = Consts.get("CAN_BCM_RX_STATUS");
    public static final int CAN_BCM_RX_TIMEOUT = Consts.get("CAN_BCM_RX_TIMEOUT");
    public static final int CAN_BCM_SETTIMER = Consts.get("CAN_BCM_SETTIMER");
    public static final int CAN_BCM_STARTTIMER = Consts.get("CAN_BCM_STARTTIMER");
    public static final int CAN_BCM_TX_ANNOUNCE = Consts.get("CAN_BCM_TX_ANNOUNCE");
    public static final int CAN_BCM_TX_COUNTEVT = Consts.get("CAN_BCM_TX_COUNTEVT");
    public static final int CAN_BCM_TX_CP_CAN_ID = Consts.get("CAN_BCM_TX_CP_CAN_ID");
    public static final int CAN_BCM_TX_DELETE = Consts.get("CAN_BCM_TX_DELETE");
    public static final int CAN_BCM_TX_EXPIRED = Consts.get("CAN_BCM_TX_EXPIRED");
    public static final int CAN_BCM_TX_READ = Consts.get("CAN_BCM_TX_READ");
    public static final int CAN_BCM_TX_RESET_MULTI_IDX = Consts.get("CAN_BCM_TX_RESET_MULTI_IDX");
    public static final int CAN_BCM_TX_SEND = Consts.get("CAN_BCM_TX_SEND");
    public static final int CAN_BCM_TX_SETUP = Consts.get("CAN_BCM_TX_SETUP");
    public static final int CAN_BCM_TX_STATUS = Consts.get("CAN_BCM_TX_STATUS");
    public static final int CAN_EFF_FLAG = Consts.get("CAN_EFF_FLAG");
    public static final int CAN_EFF_MASK = Consts.get("CAN_EFF_MASK");
    public static final int CAN_ERR_FLAG = Consts.get("CAN_ERR_FLAG");
    public static final int CAN_ERR_MASK = Consts.get("CAN_ERR_MASK");
    public static final int CAN_ISOTP = Consts.get("CAN_ISOTP");
    public static final int CAN_J1939 = Consts.get("CAN_J1939");
    public static final int CAN_RAW = Consts.get("CAN_RAW");
    public static final int CAN_RAW_FD_FRAMES = Consts.get("CAN_RAW_FD_FRAMES");
    public static final int CAN_RAW_FILTER = Consts.get("CAN_RAW_FILTER");
    public static final int CAN_RAW_JOIN_FILTERS = Consts.get("CAN_RAW_JOIN_FILTERS");
    public static final int CAN_RAW_LOOPBACK = Consts.get("CAN_RAW_LOOPBACK");
    public static final int CAN_RAW_RECV_OWN_MSGS = Consts.get("CAN_RAW_RECV_OWN_MSGS");
    public static final int CAN_RTR_FLAG = Consts.get("CAN_RTR_FLAG");
    public static final int CAN_SFF_MASK = Consts.get("CAN_SFF_MASK");
    public static final int CAN_RAW_ERR_FILTER = Consts.get("CAN_RAW_ERR_FILTER");

    // CAN J1939
    public static final int J1939_EE_INFO_NONE = Consts.get("J1939_EE_INFO_NONE");
    public static final int J1939_EE_INFO_TX_ABORT = Consts.get("J1939_EE_INFO_TX_ABORT");
    public static final int J1939_FILTER_MAX = Consts.get("J1939_FILTER_MAX");
    public static final int J1939_IDLE_ADDR = Consts.get("J1939_IDLE_ADDR");
    public static final int J1939_MAX_UNICAST_ADDR = Consts.get("J1939_MAX_UNICAST_ADDR");
    public static final int J1939_NLA_BYTES_ACKED = Consts.get("J1939_NLA_BYTES_ACKED");
    public static final int J1939_NLA_PAD = Consts.get("J1939_NLA_PAD");
    public static final int J1939_NO_ADDR = Consts.get("J1939_NO_ADDR");
    public static final int J1939_NO_NAME = Consts.get("J1939_NO_NAME");
    public static final int J1939_NO_PGN = Consts.get("J1939_NO_PGN");
    public static final int J1939_PGN_ADDRESS_CLAIMED = Consts.get("J1939_PGN_ADDRESS_CLAIMED");
    public static final int J1939_PGN_ADDRESS_COMMANDED = Consts.get("J1939_PGN_ADDRESS_COMMANDED");
    public static final int J1939_PGN_MAX = Consts.get("J1939_PGN_MAX");
    public static final int J1939_PGN_PDU1_MAX = Consts.get("J1939_PGN_PDU1_MAX");
    public static final int J1939_PGN_REQUEST = Consts.get("J1939_PGN_REQUEST");

    // Kernel crypto API (AF_ALG)
    public static final int ALG_OP_DECRYPT = Consts.get("ALG_OP_DECRYPT");
    public static final int ALG_OP_ENCRYPT = Consts.get("ALG_OP_ENCRYPT");
    public static final int ALG_SET_AEAD_ASSOCLEN = Consts.get("ALG_SET_AEAD_ASSOCLEN");
    public static final int ALG_SET_AEAD_AUTHSIZE = Consts.get("ALG_SET_AEAD_AUTHSIZE");
    public static final int ALG_SET_IV = Consts.get("ALG_SET_IV");
    public static final int ALG_SET_KEY = Consts.get("ALG_SET_KEY");
    public static final int ALG_SET_OP = Consts.get("ALG_SET_OP");

    // AF_PACKET packet types
    public static final int PACKET_BROADCAST = Consts.get("PACKET_BROADCAST");
    public static final int PACKET_FASTROUTE = Consts.get("PACKET_FASTROUTE");
    public static final int PACKET_HOST = Consts.get("PACKET_HOST");
    public static final int PACKET_LOOPBACK = Consts.get("PACKET_LOOPBACK");
    public static final int PACKET_MULTICAST = Consts.get("PACKET_MULTICAST");
    public static final int PACKET_OTHERHOST = Consts.get("PACKET_OTHERHOST");
    public static final int PACKET_OUTGOING = Consts.get("PACKET_OUTGOING");

    // AF_VSOCK addresses
    public static final int VMADDR_CID_ANY = Consts.get("VMADDR_CID_ANY");
    public static final int VMADDR_CID_HOST = Consts.get("VMADDR_CID_HOST");
    public static final int VMADDR_PORT_ANY = Consts.get("VMADDR_PORT_ANY");

    // AF_VSOCK
    public static final int VM_SOCKETS_INVALID_VERSION = Consts.get("VM_SOCKETS_INVALID_VERSION");

    // AF_VSOCK ioctl
    public static final int IOCTL_VM_SOCKETS_GET_LOCAL_CID = Consts.get("IOCTL_VM_SOCKETS_GET_LOCAL_CID");

    // Socket ioctl requests
    public static final int SIOCINQ = Consts.get("SIOCINQ");
    public static final int SIOCOUTQ = Consts.get("SIOCOUTQ");
    public static final int SIOCOUTQNSD = Consts.get("SIOCOUTQNSD");
    public static final int SIOCATMARK = Consts.get("SIOCATMARK");
    public static final int SIOCGSTAMP = Consts.get("SIOCGSTAMP");
    public static final int SIOCGSTAMPNS = Consts.get("SIOCGSTAMPNS");
    public static final int SIOCGIFNAME = Consts.get("SIOCGIFNAME");
    public static final int SIOCGIFINDEX = Consts.get("SIOCGIFINDEX");
    public static final int SIOCGIFFLAGS = Consts.get("SIOCGIFFLAGS");
    public static final int SIOCSIFFLAGS = Consts.get("SIOCSIFFLAGS");
    public static final int SIOCGIFMTU = Consts.get("SIOCGIFMTU");
    public static final int SIOCSIFMTU = Consts.get("SIOCSIFMTU");
    public static final int SIOCGIFHWADDR = Consts.get("SIOCGIFHWADDR");
    public static final int SIOCGIFADDR = Consts.get("SIOCGIFADDR");
    public static final int SIOCGIFNETMASK = Consts.get("SIOCGIFNETMASK");
    public static final int SIOCGIFBRDADDR = Consts.get("SIOCGIFBRDADDR");
    public static final int SIOCGIFDSTADDR = Consts.get("SIOCGIFDSTADDR");
    public static final int SIOCGIFCONF = Consts.get("SIOCGIFCONF");
    public static final int SIOCGIFTXQLEN = Consts.get("SIOCGIFTXQLEN");
    public static final int SIOCGIFMETRIC = Consts.get("SIOCGIFMETRIC");
    public static final int SIOCGIFMAP = Consts.get("SIOCGIFMAP");
    public static final int SIOCGPGRP = Consts.get("SIOCGPGRP");
    public static final int SIOCSPGRP = Consts.get("SIOCSPGRP");

    // File ioctl requests
    public static final int FIONREAD = Consts.get("FIONREAD");
    public static final int FIONBIO = Consts.get("FIONBIO");
    public static final int FIOCLEX = Consts.get("FIOCLEX");
    public static final int FIONCLEX = Consts.get("FIONCLEX");
    public static final int FIOASYNC = Consts.get("FIOASYNC");

    // Interface flags
    public static final int IFF_UP = Consts.get("IFF_UP");
    public static final int IFF_BROADCAST = Consts.get("IFF_BROADCAST");
    public static final int IFF_DEBUG = Consts.get("IFF_DEBUG");
    public static final int IFF_LOOPBACK = Consts.get("IFF_LOOPBACK");
    public static final int IFF_POINTOPOINT = Consts.get("IFF_POINTOPOINT");
    public static final int IFF_NOTRAILERS = Consts.get("IFF_NOTRAILERS");
    public static final int IFF_RUNNING = Consts.get("IFF_RUNNING");
    public static final int IFF_NOARP = Consts.get("IFF_NOARP");
    public static final int IFF_PROMISC = Consts.get("IFF_PROMISC");
    public static final int IFF_ALLMULTI = Consts.get("IFF_ALLMULTI");
    public static final int IFF_MASTER = Consts.get("IFF_MASTER");
    public static final int IFF_SLAVE = Consts.get("IFF_SLAVE");
    public static final int IFF_MULTICAST = Consts.get("IFF_MULTICAST");
    public static final int IFF_PORTSEL = Consts.get("IFF_PORTSEL");
    public static final int IFF_AUTOMEDIA = Consts.get("IFF_AUTOMEDIA");
    public static final int IFF_DYNAMIC = Consts.get("IFF_DYNAMIC");

    // Interface name sizes
    public static final int IFNAMSIZ = Consts.get("IFNAMSIZ");

    // Interface name sizes
    public static final int IF_NAMESIZE = Consts.get("IF_NAMESIZE");

    // Hardware types
    public static final int ARPHRD_ETHER = Consts.get("ARPHRD_ETHER");
    public static final int ARPHRD_LOOPBACK = Consts.get("ARPHRD_LOOPBACK");
    public static final int ARPHRD_NONE = Consts.get("ARPHRD_NONE");
    public static final int ARPHRD_VOID = Consts.get("ARPHRD_VOID");

    // Address text sizes
    public static final int INET_ADDRSTRLEN = Consts.get("INET_ADDRSTRLEN");
    public static final int INET6_ADDRSTRLEN = Consts.get("INET6_ADDRSTRLEN");

    // AF_UNIX path size
    public static final int UNIX_PATH_MAX = Consts.get("UNIX_PATH_MAX");

    // errno values that Python's socket module exports
    public static final int EAGAIN = Consts.get("EAGAIN");
    public static final int EBADF = Consts.get("EBADF");
    public static final int EWOULDBLOCK = Consts.get("EWOULDBLOCK");

    // Other
    public static final int SOMAXCONN = Consts.get("SOMAXCONN");
}
