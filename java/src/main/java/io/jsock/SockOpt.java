package io.jsock;

import io.jsock.internal.CStrings;
import io.jsock.internal.Consts;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A typed socket option: its level, its name, the Java type of its value and how that value is
 * encoded. Values travel through the raw {@link Socket#getSockOpt(int, int, int)},
 * {@link Socket#setSockOpt(int, int, byte[])} and their int forms, in native byte order, so this
 * class is a codec only: {@code s.set(SockOpt.TCP_NODELAY, true)}, {@code s.get(SockOpt.SO_PEERCRED)}.
 *
 * <p>Flags are {@code Boolean}, counts and sizes {@code Integer}, structs records of their own
 * ({@link Linger}, {@link Ucred}, {@link TcpInfo}, {@link IpMembership}, {@link Ipv6Membership},
 * {@link TipcGroupReq}); options that are actions and take no value (TIPC_GROUP_LEAVE,
 * TIPC_MCAST_BROADCAST, TIPC_MCAST_REPLICAST) are {@code Boolean} options set with {@code true}
 * alone, as {@code setsockopt(level, name, None, 0)}.
 * Options the kernel only reports (SO_TYPE, SO_ERROR, SO_PEERCRED, TCP_INFO, ...) refuse
 * {@link #set} and the membership options, which the kernel only takes, refuse {@link #get}, both
 * with {@link UnsupportedOperationException} before any call; a null value is refused with
 * {@link NullPointerException}. A failed call names the option: {@code setsockopt SO_MARK: [Errno 1 EPERM] ...}.
 *
 * @param <T> the Java type of the option's value
 */
public final class SockOpt<T> {
    /** Every typed option, in declaration order; filled by the constructor, so declared first. */
    private static final List<SockOpt<?>> ALL = new ArrayList<>();

    private static final int SOL_SOCKET = Sockets.SOL_SOCKET;
    private static final int IPPROTO_TCP = Sockets.IPPROTO_TCP;
    private static final int IPPROTO_IP = Sockets.IPPROTO_IP;
    private static final int IPPROTO_IPV6 = Sockets.IPPROTO_IPV6;
    private static final int SOL_TIPC = Sockets.SOL_TIPC;
    private static final int IFNAMSIZ = Consts.get("IFNAMSIZ");

    /** Whether the kernel reads, writes, or both reads and writes an option. */
    public enum Access { READ_WRITE, READ_ONLY, WRITE_ONLY }

    private final String cName;
    private final int level;
    private final int name;
    private final Access access;
    private final Codec<T> codec;

    private SockOpt(String cName, int level, Access access, Codec<T> codec) {
        this.cName = cName;
        this.level = level;
        this.name = Consts.get(cName);
        this.access = access;
        this.codec = codec;
        ALL.add(this);
    }

    /** Every typed option, for tests and tools. */
    public static List<SockOpt<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The C name, such as {@code SO_RCVBUF}. */
    public String cName() {
        return cName;
    }

    /** The level, such as SOL_SOCKET or IPPROTO_TCP. */
    public int level() {
        return level;
    }

    /** The option's number at its level, from the headers. */
    public int name() {
        return name;
    }

    public Access access() {
        return access;
    }

    /** Reads the option from a socket; write-only options throw {@link UnsupportedOperationException}. */
    public T get(Socket socket) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (access == Access.WRITE_ONLY) {
            throw new UnsupportedOperationException(cName + " is write-only: the kernel does not report it");
        }
        return codec.get(socket, this);
    }

    /**
     * Writes the option to a socket; read-only options throw {@link UnsupportedOperationException},
     * a null value {@link NullPointerException}.
     */
    public void set(Socket socket, T value) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(value, () -> cName + ": null value");
        if (access == Access.READ_ONLY) {
            throw new UnsupportedOperationException(cName + " is read-only: the kernel does not take it");
        }
        codec.set(socket, this, value);
    }

    @Override
    public String toString() {
        return cName;
    }

    private String getCall() {
        return "getsockopt " + cName;
    }

    private String setCall() {
        return "setsockopt " + cName;
    }

    // ---------------------------------------------------------------- codecs, one per value shape

    /** How one shape of value travels through getsockopt and setsockopt. */
    private interface Codec<T> {
        T get(Socket s, SockOpt<T> o) throws IOException;

        void set(Socket s, SockOpt<T> o, T value) throws IOException;
    }

    /** A value carried as a C int. */
    private record IntCodec<T>(IntFunction<T> decode, ToIntFunction<T> encode) implements Codec<T> {
        @Override public T get(Socket s, SockOpt<T> o) throws IOException {
            return decode.apply(s.getSockOpt(o.level, o.name, o.getCall()));
        }

        @Override public void set(Socket s, SockOpt<T> o, T value) throws IOException {
            s.setSockOpt(o.level, o.name, encode.applyAsInt(value), o.setCall());
        }
    }

    /**
     * A value carried as bytes: read with a buffer of {@code buflen}, decoded from as many bytes as
     * the kernel wrote; encoded into bytes of the value's own length.
     */
    private record BytesCodec<T>(int buflen, Function<ByteBuffer, T> decode, Function<T, byte[]> encode)
            implements Codec<T> {
        @Override public T get(Socket s, SockOpt<T> o) throws IOException {
            return decode.apply(nativeOrder(s.getSockOpt(o.level, o.name, buflen, o.getCall())));
        }

        @Override public void set(Socket s, SockOpt<T> o, T value) throws IOException {
            s.setSockOpt(o.level, o.name, encode.apply(value), o.setCall());
        }
    }

    private static final Codec<Integer> INT = new IntCodec<>(v -> v, v -> v);
    private static final Codec<Boolean> FLAG = new IntCodec<>(v -> v != 0, v -> v ? 1 : 0);
    private static final Codec<Type> TYPE = new IntCodec<>(v -> known(Type.of(v), "SO_TYPE", v), Type::value);
    private static final Codec<Family> FAMILY = new IntCodec<>(v -> known(Family.of(v), "SO_DOMAIN", v), Family::value);
    private static final Codec<Linger> LINGER = struct(Linger.SIZE, b -> Linger.decode(b, 0), Linger::encode);
    private static final Codec<Ucred> UCRED = struct(Ucred.SIZE, b -> Ucred.decode(b, 0), Ucred::encode);
    private static final Codec<TcpInfo> TCP_INFO_STRUCT = struct(TcpInfo.SIZE, TcpInfo::decode, null);
    private static final Codec<IpMembership> IP_MREQN = struct(IpMembership.SIZE, null, IpMembership::encode);
    private static final Codec<Ipv6Membership> IPV6_MREQ = struct(Ipv6Membership.SIZE, null, Ipv6Membership::encode);
    private static final Codec<TipcGroupReq> TIPC_GROUP_REQ = struct(TipcGroupReq.SIZE, null, TipcGroupReq::encode);
    private static final Codec<Boolean> ACTION = new ActionCodec();
    private static final Codec<Inet4Address> IN_ADDR =
            new BytesCodec<>(Consts.sizeOf("in_addr"), SockOpt::inAddr, Inet4Address::getAddress);

    /** A struct of {@code size} bytes, decoded from and encoded at offset 0 (a direction the kernel lacks is null). */
    private static <T> Codec<T> struct(int size, Function<ByteBuffer, T> decode, StructEncoder<T> encode) {
        return new BytesCodec<>(size, decode, v -> {
            ByteBuffer out = nativeOrder(new byte[size]);
            encode.encode(v, out, 0);
            return out.array();
        });
    }

    private interface StructEncoder<T> {
        void encode(T value, ByteBuffer out, int offset);
    }

    /**
     * A NUL-terminated name (an interface, an algorithm) of at most {@code max - 1} bytes of UTF-8,
     * sent without its NUL as the kernel takes it; {@code ""} when the kernel reports nothing.
     */
    private record NameCodec(int max) implements Codec<String> {
        @Override public String get(Socket s, SockOpt<String> o) throws IOException {
            byte[] raw = s.getSockOpt(o.level, o.name, max, o.getCall());
            int end = 0;
            while (end < raw.length && raw[end] != 0) end++;
            return new String(raw, 0, end, StandardCharsets.UTF_8);
        }

        @Override public void set(Socket s, SockOpt<String> o, String value) throws IOException {
            byte[] bytes = CStrings.of(java.util.Objects.requireNonNull(value, "value"), o.cName);
            if (bytes.length > max - 1) {
                throw new IllegalArgumentException(o.cName + ": \"" + value + "\" is " + bytes.length
                        + " bytes, at most " + (max - 1));
            }
            s.setSockOpt(o.level, o.name, bytes, o.setCall());
        }
    }

    /**
     * An option that is an action: setsockopt with no value (NULL, length 0). {@code true} does
     * it; {@code false} is refused, since there is nothing to undo.
     */
    private static final class ActionCodec implements Codec<Boolean> {
        @Override public Boolean get(Socket s, SockOpt<Boolean> o) {
            throw new UnsupportedOperationException(o.cName + " is write-only: the kernel does not report it");
        }

        @Override public void set(Socket s, SockOpt<Boolean> o, Boolean value) throws IOException {
            if (!value) throw new IllegalArgumentException(o.cName + " is an action without a value: set it with true");
            s.setSockOptNone(o.level, o.name, 0, o.setCall());
        }
    }

    static ByteBuffer nativeOrder(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    private static Inet4Address inAddr(ByteBuffer in) {
        byte[] a = new byte[4];
        in.get(0, a);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }

    private static <E> E known(E value, String option, int raw) {
        if (value == null) throw new IllegalStateException(option + " is " + raw + ", which jsock does not name");
        return value;
    }

    private static <T> SockOpt<T> rw(String cName, int level, Codec<T> codec) {
        return new SockOpt<>(cName, level, Access.READ_WRITE, codec);
    }

    private static <T> SockOpt<T> readOnly(String cName, int level, Codec<T> codec) {
        return new SockOpt<>(cName, level, Access.READ_ONLY, codec);
    }

    private static <T> SockOpt<T> writeOnly(String cName, int level, Codec<T> codec) {
        return new SockOpt<>(cName, level, Access.WRITE_ONLY, codec);
    }

    // ---------------------------------------------------------------- SOL_SOCKET

    public static final SockOpt<Boolean> SO_REUSEADDR = rw("SO_REUSEADDR", SOL_SOCKET, FLAG);
    public static final SockOpt<Boolean> SO_REUSEPORT = rw("SO_REUSEPORT", SOL_SOCKET, FLAG);
    public static final SockOpt<Boolean> SO_KEEPALIVE = rw("SO_KEEPALIVE", SOL_SOCKET, FLAG);
    public static final SockOpt<Boolean> SO_BROADCAST = rw("SO_BROADCAST", SOL_SOCKET, FLAG);
    /** Whether and how long close waits to send what is queued. */
    public static final SockOpt<Linger> SO_LINGER = rw("SO_LINGER", SOL_SOCKET, LINGER);
    /** The receive buffer in bytes. Linux doubles what is set (for its bookkeeping) and reports the double. */
    public static final SockOpt<Integer> SO_RCVBUF = rw("SO_RCVBUF", SOL_SOCKET, INT);
    /** The send buffer in bytes. Linux doubles what is set and reports the double. */
    public static final SockOpt<Integer> SO_SNDBUF = rw("SO_SNDBUF", SOL_SOCKET, INT);
    public static final SockOpt<Integer> SO_RCVLOWAT = rw("SO_RCVLOWAT", SOL_SOCKET, INT);
    public static final SockOpt<Type> SO_TYPE = readOnly("SO_TYPE", SOL_SOCKET, TYPE);
    public static final SockOpt<Integer> SO_PROTOCOL = readOnly("SO_PROTOCOL", SOL_SOCKET, INT);
    public static final SockOpt<Family> SO_DOMAIN = readOnly("SO_DOMAIN", SOL_SOCKET, FAMILY);
    /** The pending error as an errno (0 for none); reading it clears it. */
    public static final SockOpt<Integer> SO_ERROR = readOnly("SO_ERROR", SOL_SOCKET, INT);
    public static final SockOpt<Boolean> SO_ACCEPTCONN = readOnly("SO_ACCEPTCONN", SOL_SOCKET, FLAG);
    /** The credentials of the peer of an AF_UNIX socket, as they were when it connected (or made the pair). */
    public static final SockOpt<Ucred> SO_PEERCRED = readOnly("SO_PEERCRED", SOL_SOCKET, UCRED);
    /** Whether SCM_CREDENTIALS messages are received. */
    public static final SockOpt<Boolean> SO_PASSCRED = rw("SO_PASSCRED", SOL_SOCKET, FLAG);
    /** The interface the socket is bound to ({@code ""}: none; setting it needs CAP_NET_RAW). */
    public static final SockOpt<String> SO_BINDTODEVICE = rw("SO_BINDTODEVICE", SOL_SOCKET, new NameCodec(IFNAMSIZ));
    /** The firewall mark of the socket's packets (setting it needs CAP_NET_ADMIN or CAP_NET_RAW). */
    public static final SockOpt<Integer> SO_MARK = rw("SO_MARK", SOL_SOCKET, INT);
    /** The priority of the socket's packets (above 6 needs CAP_NET_ADMIN). */
    public static final SockOpt<Integer> SO_PRIORITY = rw("SO_PRIORITY", SOL_SOCKET, INT);

    // ---------------------------------------------------------------- IPPROTO_TCP

    public static final SockOpt<Boolean> TCP_NODELAY = rw("TCP_NODELAY", IPPROTO_TCP, FLAG);
    public static final SockOpt<Boolean> TCP_CORK = rw("TCP_CORK", IPPROTO_TCP, FLAG);
    public static final SockOpt<Boolean> TCP_QUICKACK = rw("TCP_QUICKACK", IPPROTO_TCP, FLAG);
    /** Seconds of idleness before keepalive probes start. */
    public static final SockOpt<Integer> TCP_KEEPIDLE = rw("TCP_KEEPIDLE", IPPROTO_TCP, INT);
    /** Seconds between keepalive probes. */
    public static final SockOpt<Integer> TCP_KEEPINTVL = rw("TCP_KEEPINTVL", IPPROTO_TCP, INT);
    /** Unanswered keepalive probes before the connection is dropped. */
    public static final SockOpt<Integer> TCP_KEEPCNT = rw("TCP_KEEPCNT", IPPROTO_TCP, INT);
    /** Milliseconds sent data may stay unacknowledged before the connection is dropped (0: the system's default). */
    public static final SockOpt<Integer> TCP_USER_TIMEOUT = rw("TCP_USER_TIMEOUT", IPPROTO_TCP, INT);
    /**
     * The congestion control algorithm, such as {@code "cubic"} or {@code "reno"}. A name the
     * kernel does not have fails with ENOENT; one longer than the kernel's limit is cut by it.
     */
    public static final SockOpt<String> TCP_CONGESTION = rw("TCP_CONGESTION", IPPROTO_TCP, new NameCodec(64));
    /** The kernel's view of the connection. */
    public static final SockOpt<TcpInfo> TCP_INFO = readOnly("TCP_INFO", IPPROTO_TCP, TCP_INFO_STRUCT);

    // ---------------------------------------------------------------- IPPROTO_IP

    public static final SockOpt<Integer> IP_TTL = rw("IP_TTL", IPPROTO_IP, INT);
    public static final SockOpt<Integer> IP_TOS = rw("IP_TOS", IPPROTO_IP, INT);
    public static final SockOpt<Integer> IP_MULTICAST_TTL = rw("IP_MULTICAST_TTL", IPPROTO_IP, INT);
    public static final SockOpt<Boolean> IP_MULTICAST_LOOP = rw("IP_MULTICAST_LOOP", IPPROTO_IP, FLAG);
    /** The local address of the interface multicast is sent from (0.0.0.0: chosen by route). */
    public static final SockOpt<Inet4Address> IP_MULTICAST_IF = rw("IP_MULTICAST_IF", IPPROTO_IP, IN_ADDR);
    public static final SockOpt<IpMembership> IP_ADD_MEMBERSHIP = writeOnly("IP_ADD_MEMBERSHIP", IPPROTO_IP, IP_MREQN);
    public static final SockOpt<IpMembership> IP_DROP_MEMBERSHIP = writeOnly("IP_DROP_MEMBERSHIP", IPPROTO_IP, IP_MREQN);

    // ---------------------------------------------------------------- IPPROTO_IPV6

    public static final SockOpt<Boolean> IPV6_V6ONLY = rw("IPV6_V6ONLY", IPPROTO_IPV6, FLAG);
    /** The hop limit of unicast packets; setting -1 restores the route's default. */
    public static final SockOpt<Integer> IPV6_UNICAST_HOPS = rw("IPV6_UNICAST_HOPS", IPPROTO_IPV6, INT);
    /** The hop limit of multicast packets; setting -1 restores the default (1). */
    public static final SockOpt<Integer> IPV6_MULTICAST_HOPS = rw("IPV6_MULTICAST_HOPS", IPPROTO_IPV6, INT);
    public static final SockOpt<Boolean> IPV6_MULTICAST_LOOP = rw("IPV6_MULTICAST_LOOP", IPPROTO_IPV6, FLAG);
    /** The index of the interface multicast is sent from (0: chosen by route). */
    public static final SockOpt<Integer> IPV6_MULTICAST_IF = rw("IPV6_MULTICAST_IF", IPPROTO_IPV6, INT);
    public static final SockOpt<Ipv6Membership> IPV6_JOIN_GROUP = writeOnly("IPV6_JOIN_GROUP", IPPROTO_IPV6, IPV6_MREQ);
    public static final SockOpt<Ipv6Membership> IPV6_LEAVE_GROUP = writeOnly("IPV6_LEAVE_GROUP", IPPROTO_IPV6, IPV6_MREQ);

    // ---------------------------------------------------------------- SOL_TIPC

    /** The importance of the socket's messages: TIPC_LOW_IMPORTANCE (the default) to TIPC_CRITICAL_IMPORTANCE. */
    public static final SockOpt<Integer> TIPC_IMPORTANCE = rw("TIPC_IMPORTANCE", SOL_TIPC, INT);
    /** Whether messages that meet congestion are dropped rather than kept (the default: true for SOCK_DGRAM). */
    public static final SockOpt<Boolean> TIPC_SRC_DROPPABLE = rw("TIPC_SRC_DROPPABLE", SOL_TIPC, FLAG);
    /**
     * Whether a message that cannot be delivered is dropped rather than returned to its sender
     * with TIPC_ERRINFO and TIPC_RETDATA (the default: true for SOCK_DGRAM and SOCK_RDM).
     */
    public static final SockOpt<Boolean> TIPC_DEST_DROPPABLE = rw("TIPC_DEST_DROPPABLE", SOL_TIPC, FLAG);
    /** Milliseconds a connect waits for the peer before it fails (the default: 8000). */
    public static final SockOpt<Integer> TIPC_CONN_TIMEOUT = rw("TIPC_CONN_TIMEOUT", SOL_TIPC, INT);
    /** Obsolete: the kernel reports 0. */
    public static final SockOpt<Integer> TIPC_NODE_RECVQ_DEPTH = readOnly("TIPC_NODE_RECVQ_DEPTH", SOL_TIPC, INT);
    /** The number of messages in the socket's receive queue. */
    public static final SockOpt<Integer> TIPC_SOCK_RECVQ_DEPTH = readOnly("TIPC_SOCK_RECVQ_DEPTH", SOL_TIPC, INT);
    /** The bytes the socket's receive queue takes. */
    public static final SockOpt<Integer> TIPC_SOCK_RECVQ_USED = readOnly("TIPC_SOCK_RECVQ_USED", SOL_TIPC, INT);
    /** Multicast by broadcast from now on, rather than as TIPC chooses (an action: set it with true). */
    public static final SockOpt<Boolean> TIPC_MCAST_BROADCAST = writeOnly("TIPC_MCAST_BROADCAST", SOL_TIPC, ACTION);
    /** Multicast by replicated unicast from now on, rather than as TIPC chooses (an action: set it with true). */
    public static final SockOpt<Boolean> TIPC_MCAST_REPLICAST = writeOnly("TIPC_MCAST_REPLICAST", SOL_TIPC, ACTION);
    /**
     * Joins a communication group. (The kernel reports the joined group's type through the raw
     * {@code getSockOpt(SOL_TIPC, TIPC_GROUP_JOIN)}, an int.)
     */
    public static final SockOpt<TipcGroupReq> TIPC_GROUP_JOIN = writeOnly("TIPC_GROUP_JOIN", SOL_TIPC, TIPC_GROUP_REQ);
    /** Leaves the group the socket joined (an action: set it with true). */
    public static final SockOpt<Boolean> TIPC_GROUP_LEAVE = writeOnly("TIPC_GROUP_LEAVE", SOL_TIPC, ACTION);
    /** Whether a stream or SEQPACKET connection sends small messages at once instead of bundling them (Nagle). */
    public static final SockOpt<Boolean> TIPC_NODELAY = writeOnly("TIPC_NODELAY", SOL_TIPC, FLAG);
}
