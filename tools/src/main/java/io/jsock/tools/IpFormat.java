package io.jsock.tools;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.SockAddr;
import io.jsock.Sockets;
import io.jsock.netlink.Address;
import io.jsock.netlink.Link;
import io.jsock.netlink.NetlinkAttribute;
import io.jsock.netlink.Neighbour;
import io.jsock.netlink.Route;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links, addresses, routes and neighbours written as iproute2 writes them, field for field and
 * in its order (ip/ipaddress.c, ip/iproute.c, ip/ipneigh.c), in text and in JSON. Interface
 * names come from the links it is given, as iproute2's own index cache.
 */
final class IpFormat {
    private final Map<Integer, Link> links = new LinkedHashMap<>();

    IpFormat(List<Link> links) {
        for (Link l : links) this.links.put(l.index(), l);
    }

    /** Keeps the cache current as link events arrive (the monitor). */
    void update(Link l, boolean deleted) {
        if (deleted) links.remove(l.index());
        else links.put(l.index(), l);
    }

    /** ll_idx_n2a: the interface's name, or {@code ifN} for an index it does not know. */
    String name(int index) {
        Link l = links.get(index);
        return l != null && l.name() != null ? l.name() : "if" + index;
    }

    // ------------------------------------------------------------------ links (print_linkinfo)

    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI",
        "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP", "DORMANT", "ECHO"};
    private static final int[] FLAG_BITS = {IFF_LOOPBACK, IFF_BROADCAST, IFF_POINTOPOINT, IFF_MULTICAST, IFF_NOARP, IFF_ALLMULTI,
        IFF_PROMISC, IFF_MASTER, IFF_SLAVE, IFF_DEBUG, IFF_DYNAMIC, IFF_AUTOMEDIA, IFF_PORTSEL, IFF_NOTRAILERS, IFF_UP,
        IFF_LOWER_UP, IFF_DORMANT, IFF_ECHO};

    /** Where a link is shown: each shows a little more or less of it, as iproute2 does. */
    enum LinkView {
        /** {@code ip link}: with mode, queue length and alias. */
        LINK(true, true, true),
        /** {@code ip addr}: without mode and alias. */
        ADDRESS(false, true, true),
        /** {@code ip -4 addr} and {@code -6}: without the link/TYPE line either. */
        ADDRESS_ONE_FAMILY(false, false, true),
        /** {@code ip monitor}: without mode, alias and queue length. */
        MONITOR(false, true, false);

        final boolean doLink;
        final boolean linkLayer;
        final boolean queue;

        LinkView(boolean doLink, boolean linkLayer, boolean queue) {
            this.doLink = doLink;
            this.linkLayer = linkLayer;
            this.queue = queue;
        }
    }

    /** One link, as {@code view} shows it; {@code deleted} for an RTM_DELLINK. */
    void link(Output o, Link l, LinkView view, boolean deleted) {
        boolean doLink = view.doLink;
        boolean linkLayer = view.linkLayer;
        if (deleted) o.flag("deleted", "Deleted ");
        o.number("ifindex", "%d: ", l.index());
        boolean peerDown = false;
        if (l.link() != null) { // JSON names the tied link before the link itself; text after it
            int iflink = l.link();
            if (iflink == 0) {
                o.jsonNull("link");
                printName(o, l);
                o.text("@NONE: ");
            } else if (l.linkNetnsId() != null) {
                o.jsonNumber("link_index", iflink);
                printName(o, l);
                o.text("@if%d: ", iflink);
            } else {
                o.jsonString("link", name(iflink));
                printName(o, l);
                o.text("@%s: ", name(iflink));
                Link peer = links.get(iflink);
                peerDown = peer == null || (peer.flags() & IFF_UP) == 0;
            }
        } else {
            printName(o, l);
            o.text(": ");
        }
        flags(o, l.flags(), peerDown);
        if (l.mtu() != null) o.number("mtu", "mtu %d ", Integer.toUnsignedLong(l.mtu()));
        if (l.qdisc() != null) o.string("qdisc", "qdisc %s ", l.qdisc());
        if (l.master() != null) o.string("master", "master %s ", name(l.master()));
        if (l.operState() != null) {
            String state = RtNames.operState(l.operState());
            if (state != null) o.string("operstate", "state %s ", state);
            else o.jsonNumber("operstate_index", l.operState()).text("state %#x ", l.operState());
        }
        if (doLink && l.linkMode() != null) {
            String mode = RtNames.linkMode(l.linkMode());
            if (mode != null) o.string("linkmode", "mode %s ", mode);
            else o.number("linkmode_index", "mode %d ", l.linkMode());
        }
        if (l.group() != null) o.string("group", "group %s ", RtNames.group(l.group()));
        Integer qlen = l.txQueueLength();
        if (qlen == null && links.containsKey(l.index())) {
            qlen = links.get(l.index()).txQueueLength(); // IPv6's description lacks it: iproute2 asks SIOCGIFTXQLEN
        }
        if (view.queue && qlen != null && qlen != 0) o.number("txqlen", "qlen %d", qlen);
        NetlinkAttribute event = l.attributes().get(IFLA_EVENT);
        if (event != null && event.length() == 4 && event.u32() != 0) o.number("event", "event %d ", event.u32());

        if (linkLayer) {
            o.text("\n");
            o.string("link_type", "    link/%s ", RtNames.linkType(l.type()));
            byte[] address = l.address();
            if (address != null) o.string("address", "%s", hardware(address, l.type()));
            byte[] perm = l.permanentAddress();
            if (perm != null && (address == null || !java.util.Arrays.equals(perm, address))) {
                o.text(" permaddr ").string("permaddr", "%s", hardware(perm, l.type()));
            }
            byte[] broadcast = l.broadcast();
            if (broadcast != null) {
                if ((l.flags() & IFF_POINTOPOINT) != 0) o.text(" peer ").jsonFlag("link_pointtopoint");
                else o.text(" brd ");
                o.string("broadcast", "%s", hardware(broadcast, l.type()));
            }
        }
        if (l.linkNetnsId() != null) {
            int id = l.linkNetnsId();
            o.jsonNumber("link_netnsid", id);
            if (id >= 0) o.text(" link-netnsid %d", id);
            else o.text(" link-netnsid %s", "unknown");
        }
        NetlinkAttribute protoDown = l.attributes().get(IFLA_PROTO_DOWN);
        if (protoDown != null && protoDown.length() == 1 && protoDown.u8() != 0) o.flag("proto_down", " protodown on ");
        if (doLink && l.alias() != null) o.text("\n    ").string("ifalias", "alias %s", l.alias());
        if (!l.alternativeNames().isEmpty()) {
            o.openArray("altnames");
            for (String alt : l.alternativeNames()) o.text("\n    altname ").string(null, "%s", alt);
            o.closeArray();
        }
        o.text("\n");
    }

    private static void printName(Output o, Link l) {
        if (l.name() != null) o.string("ifname", "%s", l.name());
        else o.jsonNull("ifname").text("<nil>");
    }

    /** print_link_flags: NO-CARRIER first, then iproute2's order, unknown bits in hex, M-DOWN last. */
    private static void flags(Output o, int flags, boolean peerDown) {
        o.openArray("flags").text("<");
        StringBuilder text = new StringBuilder();
        if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) element(o, text, "NO-CARRIER");
        flags &= ~IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                flags &= ~FLAG_BITS[i];
                element(o, text, FLAG_NAMES[i]);
            }
        }
        if (flags != 0) element(o, text, Integer.toHexString(flags));
        if (peerDown) element(o, text, "M-DOWN");
        o.text(text.toString()).closeArray().text("> ");
    }

    private static void element(Output o, StringBuilder text, String name) {
        o.jsonString(null, name);
        if (text.length() > 0) text.append(',');
        text.append(name);
    }

    // ------------------------------------------------------------------ addresses (print_addrinfo)

    private static final String[] IFA_NAMES = {"secondary", "temporary", "nodad", "optimistic", "dadfailed", "home", "deprecated",
        "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};
    private static final int[] IFA_BITS = {IFA_F_SECONDARY, IFA_F_SECONDARY, IFA_F_NODAD, IFA_F_OPTIMISTIC, IFA_F_DADFAILED,
        IFA_F_HOMEADDRESS, IFA_F_DEPRECATED, IFA_F_TENTATIVE, IFA_F_PERMANENT, IFA_F_MANAGETEMPADDR, IFA_F_NOPREFIXROUTE,
        IFA_F_MCAUTOJOIN, IFA_F_STABLE_PRIVACY};

    /** One address; {@code withDevice} starts it with index and device, as {@code ip monitor} and {@code ip -o} do. */
    void address(Output o, Address a, boolean withDevice, boolean deleted) {
        if (deleted) o.flag("deleted", "Deleted ");
        if (withDevice) {
            o.jsonNumber("index", a.index()).jsonString("dev", name(a.index())).text("%d: %s", a.index(), name(a.index()));
        }
        if (a.family() == Sockets.AF_INET) o.string("family", "    %s ", "inet");
        else if (a.family() == Sockets.AF_INET6) o.string("family", "    %s ", "inet6");
        else o.number("family_index", "    family %d ", a.family());
        InetAddress local = a.localOrAddress();
        if (local != null) {
            o.string("local", "%s", text(local));
            if (a.address() != null && a.local() != null && !a.address().equals(a.local())) {
                o.text(" peer ").string("address", "%s", text(a.address()));
            }
            o.number("prefixlen", "/%d ", a.prefixLength());
        }
        if (a.broadcast() != null) o.text("brd ").string("broadcast", "%s ", text(a.broadcast()));
        if (a.anycast() != null) o.text("any ").string("anycast", "%s ", text(a.anycast()));
        o.string("scope", "scope %s ", RtNames.scope(a.scope()));
        int flags = a.flags();
        for (int i = 0; i < IFA_BITS.length; i++) {
            int mask = IFA_BITS[i];
            if (mask == IFA_F_PERMANENT) {
                if ((flags & mask) == 0) o.flag("dynamic", "dynamic ");
            } else if ((flags & mask) != 0) {
                if (mask == IFA_F_SECONDARY && a.family() == Sockets.AF_INET6) o.flag("temporary", "temporary ");
                else o.flag(IFA_NAMES[i], IFA_NAMES[i] + " ");
            }
            flags &= ~mask;
        }
        if (flags != 0) o.jsonString("ifa_flags", String.format("%02x", flags)).text("flags %02x ", flags);
        if (a.label() != null) o.string("label", "%s", a.label());
        if (a.validLifetime() != null) {
            o.text("\n       valid_lft ");
            lifetime(o, "valid_life_time", a.validLifetime(), false);
            o.text(" preferred_lft ");
            lifetime(o, "preferred_life_time", a.preferredLifetime(), (a.flags() & IFA_F_DEPRECATED) != 0);
        }
        o.text("\n");
    }

    /** INFINITY_LIFE_TIME (all ones) is "forever" in text and its unsigned value in JSON. */
    private static void lifetime(Output o, String key, int seconds, boolean signed) {
        if (seconds == -1) {
            o.jsonNumber(key, Integer.toUnsignedLong(seconds)).text("forever");
        } else {
            o.number(key, "%dsec", signed ? seconds : Integer.toUnsignedLong(seconds));
        }
    }

    // ------------------------------------------------------------------ routes (print_route)

    private static final String[] RT_FLAG_NAMES = {"dead", "onlink", "pervasive", "offload", "trap", "notify", "linkdown",
        "unresolved", "rt_offload", "rt_trap", "rt_offload_failed"};
    private static final int[] RT_FLAG_BITS = {RTNH_F_DEAD, RTNH_F_ONLINK, RTNH_F_PERVASIVE, RTNH_F_OFFLOAD, RTNH_F_TRAP,
        RTM_F_NOTIFY, RTNH_F_LINKDOWN, RTNH_F_UNRESOLVED, RTM_F_OFFLOAD, RTM_F_TRAP, RTM_F_OFFLOAD_FAILED};

    /** One route; {@code tableFiltered} is true when a single table was asked for (its name is then not shown). */
    void route(Output o, Route r, boolean tableFiltered, boolean deleted) {
        if (deleted) o.flag("deleted", "Deleted ");
        if (r.type() != RTN_UNICAST) o.string("type", "%s ", RtNames.routeType(r.type()));
        int hostLength = r.family() == Sockets.AF_INET ? 32 : r.family() == Sockets.AF_INET6 ? 128 : -1;
        String dst;
        if (r.destination() != null) {
            dst = r.destinationLength() != hostLength ? text(r.destination()) + "/" + r.destinationLength() : text(r.destination());
        } else if (r.destinationLength() != 0) {
            dst = "0/" + r.destinationLength();
        } else {
            dst = "default";
        }
        o.string("dst", "%s ", dst);
        if (r.source() != null) {
            String src = r.sourceLength() != hostLength ? text(r.source()) + "/" + r.sourceLength() : text(r.source());
            o.string("from", "from %s ", src);
        } else if (r.sourceLength() != 0) {
            o.string("src", "from %s ", "0/" + r.sourceLength());
        }
        Integer nhid = r.attributes().u32(RTA_NH_ID);
        if (nhid != null) o.number("nhid", "nhid %d ", Integer.toUnsignedLong(nhid));
        if (r.tos() != 0) o.string("tos", "tos %s ", String.format("0x%02x", r.tos()));
        if (r.gateway() != null) o.jsonString("gateway", text(r.gateway())).text("via %s ", text(r.gateway()));
        if (r.outputInterface() != null) o.jsonString("dev", name(r.outputInterface())).text("dev %s ", name(r.outputInterface()));
        if (r.table() != 0 && r.table() != RT_TABLE_MAIN && !tableFiltered) o.string("table", "table %s ", RtNames.table(r.table()));
        if ((r.flags() & RTM_F_CLONED) == 0) {
            if (r.protocol() != RTPROT_BOOT) o.string("protocol", "proto %s ", RtNames.protocol(r.protocol()));
            if (r.scope() != RT_SCOPE_UNIVERSE) o.string("scope", "scope %s ", RtNames.scope(r.scope()));
        }
        if (r.preferredSource() != null) o.jsonString("prefsrc", text(r.preferredSource())).text("src %s ", text(r.preferredSource()));
        if (r.priority() != null) o.number("metric", "metric %d ", Integer.toUnsignedLong(r.priority()));
        o.openArray("flags");
        for (int i = 0; i < RT_FLAG_BITS.length; i++) {
            if (RT_FLAG_BITS[i] != 0 && (r.flags() & RT_FLAG_BITS[i]) != 0) o.string(null, "%s ", RT_FLAG_NAMES[i]);
        }
        o.closeArray();
        Integer iif = r.inputInterface();
        if (iif != null) o.jsonString("iif", name(iif)).text("iif %s ", name(iif));
        Integer pref = r.attributes().u8(RTA_PREF);
        if (pref != null) {
            if (pref == ICMPV6_ROUTER_PREF_LOW) o.string("pref", "pref %s", "low");
            else if (pref == ICMPV6_ROUTER_PREF_MEDIUM) o.string("pref", "pref %s", "medium");
            else if (pref == ICMPV6_ROUTER_PREF_HIGH) o.string("pref", "pref %s", "high");
            else o.number("pref", "%d", pref);
        }
        o.text("\n");
    }

    // ------------------------------------------------------------------ neighbours (print_neigh)

    private static final String[] NUD_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT"};
    private static final int[] NUD_BITS = {NUD_INCOMPLETE, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE, NUD_FAILED, NUD_NOARP,
        NUD_PERMANENT};

    void neighbour(Output o, Neighbour n, boolean deleted) {
        if (deleted) o.flag("deleted", "Deleted ");
        if (n.destination() != null) o.string("dst", "%s ", text(n.destination()));
        o.jsonString("dev", name(n.index())).text("dev %s ", name(n.index()));
        byte[] ll = n.linkLayerAddress();
        if (ll != null) {
            Link dev = links.get(n.index());
            o.jsonString("lladdr", hardware(ll, dev == null ? ARPHRD_ETHER : dev.type())).text("lladdr %s ",
                    hardware(ll, dev == null ? ARPHRD_ETHER : dev.type()));
        }
        if ((n.flags() & NTF_ROUTER) != 0 && NTF_ROUTER != 0) o.flag("router", "router ");
        if ((n.flags() & NTF_PROXY) != 0) o.flag("proxy", "proxy ");
        o.openArray("state");
        for (int i = 0; i < NUD_BITS.length; i++) {
            if ((n.state() & NUD_BITS[i]) != 0) o.string(null, "%s ", NUD_NAMES[i]);
        }
        if (n.state() == NUD_NONE) o.string(null, "%s ", "NONE");
        o.closeArray();
        o.text("\n");
    }

    // ------------------------------------------------------------------ text forms

    /** ll_addr_n2a: IP text for the tunnels' 4- and 16-byte addresses, else hex bytes with colons. */
    static String hardware(byte[] a, int type) {
        if (a.length == 4 && (type == ARPHRD_TUNNEL || type == ARPHRD_SIT || type == ARPHRD_IPGRE)) return ipText(a);
        if (a.length == 16 && (type == ARPHRD_TUNNEL6 || type == ARPHRD_IP6GRE)) return ipText(a);
        if (a.length == 0) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            if (i > 0) b.append(':');
            b.append(HexFormat.of().toHexDigits(a[i]));
        }
        return b.toString();
    }

    /** An IP address as inet_ntop writes it (what iproute2 prints). */
    static String text(InetAddress a) {
        if (a instanceof Inet4Address v4) return SockAddr.inet(v4, 0).host();
        return SockAddr.inet6((Inet6Address) a, 0, 0, 0).host();
    }

    private static String ipText(byte[] a) {
        try {
            return text(a.length == 4 ? InetAddress.getByAddress(a) : Inet6Address.getByAddress(null, a, -1));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
