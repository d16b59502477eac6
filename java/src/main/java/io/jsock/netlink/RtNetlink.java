package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Sockets;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * rtnetlink over a {@link NetlinkConnection}: dump and get links, addresses, routes and
 * neighbours as typed records; add and delete addresses, routes, and veth and dummy links.
 * A refused request throws {@link NetlinkException} with the kernel's errno and extended ACK.
 *
 * <pre>{@code
 * try (RtNetlink rt = RtNetlink.open()) {
 *     for (Link l : rt.links()) System.out.println(l.index() + ": " + l.name());
 * }
 * }</pre>
 */
public final class RtNetlink implements Closeable {
    /** A dump the kernel marks interrupted is asked again, up to this many times in all. */
    private static final int DUMP_ATTEMPTS = 5;

    private final NetlinkConnection connection;

    private RtNetlink(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** A NETLINK_ROUTE connection of its own, in the namespace of the calling thread. */
    public static RtNetlink open() throws IOException {
        return new RtNetlink(NetlinkConnection.open(NETLINK_ROUTE));
    }

    /** Over an existing NETLINK_ROUTE connection; closing this closes it. */
    public static RtNetlink over(NetlinkConnection connection) {
        if (connection.protocol() != NETLINK_ROUTE) {
            throw new IllegalArgumentException("rtnetlink needs a NETLINK_ROUTE connection, not protocol " + connection.protocol());
        }
        return new RtNetlink(connection);
    }

    public NetlinkConnection connection() {
        return connection;
    }

    // ------------------------------------------------------------------ links

    /** Every link (RTM_GETLINK dump). */
    public List<Link> links() throws IOException {
        return links(Sockets.AF_UNSPEC);
    }

    /**
     * Every link, as the handler of {@code family} describes it: AF_UNSPEC (or AF_PACKET) for the
     * full description, another family for what that family's handler reports, as {@code ip -4}
     * asks.
     */
    public List<Link> links(int family) throws IOException {
        return dump(() -> {
            MessageBuilder m = linkRequest(NLM_F_DUMP, 0);
            m.set(Link.FAMILY, NetlinkMessage.HEADER_LENGTH, family);
            return m;
        }, RTM_NEWLINK, Link::decode);
    }

    /** The link with this index (RTM_GETLINK): ENODEV when there is none. */
    public Link link(int index) throws IOException {
        if (index <= 0) throw new IllegalArgumentException("interface indexes start at 1, not " + index);
        return single(connection.execute(linkRequest(0, index)), RTM_NEWLINK, Link::decode, "RTM_GETLINK");
    }

    /** The link with this name (RTM_GETLINK with IFLA_IFNAME): ENODEV when there is none. */
    public Link link(String name) throws IOException {
        MessageBuilder m = linkRequest(0, 0);
        m.attrString(IFLA_IFNAME, checkName(name));
        return single(connection.execute(m), RTM_NEWLINK, Link::decode, "RTM_GETLINK");
    }

    /** Creates a dummy link (RTM_NEWLINK, kind "dummy"). */
    public void addDummy(String name) throws IOException {
        MessageBuilder m = newLink(name);
        int info = m.beginNested(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "dummy");
        m.end(info);
        connection.execute(m);
    }

    /** Creates a veth pair: {@code name} and its peer {@code peerName}, in this namespace. */
    public void addVeth(String name, String peerName) throws IOException {
        MessageBuilder m = newLink(name);
        int info = m.beginNested(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "veth");
        int data = m.beginNested(IFLA_INFO_DATA);
        int peer = m.begin(VETH_INFO_PEER); // an ifinfomsg and its attributes, not a plain nest
        m.reserve(Link.HEADER);
        m.attrString(IFLA_IFNAME, checkName(peerName));
        m.end(peer);
        m.end(data);
        m.end(info);
        connection.execute(m);
    }

    /** Deletes a link (RTM_DELLINK); deleting one end of a veth pair deletes both. */
    public void deleteLink(int index) throws IOException {
        connection.execute(linkMessage(RTM_DELLINK, 0, index, "RTM_DELLINK"));
    }

    public void deleteLink(String name) throws IOException {
        MessageBuilder m = linkMessage(RTM_DELLINK, 0, 0, "RTM_DELLINK");
        m.attrString(IFLA_IFNAME, checkName(name));
        connection.execute(m);
    }

    /** Sets IFF_UP (up) or clears it (down), as {@code ip link set dev up|down}. */
    public void setUp(int index, boolean up) throws IOException {
        MessageBuilder m = new MessageBuilder(RTM_NEWLINK, 0, "RTM_NEWLINK");
        int h = m.reserve(Link.HEADER);
        m.set(Link.INDEX, h, index);
        m.set(Link.FLAGS, h, up ? IFF_UP : 0);
        m.set(Link.CHANGE, h, IFF_UP);
        connection.execute(m);
    }

    /** Sets the MTU (IFLA_MTU). */
    public void setMtu(int index, int mtu) throws IOException {
        MessageBuilder m = linkMessage(RTM_NEWLINK, 0, index, "RTM_NEWLINK");
        m.attrU32(IFLA_MTU, mtu);
        connection.execute(m);
    }

    private MessageBuilder newLink(String name) {
        MessageBuilder m = linkMessage(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, "RTM_NEWLINK");
        m.attrString(IFLA_IFNAME, checkName(name));
        return m;
    }

    private static MessageBuilder linkRequest(int flags, int index) {
        return linkMessage(RTM_GETLINK, flags, index, "RTM_GETLINK");
    }

    private static MessageBuilder linkMessage(int type, int flags, int index, String name) {
        MessageBuilder m = new MessageBuilder(type, flags, name);
        int h = m.reserve(Link.HEADER);
        m.set(Link.INDEX, h, index);
        return m;
    }

    // ------------------------------------------------------------------ addresses

    /** Every address of every family (RTM_GETADDR dump). */
    public List<Address> addresses() throws IOException {
        return addresses(Sockets.AF_UNSPEC, 0);
    }

    /**
     * The addresses of {@code family} (AF_UNSPEC for all) on interface {@code index} (0 for all):
     * with strict checking, the kernel itself filters the dump.
     */
    public List<Address> addresses(int family, int index) throws IOException {
        List<Address> all = dump(() -> {
            MessageBuilder m = new MessageBuilder(RTM_GETADDR, NLM_F_DUMP, "RTM_GETADDR");
            int h = m.reserve(Address.HEADER);
            m.set(Address.FAMILY, h, family);
            m.set(Address.INDEX, h, index);
            return m;
        }, RTM_NEWADDR, Address::decode);
        if (index == 0 && family == Sockets.AF_UNSPEC) return all;
        List<Address> out = new ArrayList<>(); // a kernel without strict checking dumps them all
        for (Address a : all) {
            if ((index == 0 || a.index() == index) && (family == Sockets.AF_UNSPEC || a.family() == family)) out.add(a);
        }
        return out;
    }

    /** Adds {@code local/prefixLength} to interface {@code index}, as {@code ip addr add}. EEXIST if it is there. */
    public void addAddress(int index, InetAddress local, int prefixLength) throws IOException {
        addAddress(index, local, prefixLength, null, null);
    }

    /**
     * Adds an address with a broadcast address (IPv4; null for none) and a label (IPv4; null for
     * none: the kernel uses the interface's name).
     */
    public void addAddress(int index, InetAddress local, int prefixLength, InetAddress broadcast, String label) throws IOException {
        MessageBuilder m = addressMessage(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, "RTM_NEWADDR", index, local, prefixLength);
        if (broadcast != null) m.attrAddress(IFA_BROADCAST, broadcast);
        if (label != null) m.attrString(IFA_LABEL, label);
        connection.execute(m);
    }

    /** Deletes {@code local/prefixLength} from interface {@code index}. EADDRNOTAVAIL if it is not there. */
    public void deleteAddress(int index, InetAddress local, int prefixLength) throws IOException {
        connection.execute(addressMessage(RTM_DELADDR, 0, "RTM_DELADDR", index, local, prefixLength));
    }

    /** AF_INET for an IPv4 address, AF_INET6 for an IPv6 one: the family a message about it names. */
    static int familyOf(InetAddress address) {
        return address instanceof Inet4Address ? Sockets.AF_INET : Sockets.AF_INET6;
    }

    private static MessageBuilder addressMessage(int type, int flags, String name, int index, InetAddress local, int prefixLength) {
        Objects.requireNonNull(local, "local");
        int family = familyOf(local);
        int bits = local.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0-" + bits);
        if (index <= 0) throw new IllegalArgumentException("interface indexes start at 1, not " + index);
        MessageBuilder m = new MessageBuilder(type, flags, name);
        int h = m.reserve(Address.HEADER);
        m.set(Address.FAMILY, h, family);
        m.set(Address.PREFIXLEN, h, prefixLength);
        m.set(Address.INDEX, h, index);
        m.set(Address.SCOPE, h, local.isLoopbackAddress() ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE);
        m.attrAddress(IFA_LOCAL, local);
        m.attrAddress(IFA_ADDRESS, local);
        return m;
    }

    // ------------------------------------------------------------------ routes

    /** Every route of {@code family} (AF_INET, AF_INET6 or AF_UNSPEC), all tables (RTM_GETROUTE dump). */
    public List<Route> routes(int family) throws IOException {
        return dump(() -> {
            MessageBuilder m = new MessageBuilder(RTM_GETROUTE, NLM_F_DUMP, "RTM_GETROUTE");
            int h = m.reserve(Route.HEADER);
            m.set(Route.FAMILY, h, family);
            return m;
        }, RTM_NEWROUTE, Route::decode);
    }

    /** The route the kernel would use to reach {@code destination} (RTM_GETROUTE, as {@code ip route get}). */
    public Route route(InetAddress destination) throws IOException {
        MessageBuilder m = new MessageBuilder(RTM_GETROUTE, 0, "RTM_GETROUTE");
        int h = m.reserve(Route.HEADER);
        m.set(Route.FAMILY, h, familyOf(destination));
        m.set(Route.DST_LEN, h, destination.getAddress().length * 8);
        m.attrAddress(RTA_DST, destination);
        return single(connection.execute(m), RTM_NEWROUTE, Route::decode, "RTM_GETROUTE");
    }

    /** Adds a route, as {@code ip route add}. EEXIST if it is there. */
    public void addRoute(RouteSpec route) throws IOException {
        connection.execute(routeMessage(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "RTM_NEWROUTE", route, false));
    }

    /** Deletes a route, as {@code ip route del}: what the spec leaves null matches anything. ESRCH if none. */
    public void deleteRoute(RouteSpec route) throws IOException {
        connection.execute(routeMessage(RTM_DELROUTE, 0, "RTM_DELROUTE", route, true));
    }

    private static MessageBuilder routeMessage(int type, int flags, String name, RouteSpec r, boolean delete) {
        MessageBuilder m = new MessageBuilder(type, flags, name);
        int h = m.reserve(Route.HEADER);
        m.set(Route.FAMILY, h, r.family());
        m.set(Route.DST_LEN, h, r.destinationLength());
        m.set(Route.TABLE, h, Integer.compareUnsigned(r.table(), 256) < 0 ? r.table() : RT_TABLE_UNSPEC);
        m.set(Route.PROTOCOL, h, r.effectiveProtocol(delete));
        m.set(Route.SCOPE, h, r.effectiveScope(delete));
        m.set(Route.TYPE, h, r.effectiveType(delete));
        m.attrU32(RTA_TABLE, r.table());
        if (r.destinationLength() > 0) m.attrAddress(RTA_DST, r.destination());
        if (r.gateway() != null) m.attrAddress(RTA_GATEWAY, r.gateway());
        if (r.outputInterface() != 0) m.attrU32(RTA_OIF, r.outputInterface());
        if (r.priority() != null) m.attrU32(RTA_PRIORITY, r.priority());
        if (r.preferredSource() != null) m.attrAddress(RTA_PREFSRC, r.preferredSource());
        return m;
    }

    // ------------------------------------------------------------------ neighbours

    /** Every neighbour entry of {@code family} (AF_INET, AF_INET6, AF_BRIDGE or AF_UNSPEC). */
    public List<Neighbour> neighbours(int family) throws IOException {
        return dump(() -> {
            MessageBuilder m = new MessageBuilder(RTM_GETNEIGH, NLM_F_DUMP, "RTM_GETNEIGH");
            int h = m.reserve(Neighbour.HEADER);
            m.set(Neighbour.FAMILY, h, family);
            return m;
        }, RTM_NEWNEIGH, Neighbour::decode);
    }

    /** The entry for {@code destination} on interface {@code index} (RTM_GETNEIGH): ENOENT when there is none. */
    public Neighbour neighbour(int index, InetAddress destination) throws IOException {
        MessageBuilder m = new MessageBuilder(RTM_GETNEIGH, 0, "RTM_GETNEIGH");
        int h = m.reserve(Neighbour.HEADER);
        m.set(Neighbour.FAMILY, h, familyOf(destination));
        m.set(Neighbour.INDEX, h, index);
        m.attrAddress(NDA_DST, destination);
        return single(connection.execute(m), RTM_NEWNEIGH, Neighbour::decode, "RTM_GETNEIGH");
    }

    // ------------------------------------------------------------------ shared

    private interface Request {
        MessageBuilder build();
    }

    /** A dump, asked again while the kernel marks it interrupted; messages of other types are skipped. */
    private <T> List<T> dump(Request request, int type, Function<NetlinkMessage, T> decode) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                List<T> out = new ArrayList<>();
                for (NetlinkMessage m : connection.execute(request.build())) {
                    if (m.type() == type) out.add(decode.apply(m));
                }
                return out;
            } catch (NetlinkDumpInterruptedException e) {
                if (attempt == DUMP_ATTEMPTS) throw e;
            }
        }
    }

    private static <T> T single(List<NetlinkMessage> replies, int type, Function<NetlinkMessage, T> decode, String call)
            throws IOException {
        for (NetlinkMessage m : replies) {
            if (m.type() == type) return decode.apply(m);
        }
        throw new java.net.ProtocolException(call + ": the kernel acknowledged without a reply");
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= Sockets.IFNAMSIZ) {
            throw new IllegalArgumentException("interface names are 1 to " + (Sockets.IFNAMSIZ - 1) + " bytes, not '" + name + "'");
        }
        return name;
    }

    /** Closes the connection. */
    @Override
    public void close() {
        connection.close();
    }
}
