package io.jsock;

import io.jsock.internal.CStrings;
import io.jsock.internal.Consts;
import io.jsock.internal.InetText;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A socket address. Each record encodes and decodes its own {@code sockaddr_*}, with the
 * offsets of the system headers, and every field survives a round trip through the kernel.
 */
public sealed interface SockAddr
        permits SockAddr.Unix, SockAddr.Inet, SockAddr.Inet6, SockAddr.Netlink, SockAddr.Tipc, SockAddr.Other {

    /** The address family of this address. */
    Family family();

    /**
     * Writes this address as a {@code sockaddr} at {@code offset} of {@code out} (native byte
     * order, absolute positions) and returns its length in bytes.
     */
    int encode(ByteBuffer out, int offset);

    /** The family field every sockaddr starts with. */
    int OFFSET_FAMILY = Consts.offsetOf("sockaddr", "sa_family");
    /** sizeof(struct sockaddr_storage): room for any address. */
    int MAX_LENGTH = Consts.sizeOf("sockaddr_storage");

    /**
     * The address in {@code length} bytes at {@code offset} of {@code in}, as the kernel wrote it.
     * Returns null for a zero length (an unnamed datagram sender has no address at all).
     */
    static SockAddr decode(ByteBuffer in, int offset, int length) {
        if (length <= 0) return null;
        if (length < OFFSET_FAMILY + 2) throw new IllegalArgumentException("sockaddr of " + length + " bytes");
        int af = Short.toUnsignedInt(in.getShort(offset + OFFSET_FAMILY));
        Family f = Family.of(af);
        if (f == Family.UNIX) return Unix.decode(in, offset, length);
        if (f == Family.INET) return Inet.decode(in, offset, length);
        if (f == Family.INET6) return Inet6.decode(in, offset, length);
        if (f == Family.NETLINK) return Netlink.decode(in, offset, length);
        if (f == Family.TIPC) return Tipc.decode(in, offset, length);
        return Other.decode(af, in, offset, length);
    }

    // ---- factories, under the names of DESIGN.md ----

    /**
     * A filesystem path (UTF-8, at most 107 bytes, so that the NUL fits; no NUL or lone surrogate
     * inside); {@code ""} asks bind for an autobound abstract name.
     */
    static Unix unix(String path) {
        Objects.requireNonNull(path, "path");
        return path.isEmpty() ? Unix.UNNAMED : Unix.checked(Unix.Kind.PATH, CStrings.of(path, "AF_UNIX path"));
    }

    static Unix unix(Path path) {
        return unix(Objects.requireNonNull(path, "path").toString());
    }

    /** An abstract name: no file, and the bytes may be anything, NUL included (at most 107). */
    static Unix unixAbstract(String name) {
        return unixAbstract(CStrings.utf8(Objects.requireNonNull(name, "name"), "AF_UNIX abstract name"));
    }

    static Unix unixAbstract(byte[] name) {
        return Unix.checked(Unix.Kind.ABSTRACT, Objects.requireNonNull(name, "name"));
    }

    /** The unnamed address: what an unbound or socketpair socket has; bound, it asks for autobind. */
    static Unix unixUnnamed() {
        return Unix.UNNAMED;
    }

    /**
     * An IPv4 address from a numeric host as inet_pton reads it, {@code ""} (INADDR_ANY) or
     * {@code "<broadcast>"}, as Python accepts them. Host names are resolved with
     * {@code Sockets.getAddrInfo}, not here.
     */
    static Inet inet(String host, int port) {
        return new Inet(Inet.parse(host), port);
    }

    static Inet inet(Inet4Address address, int port) {
        return new Inet(address, port);
    }

    /** An IPv6 address from a numeric host ({@code ""} is ::), flowinfo 0 and scope id 0. */
    static Inet6 inet6(String host, int port) {
        return inet6(host, port, 0, 0);
    }

    /**
     * An IPv6 address with its flowinfo (0 to 0xFFFFF) and scope id (an interface index, unsigned).
     * A host may carry its scope as {@code fe80::1%eth0} or {@code %2}, which then wins over scopeId.
     */
    static Inet6 inet6(String host, int port, int flowInfo, int scopeId) {
        Objects.requireNonNull(host, "host");
        int pct = host.indexOf('%');
        if (pct >= 0) {
            scopeId = Inet6.scopeOf(host.substring(pct + 1));
            host = host.substring(0, pct);
        }
        return new Inet6(Inet6.parse(host), port, flowInfo, scopeId);
    }

    static Inet6 inet6(Inet6Address address, int port, int flowInfo, int scopeId) {
        return new Inet6(address, port, flowInfo, scopeId);
    }

    /** A netlink address: the port id (0 is the kernel, or "assign one" for bind) and the multicast groups bitmask. */
    static Netlink netlink(int pid, int groups) {
        return new Netlink(pid, groups);
    }

    /**
     * A TIPC service range (TIPC_ADDR_NAMESEQ) of cluster scope: every instance from
     * {@code lower} to {@code upper} of service {@code type}, all three unsigned 32-bit. Bound, the
     * socket publishes the range; sent to, the message goes to every socket bound in it (multicast).
     */
    static TipcNameSeq tipcNameSeq(long type, long lower, long upper) {
        return new TipcNameSeq(type, lower, upper, Tipc.CLUSTER_SCOPE);
    }

    /** A TIPC service range with its scope: {@code Sockets.TIPC_NODE_SCOPE}, {@code TIPC_CLUSTER_SCOPE}, ... (see {@link Tipc#scope()}). */
    static TipcNameSeq tipcNameSeq(long type, long lower, long upper, int scope) {
        return new TipcNameSeq(type, lower, upper, scope);
    }

    /**
     * A TIPC service address (TIPC_ADDR_NAME) of cluster scope and lookup domain 0 (anywhere):
     * instance {@code instance} of service {@code type}, both unsigned 32-bit.
     */
    static TipcName tipcName(long type, long instance) {
        return new TipcName(type, instance, 0, Tipc.CLUSTER_SCOPE);
    }

    /** A TIPC service address with the lookup domain (a node address, 0 for any), of cluster scope. */
    static TipcName tipcName(long type, long instance, long domain) {
        return new TipcName(type, instance, domain, Tipc.CLUSTER_SCOPE);
    }

    /** A TIPC service address with the lookup domain and the scope. */
    static TipcName tipcName(long type, long instance, long domain, int scope) {
        return new TipcName(type, instance, domain, scope);
    }

    /**
     * A TIPC socket address (TIPC_ADDR_ID): the socket's reference on node {@code node} (0: this
     * node), both unsigned 32-bit. Its scope is 0, as the kernel reports every socket address.
     */
    static TipcId tipcId(long ref, long node) {
        return new TipcId(ref, node, 0);
    }

    /** A TIPC socket address with a scope (the kernel ignores it for this form). */
    static TipcId tipcId(long ref, long node, int scope) {
        return new TipcId(ref, node, scope);
    }

    /**
     * The TIPC address of one of CPython's tuples {@code (addr_type, v1, v2, v3[, scope])}, read
     * as CPython's getsockaddrarg reads it: TIPC_ADDR_NAMESEQ {@code (1, type, lower, upper)},
     * TIPC_ADDR_NAME {@code (2, type, instance, v3)} (CPython ignores v3: the domain is 0) and
     * TIPC_ADDR_ID {@code (3, node, ref, v3)} (node first; v3 ignored). The scope defaults to
     * TIPC_CLUSTER_SCOPE, as in CPython. Every element must be 0 to 4294967295, the range of
     * CPython's {@code unsigned int}; the scope's low 32 bits are read as a C int, so
     * 4294967295 is -1 (see {@link Tipc#scope()}).
     *
     * @throws IllegalArgumentException for a tuple of another length, an element out of range or
     *     an unknown address type
     */
    static Tipc tipcFromPython(long... tuple) {
        return Tipc.fromPython(tuple);
    }

    /** From the JDK's address types: InetSocketAddress (resolved) and UnixDomainSocketAddress. */
    static SockAddr of(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address instanceof UnixDomainSocketAddress u) return unix(u.getPath());
        if (address instanceof InetSocketAddress i) {
            if (i.isUnresolved()) {
                throw new IllegalArgumentException("unresolved address " + i + ": resolve it first");
            }
            InetAddress a = i.getAddress();
            if (a instanceof Inet4Address v4) return new Inet(v4, i.getPort());
            Inet6Address v6 = (Inet6Address) a;
            return new Inet6(v6, i.getPort(), 0, v6.getScopeId());
        }
        throw new IllegalArgumentException("no socket address for " + address.getClass().getName());
    }

    // ---- the records ----

    /** AF_UNIX: a filesystem path, an abstract name, or unnamed. */
    record Unix(Kind kind, byte[] name) implements SockAddr {
        public enum Kind { PATH, ABSTRACT, UNNAMED }

        private static final int OFFSET_PATH = Consts.offsetOf("sockaddr_un", "sun_path");
        /** sizeof(sun_path): 108 bytes. */
        private static final int SUN_PATH = Consts.layout("sizeof(sockaddr_un)") - OFFSET_PATH;
        /**
         * The longest name the factories take: 107 bytes, a path's NUL or an abstract name's
         * leading NUL being the 108th. The kernel itself also reports (and takes) a path that
         * fills all 108 bytes without a NUL; such an address, decoded, is kept whole.
         */
        public static final int MAX_NAME = SUN_PATH - 1;
        static final Unix UNNAMED = new Unix(Kind.UNNAMED, new byte[0]); // after the sizes it is checked with

        /** Any name the kernel can hold: a path of up to 108 bytes without NUL, an abstract name of up to 107. */
        public Unix {
            Objects.requireNonNull(kind, "kind");
            name = name.clone();
            if (kind == Kind.UNNAMED && name.length != 0) throw new IllegalArgumentException("an unnamed address has no name");
            if (kind == Kind.PATH) {
                if (name.length == 0) throw new IllegalArgumentException("empty AF_UNIX path");
                CStrings.checkNoNul(name, "AF_UNIX path", new String(name, StandardCharsets.UTF_8));
            }
            int room = kind == Kind.PATH ? SUN_PATH : SUN_PATH - 1;
            if (name.length > room) {
                throw new IllegalArgumentException("AF_UNIX " + (kind == Kind.PATH ? "path" : "name") + " too long: "
                        + name.length + " bytes, sun_path holds " + room);
            }
        }

        /** The factories' form: the caller-side limit of {@link #MAX_NAME} bytes. */
        static Unix checked(Kind kind, byte[] name) {
            if (name.length > MAX_NAME) {
                throw new IllegalArgumentException("AF_UNIX " + (kind == Kind.PATH ? "path" : "name") + " too long: "
                        + name.length + " bytes, at most " + MAX_NAME);
            }
            return new Unix(kind, name);
        }

        /** A copy of the path's or the abstract name's bytes (without the leading NUL). */
        @Override public byte[] name() { return name.clone(); }

        /** The path as text; for an abstract name, its bytes read as UTF-8. */
        public String path() { return new String(name, StandardCharsets.UTF_8); }

        public boolean isAbstract() { return kind == Kind.ABSTRACT; }

        public boolean isUnnamed() { return kind == Kind.UNNAMED; }

        @Override public Family family() { return Family.UNIX; }

        @Override
        public int encode(ByteBuffer out, int offset) {
            out.putShort(offset + OFFSET_FAMILY, (short) Family.UNIX.value());
            switch (kind) {
                case UNNAMED:
                    return OFFSET_PATH;
                case ABSTRACT:
                    out.put(offset + OFFSET_PATH, (byte) 0);
                    out.put(offset + OFFSET_PATH + 1, name);
                    return OFFSET_PATH + 1 + name.length;
                default:
                    out.put(offset + OFFSET_PATH, name);
                    if (name.length == SUN_PATH) return OFFSET_PATH + SUN_PATH; // full: no room for the NUL
                    out.put(offset + OFFSET_PATH + name.length, (byte) 0);
                    return OFFSET_PATH + name.length + 1;
            }
        }

        /** What the kernel wrote: never refused, a path of 108 bytes without NUL included. */
        static Unix decode(ByteBuffer in, int offset, int length) {
            int n = Math.min(length - OFFSET_PATH, SUN_PATH);
            if (n <= 0) return UNNAMED;
            byte[] raw = new byte[n];
            in.get(offset + OFFSET_PATH, raw, 0, n);
            if (raw[0] == 0) return new Unix(Kind.ABSTRACT, Arrays.copyOfRange(raw, 1, n));
            int end = 0;
            while (end < n && raw[end] != 0) end++; // the kernel may or may not count the NUL
            return new Unix(Kind.PATH, Arrays.copyOf(raw, end));
        }

        /** As the JDK's type; abstract and unnamed addresses have none. */
        public UnixDomainSocketAddress toUnixDomainSocketAddress() {
            if (kind != Kind.PATH) throw new UnsupportedOperationException("UnixDomainSocketAddress has no form for " + this);
            return UnixDomainSocketAddress.of(path());
        }

        @Override public boolean equals(Object o) {
            return o instanceof Unix u && u.kind == kind && Arrays.equals(u.name, name);
        }

        @Override public int hashCode() { return kind.hashCode() * 31 + Arrays.hashCode(name); }

        /** {@code unix:/path}, {@code abstract:name} (bytes outside printable ASCII as \xNN), or {@code unix:}. */
        @Override public String toString() {
            switch (kind) {
                case UNNAMED: return "unix:";
                case PATH: return "unix:" + path();
                default:
                    StringBuilder b = new StringBuilder("abstract:");
                    for (byte x : name) {
                        if (x >= 0x21 && x < 0x7f && x != '\\') b.append((char) x);
                        else b.append("\\x").append(HexFormat.of().toHexDigits(x));
                    }
                    return b.toString();
            }
        }
    }

    /** AF_INET: an IPv4 address and a port. */
    record Inet(Inet4Address address, int port) implements SockAddr {
        private static final int OFFSET_PORT = Consts.offsetOf("sockaddr_in", "sin_port");
        private static final int OFFSET_ADDR = Consts.offsetOf("sockaddr_in", "sin_addr");
        private static final int LENGTH = Consts.sizeOf("sockaddr_in");

        public Inet {
            Objects.requireNonNull(address, "address");
            checkPort(port);
        }

        @Override public Family family() { return Family.INET; }

        /** The address as inet_ntop writes it. */
        public String host() { return InetText.ntop(address.getAddress()); }

        @Override
        public int encode(ByteBuffer out, int offset) {
            zero(out, offset, LENGTH);
            out.putShort(offset + OFFSET_FAMILY, (short) Family.INET.value());
            putPort(out, offset + OFFSET_PORT, port);
            out.put(offset + OFFSET_ADDR, address.getAddress());
            return LENGTH;
        }

        static Inet decode(ByteBuffer in, int offset, int length) {
            if (length < LENGTH) throw new IllegalArgumentException("sockaddr_in of " + length + " bytes");
            byte[] a = new byte[4];
            in.get(offset + OFFSET_ADDR, a);
            return new Inet((Inet4Address) ipAddress(a), getPort(in, offset + OFFSET_PORT));
        }

        static Inet4Address parse(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty()) return (Inet4Address) ipAddress(new byte[4]);
            if (host.equals("<broadcast>")) return (Inet4Address) ipAddress(new byte[] {-1, -1, -1, -1});
            byte[] a = InetText.pton(InetText.AF_INET, host);
            if (a == null) {
                throw new IllegalArgumentException("not a numeric IPv4 address: '" + host
                        + "' (names are resolved with Sockets.getAddrInfo)");
            }
            return (Inet4Address) ipAddress(a);
        }

        public InetSocketAddress toInetSocketAddress() { return new InetSocketAddress(address, port); }

        @Override public String toString() { return "inet:" + host() + ":" + port; }
    }

    /** AF_INET6: an IPv6 address, a port, the flow information and the scope id. */
    record Inet6(Inet6Address address, int port, int flowInfo, int scopeId) implements SockAddr {
        private static final int OFFSET_PORT = Consts.offsetOf("sockaddr_in6", "sin6_port");
        private static final int OFFSET_FLOWINFO = Consts.offsetOf("sockaddr_in6", "sin6_flowinfo");
        private static final int OFFSET_ADDR = Consts.offsetOf("sockaddr_in6", "sin6_addr");
        private static final int OFFSET_SCOPE = Consts.offsetOf("sockaddr_in6", "sin6_scope_id");
        private static final int LENGTH = Consts.sizeOf("sockaddr_in6");
        /** Python's bound: the 20-bit flow label field. */
        public static final int MAX_FLOWINFO = 0xFFFFF;

        public Inet6 {
            Objects.requireNonNull(address, "address");
            checkPort(port);
            if (flowInfo < 0 || flowInfo > MAX_FLOWINFO) {
                throw new IllegalArgumentException("flowinfo must be 0-" + MAX_FLOWINFO + ", not " + flowInfo);
            }
        }

        @Override public Family family() { return Family.INET6; }

        public String host() { return InetText.ntop(address.getAddress()); }

        @Override
        public int encode(ByteBuffer out, int offset) {
            zero(out, offset, LENGTH);
            out.putShort(offset + OFFSET_FAMILY, (short) Family.INET6.value());
            putPort(out, offset + OFFSET_PORT, port);
            putBigEndianInt(out, offset + OFFSET_FLOWINFO, flowInfo);
            out.put(offset + OFFSET_ADDR, address.getAddress());
            out.putInt(offset + OFFSET_SCOPE, scopeId);
            return LENGTH;
        }

        static Inet6 decode(ByteBuffer in, int offset, int length) {
            if (length < LENGTH) throw new IllegalArgumentException("sockaddr_in6 of " + length + " bytes");
            byte[] a = new byte[16];
            in.get(offset + OFFSET_ADDR, a);
            int flow = getBigEndianInt(in, offset + OFFSET_FLOWINFO);
            return new Inet6(v6(a), getPort(in, offset + OFFSET_PORT), flow & MAX_FLOWINFO,
                    in.getInt(offset + OFFSET_SCOPE));
        }

        static Inet6Address parse(String host) {
            if (host.isEmpty()) return v6(new byte[16]);
            byte[] a = InetText.pton(InetText.AF_INET6, host);
            if (a == null) {
                throw new IllegalArgumentException("not a numeric IPv6 address: '" + host
                        + "' (names are resolved with Sockets.getAddrInfo)");
            }
            return v6(a);
        }

        static int scopeOf(String scope) {
            CStrings.of(scope, "IPv6 scope");
            if (!scope.isEmpty() && scope.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    return Integer.parseUnsignedInt(scope); // a numeric scope is an interface index, u32
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("IPv6 scope id out of range (0-4294967295): " + scope);
                }
            }
            int index = InetText.interfaceIndex(scope);
            if (index == 0) throw new IllegalArgumentException("no network interface named '" + scope + "'");
            return index;
        }

        private static Inet6Address v6(byte[] a) {
            try {
                return Inet6Address.getByAddress(null, a, -1); // keeps ::ffff:a.b.c.d an Inet6Address
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        public InetSocketAddress toInetSocketAddress() {
            try {
                return new InetSocketAddress(Inet6Address.getByAddress(null, address.getAddress(), scopeId), port);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        @Override public String toString() {
            String scope = scopeId == 0 ? "" : "%" + Integer.toUnsignedString(scopeId);
            String flow = flowInfo == 0 ? "" : ",flowinfo=" + flowInfo;
            return "inet6:[" + host() + scope + "]:" + port + flow;
        }
    }

    /** AF_NETLINK: a port id and a multicast groups bitmask (both unsigned 32-bit). */
    record Netlink(int pid, int groups) implements SockAddr {
        private static final int OFFSET_PID = Consts.offsetOf("sockaddr_nl", "nl_pid");
        private static final int OFFSET_GROUPS = Consts.offsetOf("sockaddr_nl", "nl_groups");
        private static final int LENGTH = Consts.sizeOf("sockaddr_nl");

        @Override public Family family() { return Family.NETLINK; }

        @Override
        public int encode(ByteBuffer out, int offset) {
            zero(out, offset, LENGTH);
            out.putShort(offset + OFFSET_FAMILY, (short) Family.NETLINK.value());
            out.putInt(offset + OFFSET_PID, pid);
            out.putInt(offset + OFFSET_GROUPS, groups);
            return LENGTH;
        }

        static Netlink decode(ByteBuffer in, int offset, int length) {
            if (length < LENGTH) throw new IllegalArgumentException("sockaddr_nl of " + length + " bytes");
            return new Netlink(in.getInt(offset + OFFSET_PID), in.getInt(offset + OFFSET_GROUPS));
        }

        @Override public String toString() {
            return "netlink:" + Integer.toUnsignedString(pid) + ":" + Integer.toUnsignedString(groups);
        }
    }

    /**
     * AF_TIPC: the three forms of {@code struct sockaddr_tipc}, each with its scope. The kernel
     * reports a socket's own and its peer's address, and a datagram's sender, as a {@link TipcId};
     * services are bound and reached as a {@link TipcNameSeq} or a {@link TipcName}.
     */
    sealed interface Tipc extends SockAddr permits TipcNameSeq, TipcName, TipcId {
        /** TIPC_ZONE_SCOPE, deprecated: the kernel takes it as cluster scope. */
        int ZONE_SCOPE = Consts.get("TIPC_ZONE_SCOPE");
        /** TIPC_CLUSTER_SCOPE: published to the whole cluster; the factories' default for names. */
        int CLUSTER_SCOPE = Consts.get("TIPC_CLUSTER_SCOPE");
        /** TIPC_NODE_SCOPE: published to this node only. */
        int NODE_SCOPE = Consts.get("TIPC_NODE_SCOPE");

        /** sizeof(struct sockaddr_tipc): 16 bytes. */
        int LENGTH = Consts.sizeOf("sockaddr_tipc");

        /** TIPC_ADDR_NAMESEQ, TIPC_ADDR_NAME or TIPC_ADDR_ID: the {@code addrtype} byte. */
        int addrType();

        /**
         * The {@code scope} byte (a signed char): TIPC_ZONE_SCOPE, TIPC_CLUSTER_SCOPE,
         * TIPC_NODE_SCOPE, 0 (what the kernel reports, and takes as cluster scope), or the
         * negative of a scope, with which bind withdraws that publication instead of making it.
         * Any other value is refused when the record is made.
         */
        int scope();

        /**
         * This address as CPython's makesockaddr writes it, {@code (addr_type, v1, v2, v3, scope)}:
         * TIPC_ADDR_NAMESEQ {@code (1, type, lower, upper, scope)}, TIPC_ADDR_NAME
         * {@code (2, type, instance, instance, scope)} (CPython repeats the instance and drops the
         * domain) and TIPC_ADDR_ID {@code (3, node, ref, 0, scope)}; the scope as CPython's
         * {@code unsigned int} (-1 is 4294967295).
         */
        long[] toPythonTuple();

        private static Tipc fromPython(long[] tuple) {
            Objects.requireNonNull(tuple, "tuple");
            if (tuple.length != 4 && tuple.length != 5) {
                throw new IllegalArgumentException("AF_TIPC address must be a tuple (addr_type, v1, v2, v3[, scope]), not "
                        + tuple.length + " elements");
            }
            for (int i = 0; i < tuple.length; i++) {
                if (tuple[i] < 0 || tuple[i] > TipcLayout.U32) {
                    throw new IllegalArgumentException("AF_TIPC tuple element " + i + " must be 0-" + TipcLayout.U32 + ", not " + tuple[i]);
                }
            }
            int scope = tuple.length == 5 ? (int) tuple[4] : CLUSTER_SCOPE;
            long type = tuple[0];
            if (type == TipcLayout.ADDR_NAMESEQ) return new TipcNameSeq(tuple[1], tuple[2], tuple[3], scope);
            if (type == TipcLayout.ADDR_NAME) return new TipcName(tuple[1], tuple[2], 0, scope);
            if (type == TipcLayout.ADDR_ID) return new TipcId(tuple[2], tuple[1], scope);
            throw new IllegalArgumentException("AF_TIPC address type " + type + " is not TIPC_ADDR_NAMESEQ (" + TipcLayout.ADDR_NAMESEQ
                    + "), TIPC_ADDR_NAME (" + TipcLayout.ADDR_NAME + ") or TIPC_ADDR_ID (" + TipcLayout.ADDR_ID + ")");
        }

        /**
         * What the kernel wrote: a {@code sockaddr_tipc} of any of the three forms (a group
         * message's sender comes with a second one, the member's service address, which this
         * reads past), or an {@link Other} for an address type this does not know.
         */
        private static SockAddr decode(ByteBuffer in, int offset, int length) {
            if (length < LENGTH) throw new IllegalArgumentException("sockaddr_tipc of " + length + " bytes");
            int type = Byte.toUnsignedInt(in.get(offset + TipcLayout.ADDRTYPE));
            int scope = in.get(offset + TipcLayout.SCOPE);
            if (type == TipcLayout.ADDR_NAMESEQ) {
                return new TipcNameSeq(u32(in, offset + TipcLayout.NAMESEQ_TYPE), u32(in, offset + TipcLayout.NAMESEQ_LOWER),
                        u32(in, offset + TipcLayout.NAMESEQ_UPPER), scope);
            }
            if (type == TipcLayout.ADDR_NAME) {
                return new TipcName(u32(in, offset + TipcLayout.NAME_TYPE), u32(in, offset + TipcLayout.NAME_INSTANCE),
                        u32(in, offset + TipcLayout.NAME_DOMAIN), scope);
            }
            if (type == TipcLayout.ADDR_ID) return new TipcId(u32(in, offset + TipcLayout.ID_REF), u32(in, offset + TipcLayout.ID_NODE), scope);
            return Other.decode(Family.TIPC.value(), in, offset, LENGTH);
        }
    }

    /** AF_TIPC, TIPC_ADDR_NAMESEQ: a service range, instances {@code lower} to {@code upper} of {@code type}. */
    record TipcNameSeq(long type, long lower, long upper, int scope) implements Tipc {
        /** Each of type, lower and upper unsigned 32-bit, {@code lower <= upper}, a scope of {@link Tipc#scope()}. */
        public TipcNameSeq {
            checkU32(type, "TIPC service type");
            checkU32(lower, "TIPC lower instance");
            checkU32(upper, "TIPC upper instance");
            if (lower > upper) throw new IllegalArgumentException("TIPC service range " + lower + "-" + upper + ": lower above upper");
            checkScope(scope);
        }

        @Override public Family family() { return Family.TIPC; }

        @Override public int addrType() { return TipcLayout.ADDR_NAMESEQ; }

        @Override
        public int encode(ByteBuffer out, int offset) {
            header(out, offset, TipcLayout.ADDR_NAMESEQ, scope);
            out.putInt(offset + TipcLayout.NAMESEQ_TYPE, (int) type);
            out.putInt(offset + TipcLayout.NAMESEQ_LOWER, (int) lower);
            out.putInt(offset + TipcLayout.NAMESEQ_UPPER, (int) upper);
            return Tipc.LENGTH;
        }

        @Override public long[] toPythonTuple() {
            return new long[] {TipcLayout.ADDR_NAMESEQ, type, lower, upper, Integer.toUnsignedLong(scope)};
        }

        /** {@code tipc:{type,lower,upper}} and the scope: {@code tipc:{18888,0,100}@cluster}. */
        @Override public String toString() {
            return "tipc:{" + type + "," + lower + "," + upper + "}" + scopeText(scope);
        }
    }

    /**
     * AF_TIPC, TIPC_ADDR_NAME: a service address, instance {@code instance} of {@code type},
     * looked up within {@code domain} (a node address; 0 for any node).
     */
    record TipcName(long type, long instance, long domain, int scope) implements Tipc {
        /** Each of type, instance and domain unsigned 32-bit, a scope of {@link Tipc#scope()}. */
        public TipcName {
            checkU32(type, "TIPC service type");
            checkU32(instance, "TIPC instance");
            checkU32(domain, "TIPC lookup domain");
            checkScope(scope);
        }

        @Override public Family family() { return Family.TIPC; }

        @Override public int addrType() { return TipcLayout.ADDR_NAME; }

        @Override
        public int encode(ByteBuffer out, int offset) {
            header(out, offset, TipcLayout.ADDR_NAME, scope);
            out.putInt(offset + TipcLayout.NAME_TYPE, (int) type);
            out.putInt(offset + TipcLayout.NAME_INSTANCE, (int) instance);
            out.putInt(offset + TipcLayout.NAME_DOMAIN, (int) domain);
            return Tipc.LENGTH;
        }

        @Override public long[] toPythonTuple() {
            return new long[] {TipcLayout.ADDR_NAME, type, instance, instance, Integer.toUnsignedLong(scope)};
        }

        /** {@code tipc:{type,instance}}, the domain in hex where it is not 0, and the scope: {@code tipc:{18888,1}@node}. */
        @Override public String toString() {
            String d = domain == 0 ? "" : ",domain=0x" + Long.toHexString(domain);
            return "tipc:{" + type + "," + instance + "}" + d + scopeText(scope);
        }
    }

    /** AF_TIPC, TIPC_ADDR_ID: a socket, its reference {@code ref} on node {@code node}. */
    record TipcId(long ref, long node, int scope) implements Tipc {
        /** ref and node unsigned 32-bit, a scope of {@link Tipc#scope()}. */
        public TipcId {
            checkU32(ref, "TIPC socket reference");
            checkU32(node, "TIPC node");
            checkScope(scope);
        }

        @Override public Family family() { return Family.TIPC; }

        @Override public int addrType() { return TipcLayout.ADDR_ID; }

        @Override
        public int encode(ByteBuffer out, int offset) {
            header(out, offset, TipcLayout.ADDR_ID, scope);
            out.putInt(offset + TipcLayout.ID_REF, (int) ref);
            out.putInt(offset + TipcLayout.ID_NODE, (int) node);
            return Tipc.LENGTH;
        }

        @Override public long[] toPythonTuple() {
            return new long[] {TipcLayout.ADDR_ID, node, ref, 0, Integer.toUnsignedLong(scope)};
        }

        /** {@code tipc:<node:ref>}, the node in hex as the {@code tipc} tool writes it: {@code tipc:<1001002:3390337004>}. */
        @Override public String toString() {
            return "tipc:<" + Long.toHexString(node) + ":" + ref + ">" + scopeText(scope);
        }
    }

    /** An address of a family jsock does not decode: the family and the bytes after its field. */
    record Other(int af, byte[] data) implements SockAddr {
        public Other {
            data = data.clone();
            if (OFFSET_FAMILY + 2 + data.length > MAX_LENGTH) throw new IllegalArgumentException("sockaddr too long");
        }

        @Override public byte[] data() { return data.clone(); }

        @Override public Family family() { return Family.of(af); }

        @Override
        public int encode(ByteBuffer out, int offset) {
            out.putShort(offset + OFFSET_FAMILY, (short) af);
            out.put(offset + OFFSET_FAMILY + 2, data);
            return OFFSET_FAMILY + 2 + data.length;
        }

        static Other decode(int af, ByteBuffer in, int offset, int length) {
            byte[] d = new byte[length - OFFSET_FAMILY - 2];
            in.get(offset + OFFSET_FAMILY + 2, d);
            return new Other(af, d);
        }

        @Override public boolean equals(Object o) { return o instanceof Other x && x.af == af && Arrays.equals(x.data, data); }

        @Override public int hashCode() { return af * 31 + Arrays.hashCode(data); }

        @Override public String toString() { return "af" + af + ":" + HexFormat.of().formatHex(data); }
    }

    // ---- shared by the records ----

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) throw new IllegalArgumentException("port must be 0-65535, not " + port);
    }

    private static void putPort(ByteBuffer out, int at, int port) {
        out.put(at, (byte) (port >>> 8)).put(at + 1, (byte) port); // network byte order
    }

    private static int getPort(ByteBuffer in, int at) {
        return (Byte.toUnsignedInt(in.get(at)) << 8) | Byte.toUnsignedInt(in.get(at + 1));
    }

    private static void putBigEndianInt(ByteBuffer out, int at, int v) {
        for (int i = 0; i < 4; i++) out.put(at + i, (byte) (v >>> (24 - 8 * i)));
    }

    private static int getBigEndianInt(ByteBuffer in, int at) {
        int v = 0;
        for (int i = 0; i < 4; i++) v = (v << 8) | Byte.toUnsignedInt(in.get(at + i));
        return v;
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > TipcLayout.U32) throw new IllegalArgumentException(what + " must be 0-" + TipcLayout.U32 + " (unsigned 32-bit), not " + v);
    }

    private static void checkScope(int scope) {
        if (scope < -Tipc.NODE_SCOPE || scope > Tipc.NODE_SCOPE) {
            throw new IllegalArgumentException("TIPC scope must be TIPC_ZONE_SCOPE (" + Tipc.ZONE_SCOPE + "), TIPC_CLUSTER_SCOPE ("
                    + Tipc.CLUSTER_SCOPE + "), TIPC_NODE_SCOPE (" + Tipc.NODE_SCOPE + "), 0 or the negative of one"
                    + " (bind then withdraws), not " + scope);
        }
    }

    private static String scopeText(int scope) {
        int s = Math.abs(scope);
        String name = s == Tipc.NODE_SCOPE ? "node" : s == Tipc.CLUSTER_SCOPE ? "cluster" : s == Tipc.ZONE_SCOPE ? "zone" : "";
        return scope == 0 ? "" : scope < 0 ? "@withdraw-" + name : "@" + name;
    }

    /** family, addrtype and scope, the rest of the 16 bytes zero. */
    private static void header(ByteBuffer out, int offset, int addrType, int scope) {
        zero(out, offset, Tipc.LENGTH);
        out.putShort(offset + OFFSET_FAMILY, (short) Family.TIPC.value());
        out.put(offset + TipcLayout.ADDRTYPE, (byte) addrType);
        out.put(offset + TipcLayout.SCOPE, (byte) scope);
    }

    private static long u32(ByteBuffer in, int at) {
        return Integer.toUnsignedLong(in.getInt(at));
    }

    private static void zero(ByteBuffer out, int offset, int length) {
        for (int i = 0; i < length; i++) out.put(offset + i, (byte) 0);
    }

    private static InetAddress ipAddress(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
