package io.jsock;

import io.jsock.internal.Consts;
import io.jsock.internal.Errors;
import io.jsock.internal.InetText;
import io.jsock.internal.Native;
import io.jsock.internal.Netdb;
import io.jsock.internal.Scratch;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The look-ups of {@link Sockets}, step for step as CPython's socketmodule.c makes them: which
 * C call answers, which text is looked up, and which failure becomes which exception.
 * Python's OSError without an errno is a {@link SocketException} with Python's text; its
 * ValueError, OverflowError and UnicodeError are an {@link IllegalArgumentException}.
 */
final class Lookups {
    private static final int EAFNOSUPPORT = Consts.get("EAFNOSUPPORT");
    /** The shim's "no such entry" of getprotobyname, getservbyname and getservbyport. */
    private static final int ENOENT = Consts.get("ENOENT");

    private Lookups() {}

    // ---- getaddrinfo and getnameinfo ----

    static List<AddrInfo> getAddrInfo(String host, String service, Family family, Type type, int proto, int flags)
            throws IOException {
        return getAddrInfo(Netdb.hostBytes(host), host, service, family, type, proto, flags);
    }

    /** With the host already as the C library gets it (encoded, or null); {@code host} names it in errors. */
    private static List<AddrInfo> getAddrInfo(byte[] hostBytes, String host, String service, Family family,
            Type type, int proto, int flags) throws IOException {
        byte[] serviceBytes = Netdb.cString(service, "service");
        int af = family == null ? Sockets.AF_UNSPEC : family.value();
        int socktype = type == null ? 0 : type.value();
        Netdb.Result r = Netdb.lookup(new byte[][] {hostBytes, serviceBytes}, (s, buf, len) ->
                Native.SHIM.jsock_getaddrinfo(s[0], s[1], af, socktype, proto, flags, buf, len));
        if (r.failed()) throw Netdb.gaiFailure(r.code(), "getaddrinfo", host + ", " + service, null);
        Netdb.Fields f = r.fields();
        int count = f.nextInt();
        List<AddrInfo> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Family resultFamily = Family.of(f.nextInt());
            Type resultType = Type.of(f.nextInt());
            int resultProto = f.nextInt();
            String canonName = f.nextString();
            SockAddr address = f.nextAddress();
            results.add(new AddrInfo(resultFamily, resultType, resultProto, canonName == null ? "" : canonName,
                    address));
        }
        return List.copyOf(results);
    }

    static NameInfo getNameInfo(SockAddr address, int flags) throws IOException {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof SockAddr.Inet) && !(address instanceof SockAddr.Inet6)) {
            throw new IllegalArgumentException("getnameinfo() takes an AF_INET or AF_INET6 address, not " + address);
        }
        Netdb.Result r = Netdb.lookup(new byte[0][], (s, buf, len) -> {
            Scratch scratch = Scratch.get();
            int addrlen = address.encode(scratch.buffer(), Scratch.ADDR);
            return Native.SHIM.jsock_getnameinfo(scratch.addr(), addrlen, flags, buf, len);
        });
        if (r.failed()) throw Netdb.gaiFailure(r.code(), "getnameinfo", null, address);
        Netdb.Fields f = r.fields();
        return new NameInfo(f.nextString(), f.nextString());
    }

    // ---- host names ----

    /** socket.py's getfqdn: the first name with a dot among the host's names, else its name. */
    static String getFqdn(String name) {
        name = name.strip();
        if (name.isEmpty() || name.equals("0.0.0.0") || name.equals("::")) {
            try {
                name = Netdb.hostName();
            } catch (IOException e) {
                return name; // Python lets gethostname's error through; it cannot fail on Linux
            }
        }
        HostEntry entry;
        try {
            entry = getHostByAddr(name);
        } catch (IOException e) {
            return name;
        }
        List<String> names = new ArrayList<>();
        names.add(entry.name());
        names.addAll(entry.aliases());
        for (String n : names) {
            if (n.indexOf('.') >= 0) return n;
        }
        return entry.name();
    }

    static String getHostByName(String name) throws IOException {
        byte[] encoded = Netdb.hostBytes(Objects.requireNonNull(name, "name"));
        return ((SockAddr.Inet) resolveOne(encoded, name, Family.INET)).host();
    }

    static HostEntry getHostByNameEx(String name) throws IOException {
        byte[] encoded = Netdb.hostBytes(Objects.requireNonNull(name, "name"));
        resolveOne(encoded, name, Family.INET); // as CPython: a name getaddrinfo cannot resolve fails as gaierror
        Netdb.Result r = Netdb.lookup(new byte[][] {encoded}, (s, buf, len) ->
                Native.SHIM.jsock_gethostbyname(s[0], buf, len));
        if (r.failed()) throw Netdb.hostFailure(r.code(), "gethostbyname_ex", name);
        return hostEntry(r.fields(), Family.INET, "gethostbyname_ex");
    }

    static HostEntry getHostByAddr(String address) throws IOException {
        byte[] encoded = Netdb.hostBytes(Objects.requireNonNull(address, "address"));
        SockAddr resolved = resolveOne(encoded, address, null);
        byte[] raw = resolved instanceof SockAddr.Inet in ? in.address().getAddress()
                : ((SockAddr.Inet6) resolved).address().getAddress();
        Family family = resolved.family();
        Netdb.Result r = Netdb.lookup(new byte[][] {raw}, (s, buf, len) ->
                Native.SHIM.jsock_gethostbyaddr(s[0], raw.length, family.value(), buf, len));
        if (r.failed()) throw Netdb.hostFailure(r.code(), "gethostbyaddr", address);
        return hostEntry(r.fields(), family, "gethostbyaddr");
    }

    /** CPython's gethost_common: the entry must be of the family asked for; addresses become text. */
    private static HostEntry hostEntry(Netdb.Fields f, Family family, String call) throws IOException {
        String name = f.nextString();
        int addrtype = f.nextInt();
        if (addrtype != family.value()) throw Errors.of(EAFNOSUPPORT, call, null);
        List<String> aliases = new ArrayList<>();
        for (int i = 0, n = f.nextInt(); i < n; i++) aliases.add(f.nextString());
        List<String> addresses = new ArrayList<>();
        for (int i = 0, n = f.nextInt(); i < n; i++) addresses.add(InetText.ntop(f.nextBytes()));
        return new HostEntry(name == null ? "" : name, aliases, addresses);
    }

    /**
     * CPython's setipaddr: the one address a name stands for in {@code family} (null: any).
     * "" is the wildcard, "<broadcast>" and 255.255.255.255 the broadcast address, numeric
     * text is read without a look-up, and any other name is the first getaddrinfo result.
     */
    private static SockAddr resolveOne(byte[] encoded, String name, Family family) throws IOException {
        String text = new String(encoded, StandardCharsets.US_ASCII);
        if (text.isEmpty()) {
            List<AddrInfo> any = getAddrInfo(null, null, "0", family, Type.DGRAM, 0, Sockets.AI_PASSIVE);
            SockAddr first = any.get(0).address();
            if (!(first instanceof SockAddr.Inet) && !(first instanceof SockAddr.Inet6)) {
                throw new SocketException("unsupported address family");
            }
            if (any.size() > 1) throw new SocketException("wildcard resolved to multiple address");
            return first;
        }
        if (text.equals("255.255.255.255") || text.equals("<broadcast>")) {
            if (family != null && family != Family.INET) throw new SocketException("address family mismatched");
            return SockAddr.inet("<broadcast>", 0);
        }
        if (family == null || family == Family.INET) {
            byte[] v4 = InetText.pton(InetText.AF_INET, text);
            if (v4 != null) return SockAddr.inet(text, 0);
        }
        if ((family == null || family == Family.INET6) && text.indexOf('%') < 0) {
            byte[] v6 = InetText.pton(InetText.AF_INET6, text);
            if (v6 != null) return SockAddr.inet6(text, 0);
        }
        SockAddr first = getAddrInfo(encoded, name, null, family, null, 0, 0).get(0).address();
        if (!(first instanceof SockAddr.Inet) && !(first instanceof SockAddr.Inet6)) {
            throw new SocketException("unknown address family");
        }
        return first;
    }

    // ---- protocols and services ----

    static int getProtoByName(String name) throws IOException {
        byte[] n = Netdb.cString(Objects.requireNonNull(name, "name"), "protocol name");
        long r = Netdb.call(new byte[][] {n}, (s, buf, len) -> Native.SHIM.jsock_getprotobyname(s[0]));
        if (r == -ENOENT) throw new SocketException("getprotobyname(" + name + "): protocol not found");
        if (r < 0) throw Errors.ofResult(r, "getprotobyname", null);
        return (int) r;
    }

    static int getServByName(String name, String proto) throws IOException {
        byte[] n = Netdb.cString(Objects.requireNonNull(name, "name"), "service name");
        byte[] p = Netdb.cString(proto, "protocol name");
        long r = Netdb.call(new byte[][] {n, p}, (s, buf, len) -> Native.SHIM.jsock_getservbyname(s[0], s[1]));
        if (r == -ENOENT) {
            throw new SocketException("getservbyname(" + name + ", " + proto + "): service/proto not found");
        }
        if (r < 0) throw Errors.ofResult(r, "getservbyname", null);
        return (int) r;
    }

    static String getServByPort(int port, String proto) throws IOException {
        if (port < 0 || port > 0xFFFF) throw new IllegalArgumentException("getservbyport: port must be 0-65535.");
        byte[] p = Netdb.cString(proto, "protocol name");
        Netdb.Result r = Netdb.lookup(new byte[][] {p}, (s, buf, len) ->
                Native.SHIM.jsock_getservbyport(port, s[0], buf, len));
        if (r.code() == -ENOENT) {
            throw new SocketException("getservbyport(" + port + ", " + proto + "): port/proto not found");
        }
        if (r.failed()) throw Errors.ofResult(r.code(), "getservbyport", null);
        return r.fields().nextString();
    }

    // ---- network interfaces ----

    static List<NetInterface> ifNameIndex() throws IOException {
        Netdb.Result r = Netdb.lookup(new byte[0][], (s, buf, len) -> Native.SHIM.jsock_if_nameindex(buf, len));
        if (r.failed()) throw Errors.ofResult(r.code(), "if_nameindex", null);
        Netdb.Fields f = r.fields();
        int count = f.nextInt();
        List<NetInterface> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = f.nextInt();
            list.add(new NetInterface(index, f.nextString()));
        }
        return List.copyOf(list);
    }

    static int ifNameToIndex(String name) throws IOException {
        Netdb.cString(Objects.requireNonNull(name, "name"), "interface name");
        int index = InetText.interfaceIndex(name);
        if (index == 0) throw new SocketException("if_nametoindex(" + name + "): no interface with this name");
        return index;
    }

    static String ifIndexToName(int index) throws IOException {
        if (index < 0) throw new IllegalArgumentException("can't convert negative value to unsigned int: " + index);
        String name = InetText.interfaceName(index);
        if (name == null) throw Errors.of(Native.errno(), "if_indextoname(" + index + ")", null);
        return name;
    }
}
