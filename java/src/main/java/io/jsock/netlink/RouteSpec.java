package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Sockets;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A route to add or delete with {@link RtNetlink}: what {@code ip route add} takes. Made with
 * {@link #to} and refined with the {@code with} methods. What is left null takes iproute2's
 * default: to add, protocol "boot", type unicast, and for IPv4 scope link without a gateway,
 * universe with one; to delete, any protocol, type and scope.
 *
 * @param outputInterface interface index, 0 for none
 * @param protocol RTPROT_, or null for the default
 * @param scope RT_SCOPE_, or null for the default
 * @param type RTN_, or null for the default
 * @param priority the metric, or null for the kernel's default
 */
public record RouteSpec(int family, InetAddress destination, int destinationLength, InetAddress gateway,
                        int outputInterface, int table, Integer protocol, Integer scope, Integer type, Integer priority,
                        InetAddress preferredSource) {

    public RouteSpec {
        int bits = family == Sockets.AF_INET ? 32 : family == Sockets.AF_INET6 ? 128 : -1;
        if (bits < 0) throw new IllegalArgumentException("routes are AF_INET or AF_INET6, not family " + family);
        if (destinationLength < 0 || destinationLength > bits) {
            throw new IllegalArgumentException("prefix length " + destinationLength + " outside 0-" + bits);
        }
        checkFamily(destination, family, "destination");
        checkFamily(gateway, family, "gateway");
        checkFamily(preferredSource, family, "preferred source");
        if (outputInterface < 0) throw new IllegalArgumentException("negative interface index " + outputInterface);
    }

    /** A route to {@code destination/length} (a default route is {@code 0.0.0.0/0} or {@code ::/0}). */
    public static RouteSpec to(InetAddress destination, int length) {
        Objects.requireNonNull(destination, "destination");
        int family = RtNetlink.familyOf(destination);
        return new RouteSpec(family, destination, length, null, 0, RT_TABLE_MAIN, null, null, null, null, null);
    }

    public RouteSpec withGateway(InetAddress via) {
        return new RouteSpec(family, destination, destinationLength, via, outputInterface, table, protocol, scope, type, priority, preferredSource);
    }

    public RouteSpec withOutputInterface(int index) {
        return new RouteSpec(family, destination, destinationLength, gateway, index, table, protocol, scope, type, priority, preferredSource);
    }

    public RouteSpec withTable(int t) {
        return new RouteSpec(family, destination, destinationLength, gateway, outputInterface, t, protocol, scope, type, priority, preferredSource);
    }

    public RouteSpec withProtocol(int p) {
        return new RouteSpec(family, destination, destinationLength, gateway, outputInterface, table, p, scope, type, priority, preferredSource);
    }

    public RouteSpec withScope(int s) {
        return new RouteSpec(family, destination, destinationLength, gateway, outputInterface, table, protocol, s, type, priority, preferredSource);
    }

    public RouteSpec withType(int t) {
        return new RouteSpec(family, destination, destinationLength, gateway, outputInterface, table, protocol, scope, t, priority, preferredSource);
    }

    public RouteSpec withPriority(int metric) {
        return new RouteSpec(family, destination, destinationLength, gateway, outputInterface, table, protocol, scope, type, metric, preferredSource);
    }

    public RouteSpec withPreferredSource(InetAddress source) {
        return new RouteSpec(family, destination, destinationLength, gateway, outputInterface, table, protocol, scope, type, priority, source);
    }

    /**
     * The scope to send: the one given, else iproute2's choice. IPv6 routes are universe; a
     * delete asks for any scope (RT_SCOPE_NOWHERE matches all).
     */
    int effectiveScope(boolean delete) {
        if (scope != null) return scope;
        int t = effectiveType(delete);
        if (family == Sockets.AF_INET6) return RT_SCOPE_UNIVERSE;
        if (t == RTN_LOCAL || t == RTN_NAT) return RT_SCOPE_HOST;
        if (t == RTN_BROADCAST || t == RTN_MULTICAST || t == RTN_ANYCAST) return RT_SCOPE_LINK;
        if (delete) return RT_SCOPE_NOWHERE;
        if (t == RTN_UNICAST && gateway == null) return RT_SCOPE_LINK;
        return RT_SCOPE_UNIVERSE;
    }

    int effectiveType(boolean delete) {
        return type != null ? type : delete ? RTN_UNSPEC : RTN_UNICAST;
    }

    int effectiveProtocol(boolean delete) {
        return protocol != null ? protocol : delete ? RTPROT_UNSPEC : RTPROT_BOOT;
    }

    private static void checkFamily(InetAddress a, int family, String what) {
        if (a != null && (a instanceof Inet4Address) != (family == Sockets.AF_INET)) {
            throw new IllegalArgumentException(what + " " + a.getHostAddress() + " is not of the route's family");
        }
    }
}
