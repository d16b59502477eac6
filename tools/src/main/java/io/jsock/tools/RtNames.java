package io.jsock.tools;

import static io.jsock.netlink.NetlinkConstants.*;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names iproute2 gives to numbers: its built-in tables, with the same files read over them
 * that it reads ({@code /etc/iproute2/rt_protos}, {@code rt_scopes}, {@code rt_tables},
 * {@code group}, and their {@code .d} directories), so that both tools name things alike.
 */
final class RtNames {
    private static final Path CONFIG = Path.of("/etc/iproute2");

    private static final Map<Integer, String> PROTOCOLS = table("rt_protos", builtInProtocols());
    private static final Map<Integer, String> SCOPES = table("rt_scopes", map(RT_SCOPE_UNIVERSE, "global",
            RT_SCOPE_NOWHERE, "nowhere", RT_SCOPE_HOST, "host", RT_SCOPE_LINK, "link", RT_SCOPE_SITE, "site"));
    private static final Map<Integer, String> TABLES = table("rt_tables", map(RT_TABLE_UNSPEC, "unspec",
            RT_TABLE_LOCAL, "local", RT_TABLE_MAIN, "main", RT_TABLE_DEFAULT, "default"));
    private static final Map<Integer, String> GROUPS = table("group", map(0, "default"));
    private static final Map<Integer, String> ROUTE_TYPES = map(RTN_UNSPEC, "none", RTN_UNICAST, "unicast", RTN_LOCAL, "local",
            RTN_BROADCAST, "broadcast", RTN_ANYCAST, "anycast", RTN_MULTICAST, "multicast", RTN_BLACKHOLE, "blackhole",
            RTN_UNREACHABLE, "unreachable", RTN_PROHIBIT, "prohibit", RTN_THROW, "throw", RTN_NAT, "nat", RTN_XRESOLVE, "xresolve");
    private static final Map<Integer, String> LINK_TYPES = linkTypes();
    private static final Map<Integer, String> OPER_STATES = map(IF_OPER_UNKNOWN, "UNKNOWN", IF_OPER_NOTPRESENT, "NOTPRESENT",
            IF_OPER_DOWN, "DOWN", IF_OPER_LOWERLAYERDOWN, "LOWERLAYERDOWN", IF_OPER_TESTING, "TESTING",
            IF_OPER_DORMANT, "DORMANT", IF_OPER_UP, "UP");
    private static final Map<Integer, String> LINK_MODES = map(IF_LINK_MODE_DEFAULT, "DEFAULT", IF_LINK_MODE_DORMANT, "DORMANT");

    private RtNames() {}

    static String protocol(int id) {
        return PROTOCOLS.getOrDefault(id, Integer.toString(id));
    }

    static String scope(int id) {
        return SCOPES.getOrDefault(id, Integer.toString(id));
    }

    static String table(int id) {
        return TABLES.getOrDefault(id, Integer.toUnsignedString(id));
    }

    static String group(int id) {
        return GROUPS.getOrDefault(id, Integer.toString(id));
    }

    static String routeType(int type) {
        return ROUTE_TYPES.getOrDefault(type, Integer.toString(type));
    }

    /** ll_type_n2a: ether, loopback, none, ... or [N]. */
    static String linkType(int arphrd) {
        String n = LINK_TYPES.get(arphrd);
        return n != null ? n : "[" + arphrd + "]";
    }

    /** The operational state's name, or null for a state iproute2 has no name for. */
    static String operState(int state) {
        return OPER_STATES.get(state);
    }

    static String linkMode(int mode) {
        return LINK_MODES.get(mode);
    }

    /** The number of a protocol, scope or table name (or a number as text), or -1. */
    static int protocolId(String name) {
        return lookup(PROTOCOLS, name);
    }

    static int scopeId(String name) {
        return lookup(SCOPES, name);
    }

    static int tableId(String name) {
        return lookup(TABLES, name);
    }

    static int routeTypeId(String name) {
        return lookup(ROUTE_TYPES, name);
    }

    private static int lookup(Map<Integer, String> names, String name) {
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            if (e.getValue().equals(name)) return e.getKey();
        }
        try {
            return Integer.decode(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<Integer, String> builtInProtocols() {
        Map<Integer, String> m = new HashMap<>();
        int[] ids = {RTPROT_UNSPEC, RTPROT_REDIRECT, RTPROT_KERNEL, RTPROT_BOOT, RTPROT_STATIC, RTPROT_GATED, RTPROT_RA,
            RTPROT_MRT, RTPROT_ZEBRA, RTPROT_BIRD, RTPROT_BABEL, RTPROT_DNROUTED, RTPROT_XORP, RTPROT_NTK, RTPROT_DHCP,
            RTPROT_KEEPALIVED, RTPROT_BGP, RTPROT_ISIS, RTPROT_OSPF, RTPROT_RIP, RTPROT_EIGRP};
        String[] names = {"unspec", "redirect", "kernel", "boot", "static", "gated", "ra", "mrt", "zebra", "bird", "babel",
            "dnrouted", "xorp", "ntk", "dhcp", "keepalived", "bgp", "isis", "ospf", "rip", "eigrp"};
        for (int i = 0; i < ids.length; i++) m.put(ids[i], names[i]);
        return m;
    }

    /** iproute2's lib/ll_types.c: the names of ARPHRD_ types. */
    private static Map<Integer, String> linkTypes() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(ARPHRD_NETROM, "generic"); // iproute2 names type 0 so, before NET/ROM
        Object[] pairs = {ARPHRD_ETHER, "ether", ARPHRD_EETHER, "eether", ARPHRD_AX25, "ax25", ARPHRD_PRONET, "pronet",
            ARPHRD_CHAOS, "chaos", ARPHRD_IEEE802, "ieee802", ARPHRD_ARCNET, "arcnet", ARPHRD_APPLETLK, "atalk",
            ARPHRD_DLCI, "dlci", ARPHRD_ATM, "atm", ARPHRD_METRICOM, "metricom", ARPHRD_IEEE1394, "ieee1394",
            ARPHRD_INFINIBAND, "infiniband", ARPHRD_SLIP, "slip", ARPHRD_CSLIP, "cslip", ARPHRD_SLIP6, "slip6",
            ARPHRD_CSLIP6, "cslip6", ARPHRD_RSRVD, "rsrvd", ARPHRD_ADAPT, "adapt", ARPHRD_ROSE, "rose", ARPHRD_X25, "x25",
            ARPHRD_HWX25, "hwx25", ARPHRD_CAN, "can", ARPHRD_PPP, "ppp", ARPHRD_HDLC, "hdlc", ARPHRD_LAPB, "lapb",
            ARPHRD_DDCMP, "ddcmp", ARPHRD_RAWHDLC, "rawhdlc", ARPHRD_TUNNEL, "ipip", ARPHRD_TUNNEL6, "tunnel6",
            ARPHRD_FRAD, "frad", ARPHRD_SKIP, "skip", ARPHRD_LOOPBACK, "loopback", ARPHRD_LOCALTLK, "ltalk",
            ARPHRD_FDDI, "fddi", ARPHRD_BIF, "bif", ARPHRD_SIT, "sit", ARPHRD_IPDDP, "ip/ddp", ARPHRD_IPGRE, "gre",
            ARPHRD_PIMREG, "pimreg", ARPHRD_HIPPI, "hippi", ARPHRD_ASH, "ash", ARPHRD_ECONET, "econet",
            ARPHRD_IRDA, "irda", ARPHRD_FCPP, "fcpp", ARPHRD_FCAL, "fcal", ARPHRD_FCPL, "fcpl"};
        for (int i = 0; i < pairs.length; i += 2) m.putIfAbsent((Integer) pairs[i], (String) pairs[i + 1]);
        for (int n = 0; n <= 12; n++) m.putIfAbsent(ARPHRD_FCFABRIC + n, "fcfb" + n);
        Object[] more = {ARPHRD_IEEE802_TR, "tr", ARPHRD_IEEE80211, "ieee802.11", ARPHRD_IEEE80211_PRISM, "ieee802.11/prism",
            ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap", ARPHRD_IEEE802154, "ieee802.15.4",
            ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor", ARPHRD_PHONET, "phonet", ARPHRD_PHONET_PIPE, "phonet_pipe",
            ARPHRD_CAIF, "caif", ARPHRD_IP6GRE, "gre6", ARPHRD_NETLINK, "netlink", ARPHRD_6LOWPAN, "6lowpan",
            ARPHRD_NONE, "none", ARPHRD_VOID, "void"};
        for (int i = 0; i < more.length; i += 2) m.putIfAbsent((Integer) more[i], (String) more[i + 1]);
        return m;
    }

    private static Map<Integer, String> map(Object... pairs) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((Integer) pairs[i], (String) pairs[i + 1]);
        return m;
    }

    /** The built-in names, then FILE and FILE.d/*.conf over them, as rtnl_tab_initialize reads them. */
    private static Map<Integer, String> table(String file, Map<Integer, String> builtIn) {
        Map<Integer, String> m = new HashMap<>(builtIn);
        List<Path> files = new ArrayList<>();
        files.add(CONFIG.resolve(file));
        Path dir = CONFIG.resolve(file + ".d");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(dir, "*.conf")) {
                for (Path p : d) files.add(p);
            } catch (IOException e) {
                // an unreadable directory adds no names, as for iproute2
            }
        }
        for (Path p : files) {
            try {
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length < 2 || f[0].startsWith("#")) continue;
                    try {
                        int id = Integer.decode(f[0]);
                        if (id >= 0) m.put(id, f[1]);
                    } catch (NumberFormatException e) {
                        // not a "number name" line: iproute2 stops reading a corrupted file; skipping it is kinder
                    }
                }
            } catch (IOException e) {
                // no such file: the built-in names stand
            }
        }
        return m;
    }
}
