package io.jsock.tools;

import io.jsock.AddrInfo;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Sockets;
import io.jsock.Type;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An address as written on the command line: {@code unix:/path}, {@code abstract:name},
 * {@code tcp:host:port}, {@code tcp6:[host]:port}, {@code udp:host:port}, {@code udp6:[host]:port}.
 * Numeric hosts and UNIX names become a {@link SockAddr} at once, so every mistake in them is a
 * bad address; host names are looked up only when the address is used ({@link #resolve()}).
 */
final class Endpoint {

    /** The scheme before the first colon: the family and the socket type it stands for. */
    enum Scheme {
        UNIX(Family.UNIX, Type.STREAM, "unix:PATH"),
        ABSTRACT(Family.UNIX, Type.STREAM, "abstract:NAME"),
        TCP(Family.INET, Type.STREAM, "tcp:HOST:PORT"),
        TCP6(Family.INET6, Type.STREAM, "tcp6:[HOST]:PORT"),
        UDP(Family.INET, Type.DGRAM, "udp:HOST:PORT"),
        UDP6(Family.INET6, Type.DGRAM, "udp6:[HOST]:PORT");

        final Family family;
        final Type type;
        final String form;

        Scheme(Family family, Type type, String form) {
            this.family = family;
            this.type = type;
            this.form = form;
        }

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Scheme of(Family family, Type type) {
            for (Scheme s : values()) {
                if (s.family == family && s.type == type && s != ABSTRACT) return s;
            }
            throw new IllegalArgumentException("no address form for " + family + " " + type);
        }
    }

    private final Scheme scheme;
    /** The address when the text fixes it (UNIX names, numeric hosts), else null. */
    private final SockAddr address;
    /** The host name to look up when {@link #address} is null. */
    private final String hostName;
    private final int port;

    private Endpoint(Scheme scheme, SockAddr address, String hostName, int port) {
        this.scheme = scheme;
        this.address = address;
        this.hostName = hostName;
        this.port = port;
    }

    Scheme scheme() {
        return scheme;
    }

    Family family() {
        return scheme.family;
    }

    Type type() {
        return scheme.type;
    }

    /** For an IP address, its port (0 asks bind for a free one); -1 for a UNIX address. */
    int port() {
        return port;
    }

    /** An abstract address with an empty name: bind picks a free name (autobind). */
    boolean isAutobind() {
        return address instanceof SockAddr.Unix u && u.isUnnamed();
    }

    /** Reads an address; {@link UsageError} says what is wrong with it. */
    static Endpoint parse(String text) throws UsageError {
        int colon = text.indexOf(':');
        if (colon < 0) throw bad(text, "expected SCHEME:..., one of " + forms());
        Scheme scheme;
        try {
            scheme = Scheme.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(text, "unknown scheme '" + text.substring(0, colon) + "', expected one of " + forms());
        }
        String rest = text.substring(colon + 1);
        try {
            switch (scheme) {
                case UNIX:
                    if (rest.isEmpty()) throw bad(text, "empty path, expected " + scheme.form);
                    return new Endpoint(scheme, SockAddr.unix(rest), null, -1);
                case ABSTRACT:
                    byte[] name = unescape(rest);
                    return new Endpoint(scheme, name.length == 0 ? SockAddr.unixUnnamed() : SockAddr.unixAbstract(name),
                            null, -1);
                default:
                    return parseInet(scheme, text, rest);
            }
        } catch (IllegalArgumentException e) { // the library's own check of the address
            throw bad(text, e.getMessage());
        }
    }

    private static Endpoint parseInet(Scheme scheme, String text, String rest) throws UsageError {
        int colon = rest.lastIndexOf(':');
        if (colon < 0) throw bad(text, "expected " + scheme.form);
        String host = rest.substring(0, colon);
        int port = parsePort(text, rest.substring(colon + 1));
        if (host.startsWith("[") && host.endsWith("]")) {
            if (scheme.family != Family.INET6) throw bad(text, "brackets are for IPv6, expected " + scheme.form);
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw bad(text, "write an IPv6 host in brackets, as " + scheme.form);
        }
        if (host.isEmpty() || isNumeric(host)) { // "" is the wildcard address
            boolean v4 = scheme.family == Family.INET;
            try {
                return new Endpoint(scheme, v4 ? SockAddr.inet(host, port) : SockAddr.inet6(host, port), null, port);
            } catch (IllegalArgumentException e) {
                if (host.contains("%")) throw bad(text, e.getMessage()); // the scope: no such interface
                throw bad(text, "'" + host + "' is not an " + (v4 ? "IPv4" : "IPv6") + " address");
            }
        }
        if (!host.matches("[A-Za-z0-9._-]+")) throw bad(text, "'" + host + "' is not a host name or address");
        return new Endpoint(scheme, null, host, port);
    }

    /** IPv4 literals are digits and dots; IPv6 literals are the only hosts with a colon. */
    private static boolean isNumeric(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static int parsePort(String text, String port) throws UsageError {
        if (port.isEmpty()) throw bad(text, "missing port");
        if (!port.matches("[0-9]{1,9}")) throw bad(text, "port '" + port + "' is not a number");
        int p = Integer.parseInt(port);
        if (p > 0xFFFF) throw bad(text, "port " + p + " is out of range 0-65535");
        return p;
    }

    /** An abstract name may carry any byte as {@code \xNN}, the form {@link SockAddr.Unix#toString()} prints. */
    private static byte[] unescape(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); ) {
            if (name.startsWith("\\x", i)) {
                String hex = name.substring(i + 2, Math.min(i + 4, name.length()));
                if (!hex.matches("[0-9A-Fa-f]{2}")) {
                    throw new IllegalArgumentException("'\\x" + hex + "' is not \\x and two hex digits");
                }
                out.write(HexFormat.fromHexDigits(hex));
                i += 4;
            } else {
                int cp = name.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    /**
     * The addresses to try, in order. Host names are resolved here, the one place that does it,
     * through the C library's getaddrinfo (so /etc/hosts and nsswitch answer as for any program).
     */
    List<SockAddr> resolve() throws IOException {
        if (address != null) return List.of(address);
        List<SockAddr> found = new ArrayList<>();
        for (AddrInfo info : Sockets.getAddrInfo(hostName, port, scheme.family, scheme.type, 0, 0)) {
            found.add(info.address());
        }
        return found;
    }

    /** An address as the kernel reports it, written the way the command line takes it. */
    static String format(SockAddr address, Type type) {
        if (address instanceof SockAddr.Inet a) {
            return Scheme.of(Family.INET, type).prefix() + ":" + a.host() + ":" + a.port();
        }
        if (address instanceof SockAddr.Inet6 a) {
            String scope = a.scopeId() == 0 ? "" : "%" + Integer.toUnsignedString(a.scopeId());
            return Scheme.of(Family.INET6, type).prefix() + ":[" + a.host() + scope + "]:" + a.port();
        }
        return address.toString(); // unix:/path and abstract:name already are
    }

    @Override
    public String toString() {
        if (address != null) return format(address, scheme.type);
        String host = scheme.family == Family.INET6 ? "[" + hostName + "]" : hostName;
        return scheme.prefix() + ":" + host + ":" + port;
    }

    static String forms() {
        StringBuilder b = new StringBuilder();
        for (Scheme s : Scheme.values()) b.append(b.length() == 0 ? "" : ", ").append(s.form);
        return b.toString();
    }

    private static UsageError bad(String text, String why) {
        return new UsageError("bad address '" + text + "': " + why);
    }
}
