package io.jsock;

import io.jsock.internal.Consts;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** socket.py's create_connection and create_server, step for step. */
final class Connections {
    private Connections() {}

    /**
     * Tries each getaddrinfo result for a stream socket in turn. The first that connects is
     * returned; when none does, the last error is thrown with every earlier one attached as
     * suppressed, in the order they happened. A socket that failed is closed before the next try.
     *
     * @param setTimeout false to leave each socket with the default timeout (Python's sentinel)
     */
    static Socket createConnection(String host, int port, Duration timeout, boolean setTimeout, SockAddr source)
            throws IOException {
        if (setTimeout) Timeouts.check(timeout);
        // A source address binds only a socket of its own family, so only its family is asked for.
        Family family = source == null ? null : source.family();
        List<AddrInfo> candidates = Lookups.getAddrInfo(host, Integer.toString(port), family, Type.STREAM, 0, 0);
        List<IOException> errors = new ArrayList<>();
        for (AddrInfo candidate : candidates) {
            Socket sock = null;
            try {
                sock = Socket.open(candidate.family(), candidate.type(), candidate.proto());
                if (setTimeout) sock.setTimeout(timeout);
                if (source != null) sock.bind(source);
                sock.connect(candidate.address());
                return sock;
            } catch (IOException e) {
                errors.add(e);
                if (sock != null) sock.close();
            } catch (RuntimeException | Error e) {
                if (sock != null) sock.close();
                throw e;
            }
        }
        if (errors.isEmpty()) throw new SocketException("getaddrinfo returns an empty list");
        IOException last = errors.get(errors.size() - 1);
        for (IOException earlier : errors.subList(0, errors.size() - 1)) last.addSuppressed(earlier);
        throw last;
    }

    /**
     * A listening stream socket bound to {@code address}, of the address's family: SO_REUSEADDR
     * set, SO_REUSEPORT on request, and an AF_INET6 socket either IPv6 only or, with
     * {@code dualStack}, serving IPv4 clients too (as IPv4-mapped addresses).
     */
    static Socket createServer(SockAddr address, OptionalInt backlog, boolean reusePort, boolean dualStack)
            throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(backlog, "backlog");
        Family family = address.family();
        if (reusePort && !Consts.has("SO_REUSEPORT")) {
            throw new IllegalArgumentException("SO_REUSEPORT not supported on this platform");
        }
        if (dualStack) {
            if (!hasDualStackIpv6()) {
                throw new IllegalArgumentException("dualstack_ipv6 not supported on this platform");
            }
            if (family != Family.INET6) throw new IllegalArgumentException("dualstack_ipv6 requires AF_INET6 family");
        }
        Socket sock = Socket.open(family, Type.STREAM);
        try {
            try {
                sock.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
            } catch (SocketException ignored) {
                // As Python: a family without the option fails later, in bind, if at all.
            }
            if (reusePort) sock.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT, 1);
            if (family == Family.INET6) sock.setSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, dualStack ? 0 : 1);
            sock.bind(address);
            if (backlog.isPresent()) sock.listen(backlog.getAsInt());
            else sock.listen();
            return sock;
        } catch (IOException | RuntimeException | Error e) {
            sock.close();
            throw e;
        }
    }

    /** Whether an AF_INET6 stream socket can be made to serve IPv4 too (IPV6_V6ONLY off). */
    static boolean hasDualStackIpv6() {
        if (!Consts.has("AF_INET6") || !Consts.has("IPV6_V6ONLY")) return false;
        try (Socket sock = Socket.open(Family.INET6, Type.STREAM)) {
            sock.setSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, 0);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
