package io.jsock.tools;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Sockets;
import io.jsock.netlink.InetSocketInfo;
import io.jsock.netlink.Link;
import io.jsock.netlink.RtNetlink;
import io.jsock.netlink.SockDiag;
import io.jsock.netlink.UnixSocketInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jsock ss}: iproute2's {@code ss} over sock_diag, with its options -t -u -x -l -a -n -4 -6
 * -H and its columns: Netid (when more than one kind is listed), State, Recv-Q, Send-Q, the local
 * and the peer address.
 */
public final class SsCommand {
    static final String USAGE = String.join("\n",
            "usage: jsock ss [ -t ] [ -u ] [ -x ] [ -l | -a ] [ -n ] [ -4 | -6 ] [ -H ]",
            "  -t TCP   -u UDP   -x UNIX (all three when none is given)",
            "  -l listening sockets only   -a all sockets (connected ones only by default)",
            "  -n numeric ports (else names from /etc/services)   -4 / -6 one family   -H no header",
            "");

    /** ss's state names, by TCP_ state. */
    private static final Map<Integer, String> STATES = Map.ofEntries(Map.entry(TCP_ESTABLISHED, "ESTAB"),
            Map.entry(TCP_SYN_SENT, "SYN-SENT"), Map.entry(TCP_SYN_RECV, "SYN-RECV"), Map.entry(TCP_FIN_WAIT1, "FIN-WAIT-1"),
            Map.entry(TCP_FIN_WAIT2, "FIN-WAIT-2"), Map.entry(TCP_TIME_WAIT, "TIME-WAIT"), Map.entry(TCP_CLOSE, "UNCONN"),
            Map.entry(TCP_CLOSE_WAIT, "CLOSE-WAIT"), Map.entry(TCP_LAST_ACK, "LAST-ACK"), Map.entry(TCP_LISTEN, "LISTEN"),
            Map.entry(TCP_CLOSING, "CLOSING"));

    private final PrintStream out;
    private final PrintStream err;

    private SsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code jsock ss ARGS}: 0 done, 1 a socket failed, 2 a mistake in the arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new SsCommand(out, err).list(args);
    }

    private int list(String[] args) {
        boolean tcp = false;
        boolean udp = false;
        boolean unix = false;
        boolean listening = false;
        boolean all = false;
        boolean numeric = false;
        boolean header = true;
        int family = Sockets.AF_UNSPEC;
        try {
            for (String a : args) {
                if (a.equals("--help") || a.equals("-h")) {
                    out.print(USAGE);
                    return 0;
                }
                if (!a.startsWith("-") || a.length() < 2) throw new ArgumentError("unexpected '" + a + "'");
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 't': tcp = true; break;
                        case 'u': udp = true; break;
                        case 'x': unix = true; break;
                        case 'l': listening = true; break;
                        case 'a': all = true; break;
                        case 'n': numeric = true; break;
                        case 'H': header = false; break;
                        case '4': family = Sockets.AF_INET; break;
                        case '6': family = Sockets.AF_INET6; break;
                        default: throw new ArgumentError("unknown option '-" + c + "'");
                    }
                }
            }
        } catch (ArgumentError e) {
            err.println("jsock ss: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (!tcp && !udp && !unix) {
            tcp = true;
            udp = true;
            unix = family == Sockets.AF_UNSPEC;
        }
        // ss's filters: connected sockets by default, LISTEN and UNCONN with -l, everything with -a
        int states = all ? SockDiag.ALL_STATES
                : listening ? SockDiag.states(TCP_LISTEN, TCP_CLOSE)
                : SockDiag.ALL_STATES & ~SockDiag.states(TCP_LISTEN, TCP_CLOSE, TCP_TIME_WAIT, TCP_SYN_RECV);
        // Netid names the kind of each row when rows of more than one kind may be listed (unix is three)
        boolean netid = unix || (tcp && udp);

        List<String[]> rows = new ArrayList<>();
        try (SockDiag diag = SockDiag.open()) {
            Names names = new Names(numeric);
            if (tcp) inet(diag.tcp(family, states), "tcp", names, rows);
            if (udp) inet(diag.udp(family, states), "udp", names, rows);
            if (unix) unix(diag.unix(states), rows);
        } catch (IOException e) {
            err.println("jsock ss: " + e.getMessage());
            return 1;
        }
        print(rows, netid, header);
        return 0;
    }

    private static void inet(List<InetSocketInfo> sockets, String proto, Names names, List<String[]> rows) throws IOException {
        for (InetSocketInfo s : sockets) {
            String ifname = s.interfaceIndex() != 0 ? names.interfaceName(s.interfaceIndex()) : null;
            boolean v6only = Boolean.TRUE.equals(s.v6Only());
            rows.add(new String[] {proto, STATES.getOrDefault(s.state(), "UNKNOWN"), Integer.toUnsignedString(s.receiveQueue()),
                Integer.toUnsignedString(s.sendQueue()), host(s.localAddress(), v6only, ifname), names.port(s.localPort(), proto),
                host(s.remoteAddress(), v6only, null), names.port(s.remotePort(), proto)});
        }
    }

    private static void unix(List<UnixSocketInfo> sockets, List<String[]> rows) {
        Map<Long, UnixSocketInfo> byInode = new HashMap<>();
        for (UnixSocketInfo s : sockets) byInode.put(s.inode(), s);
        for (UnixSocketInfo s : sockets) {
            String netid = s.type() == Sockets.SOCK_STREAM ? "u_str" : s.type() == Sockets.SOCK_DGRAM ? "u_dgr"
                    : s.type() == Sockets.SOCK_SEQPACKET ? "u_seq" : "unix";
            UnixSocketInfo peer = s.peerInode() == null ? null : byInode.get(s.peerInode());
            rows.add(new String[] {netid, STATES.getOrDefault(s.state(), "UNKNOWN"), queue(s.receiveQueue()), queue(s.sendQueue()),
                name(s), Long.toString(s.inode()), peer == null ? "*" : name(peer),
                s.peerInode() == null ? "0" : Long.toString(s.peerInode())});
        }
    }

    private static String queue(Integer q) {
        return q == null ? "0" : Integer.toUnsignedString(q);
    }

    /** A UNIX socket's name as ss shows it: the path, {@code @name} for an abstract one, {@code *} for none. */
    private static String name(UnixSocketInfo s) {
        if (s.address() == null || s.address().isUnnamed()) return "*";
        if (s.address().isAbstract()) return "@" + new String(s.address().name(), StandardCharsets.UTF_8);
        return s.address().path();
    }

    /** inet_addr_print: IPv4 numeric, IPv6 in brackets, the IPv6 wildcard as * unless the socket is v6-only. */
    private static String host(InetAddress a, boolean v6only, String ifname) {
        String text;
        if (a == null) {
            text = "*";
        } else if (a instanceof Inet6Address && a.isAnyLocalAddress() && !v6only) {
            text = "*";
        } else if (a instanceof Inet6Address) {
            text = "[" + IpFormat.text(a) + "]";
        } else {
            text = IpFormat.text(a);
        }
        return ifname == null ? text : text + "%" + ifname;
    }

    /** The columns, aligned as ss aligns them: addresses to the right of their colon, ports to its left. */
    private void print(List<String[]> rows, boolean netid, boolean header) {
        String[] head = {"Netid", "State", "Recv-Q", "Send-Q", "Local Address", "Port", "Peer Address", "Port"};
        int[] width = new int[head.length];
        List<String[]> all = new ArrayList<>();
        if (header) all.add(head);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : all) {
            boolean unixRow = r[0].startsWith("u_");
            String sep = unixRow ? " " : ":";
            if (netid) b.append(pad(r[0], width[0])).append(' ');
            b.append(pad(r[1], width[1])).append(' ').append(pad(r[2], width[2])).append(' ').append(pad(r[3], width[3])).append(' ');
            b.append(" ".repeat(width[4] - r[4].length())).append(r[4]).append(r == head ? ":" : sep).append(pad(r[5], width[5])).append(' ');
            b.append(" ".repeat(width[6] - r[6].length())).append(r[6]).append(r == head ? ":" : sep);
            b.append(r == head ? pad(r[7], width[7]) + " Process" : r[7]).append('\n');
        }
        out.print(b);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    /** Port and interface names, looked up as ss does, once each. */
    private static final class Names {
        private final boolean numeric;
        private Map<String, String> services;
        private int[] ephemeral;
        private Map<Integer, String> interfaces;

        Names(boolean numeric) {
            this.numeric = numeric;
        }

        /** The port: {@code *} for 0; a service name unless -n or the port is in the ephemeral range. */
        String port(int port, String proto) {
            if (port == 0) return "*";
            if (numeric) return Integer.toString(port);
            if (ephemeral == null) ephemeral = ephemeralRange();
            if (port >= ephemeral[0] && port <= ephemeral[1]) return Integer.toString(port);
            if (services == null) services = services();
            return services.getOrDefault(port + "/" + proto, Integer.toString(port));
        }

        String interfaceName(int index) throws IOException {
            if (interfaces == null) {
                interfaces = new HashMap<>();
                try (RtNetlink rt = RtNetlink.open()) {
                    for (Link l : rt.links()) interfaces.put(l.index(), l.name());
                }
            }
            return interfaces.getOrDefault(index, Integer.toString(index));
        }

        /** /proc/sys/net/ipv4/ip_local_port_range, or ss's fallback 1024-4999 where it cannot be read. */
        private static int[] ephemeralRange() {
            try {
                String[] f = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip().split("\\s+");
                return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
            } catch (IOException | RuntimeException e) {
                return new int[] {1024, 4999};
            }
        }

        /** /etc/services: "name port/proto aliases", the first name of each port and protocol. */
        private static Map<String, String> services() {
            Map<String, String> m = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/etc/services"), StandardCharsets.UTF_8)) {
                    int hash = line.indexOf('#');
                    String[] f = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
                    if (f.length >= 2 && f[1].contains("/")) m.putIfAbsent(f[1], f[0]);
                }
            } catch (IOException e) {
                // no /etc/services: ports stay numbers
            }
            return m;
        }
    }
}
