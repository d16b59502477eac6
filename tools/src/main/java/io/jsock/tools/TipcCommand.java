package io.jsock.tools;

import io.jsock.SockAddr;
import io.jsock.netlink.NetlinkException;
import io.jsock.netlink.TipcNetlink;
import io.jsock.netlink.TipcNetlink.Bearer;
import io.jsock.netlink.TipcNetlink.Link;
import io.jsock.netlink.TipcNetlink.LinkStats;
import io.jsock.netlink.TipcNetlink.Net;
import io.jsock.netlink.TipcNetlink.Node;
import io.jsock.netlink.TipcNetlink.Publication;
import io.jsock.netlink.TipcNetlink.SocketInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code jsock tipc}: iproute2's {@code tipc} over TIPCv2 generic netlink, with its text and, with
 * {@code -j}, its JSON where it writes JSON ({@code nametable show}, {@code link list},
 * {@code link stat show}). Where iproute2's {@code -j} prints its text ({@code node}, {@code bearer
 * list}, {@code socket list}), this writes JSON of its own shape.
 */
public final class TipcCommand {
    static final String USAGE = String.join("\n",
            "usage: jsock tipc [ -j ] [ -p ] OBJECT COMMAND",
            "  node list",
            "  node get { identity | address | netid }",
            "  node set { identity ID | netid ID }",
            "  bearer list",
            "  bearer enable media eth device DEVICE",
            "  bearer enable media udp name NAME localip IP [ localport PORT ] remoteip IP [ remoteport PORT ]",
            "  bearer disable media { eth device DEVICE | udp name NAME }",
            "  link list",
            "  link stat show [ link { LINK | SUBSTRING | all } ]",
            "  nametable show",
            "  socket list",
            "options: -j JSON (iproute2's shape where its tipc writes JSON), -p pretty JSON",
            "");

    /** TIPC's default UDP port (the IANA one iproute2 uses when none is given). */
    private static final int UDP_PORT = 6118;

    private final PrintStream out;
    private final PrintStream err;
    private boolean json;
    private boolean pretty;

    private TipcCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code jsock tipc ARGS}: 0 done, 1 the kernel refused or a socket failed, 2 a mistake in the arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new TipcCommand(out, err).run(new ArrayList<>(Arrays.asList(args)));
    }

    private int run(List<String> args) {
        try {
            while (!args.isEmpty() && args.get(0).startsWith("-")) {
                String o = args.remove(0);
                switch (o) {
                    case "-j": case "-json": case "--json": json = true; break;
                    case "-p": case "-pretty": case "--pretty": pretty = true; break;
                    case "-h": case "-help": case "--help": out.print(USAGE); return 0;
                    default: throw new ArgumentError("unknown option '" + o + "'");
                }
            }
            if (args.isEmpty()) throw new ArgumentError("which object: node, bearer, link, nametable or socket?");
            String object = args.remove(0);
            if (args.isEmpty()) throw new ArgumentError("which command of '" + object + "'?");
            String command = args.remove(0);
            try (TipcNetlink tipc = TipcNetlink.open()) {
                switch (object) {
                    case "node": return node(tipc, command, args);
                    case "bearer": return bearer(tipc, command, args);
                    case "link": return link(tipc, command, args);
                    case "nametable": return nametable(tipc, command, args);
                    case "socket": return socket(tipc, command, args);
                    default: throw new ArgumentError("unknown object '" + object + "'");
                }
            }
        } catch (ArgumentError e) {
            err.println("jsock tipc: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (NetlinkException e) {
            err.println("error: " + (e.extAckMessage() != null ? e.extAckMessage() : e.strerror()));
            return 1;
        } catch (IOException e) {
            err.println("jsock tipc: " + e.getMessage());
            return 1;
        }
    }

    private static void noMore(List<String> args) throws ArgumentError {
        if (!args.isEmpty()) throw new ArgumentError("unexpected '" + args.get(0) + "'");
    }

    /** The identity iproute2 shows for a node address, found by SIOCGETNODEID; "" when unknown, as iproute2 leaves it. */
    private static String identityOf(int address) {
        try {
            byte[] id = TipcNetlink.nodeIdOf(address);
            return id == null ? "" : TipcNetlink.nodeIdString(id);
        } catch (IOException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ node

    private int node(TipcNetlink tipc, String command, List<String> args) throws IOException, ArgumentError {
        switch (command) {
            case "list":
                noMore(args);
                out.print(nodeList(tipc.nodes(), TipcCommand::identityOf, json, pretty));
                return 0;
            case "get": {
                if (args.isEmpty()) throw new ArgumentError("get what: identity, address or netid?");
                String what = args.remove(0);
                noMore(args);
                out.print(nodeGet(tipc.net(), what.equals("netid") ? 0 : TipcNetlink.ownAddress(), what, json, pretty));
                return 0;
            }
            case "set": {
                if (args.size() != 2) throw new ArgumentError("usage: node set { identity ID | netid ID }");
                String what = args.get(0);
                String value = args.get(1);
                switch (what) {
                    case "identity": case "nodeid": {
                        byte[] id;
                        try {
                            id = TipcNetlink.nodeId(value);
                        } catch (IllegalArgumentException e) {
                            throw new ArgumentError(e.getMessage());
                        }
                        tipc.setNodeId(id);
                        return 0;
                    }
                    case "netid":
                        tipc.setNetId(number(value, "netid"));
                        return 0;
                    default: throw new ArgumentError("unknown node setting '" + what + "'");
                }
            }
            default: throw new ArgumentError("unknown node command '" + command + "'");
        }
    }

    static String nodeList(List<Node> nodes, IntFunction<String> identity, boolean json, boolean pretty) {
        Output o = new Output(json, pretty).openArray(null);
        o.text("Node Identity                    Hash     State\n");
        for (Node n : nodes) {
            o.openObject(null);
            o.string("identity", "%-32s ", identity.apply(n.address()));
            o.string("hash", "%s ", hex8(n.address()));
            o.string("state", "%s\n", n.up() ? "up" : "down");
            o.closeObject();
        }
        return o.closeArray().result();
    }

    /** {@code node get WHAT} of this node's settings and its address ({@code hash}: see {@link TipcNetlink#ownAddress()}). */
    static String nodeGet(Net net, int hash, String what, boolean json, boolean pretty) throws ArgumentError {
        Output o = new Output(json, pretty).openArray(null).openObject(null);
        switch (what) {
            case "identity": case "nodeid":
                o.text("Node Identity                    Hash\n");
                o.string("identity", "%-33s", net.nodeIdString());
                o.string("hash", "%s\n", hex8(hash));
                break;
            case "address":
                o.string("address", "%s\n", hex8(hash));
                break;
            case "netid":
                o.number("netid", "%d\n", Integer.toUnsignedLong(net.netId()));
                break;
            default: throw new ArgumentError("get what: identity, address or netid, not '" + what + "'");
        }
        return o.closeObject().closeArray().result();
    }

    // ------------------------------------------------------------------ bearer

    private int bearer(TipcNetlink tipc, String command, List<String> args) throws IOException, ArgumentError {
        switch (command) {
            case "list":
                noMore(args);
                out.print(bearerList(tipc.bearers(), json, pretty));
                return 0;
            case "enable": case "disable": {
                Options opts = new Options(args);
                String media = opts.require("media");
                boolean enable = command.equals("enable");
                if (media.equals("eth") || media.equals("ib")) {
                    String device = opts.take("device", "dev");
                    if (device == null) throw new ArgumentError("media " + media + " needs device DEVICE");
                    opts.noMore();
                    if (!media.equals("eth") && enable) throw new ArgumentError("jsock enables eth and udp bearers only");
                    if (enable) tipc.enableEthernetBearer(device);
                    else tipc.disableBearer(media + ":" + device);
                    return 0;
                }
                if (media.equals("udp")) {
                    String name = opts.require("name");
                    if (!enable) {
                        opts.noMore();
                        tipc.disableBearer("udp:" + name);
                        return 0;
                    }
                    String localIp = opts.require("localip");
                    String localPort = opts.take("localport");
                    String remoteIp = opts.require("remoteip");
                    String remotePort = opts.take("remoteport");
                    opts.noMore();
                    tipc.enableUdpBearer(name, udpAddress(localIp, localPort), udpAddress(remoteIp, remotePort));
                    return 0;
                }
                throw new ArgumentError("unknown media '" + media + "' (eth or udp)");
            }
            default: throw new ArgumentError("unknown bearer command '" + command + "'");
        }
    }

    private static SockAddr udpAddress(String ip, String port) throws ArgumentError {
        int p = port == null ? UDP_PORT : number(port, "port");
        try {
            return ip.contains(":") ? SockAddr.inet6(ip, p) : SockAddr.inet(ip, p);
        } catch (IllegalArgumentException e) {
            throw new ArgumentError("'" + ip + "': " + e.getMessage());
        }
    }

    static String bearerList(List<Bearer> bearers, boolean json, boolean pretty) {
        Output o = new Output(json, pretty).openArray(null);
        for (Bearer b : bearers) {
            o.openObject(null);
            o.string("name", "%s\n", b.name());
            TipcNetlink.Properties p = b.properties();
            if (p.priority() != null) o.jsonNumber("priority", Integer.toUnsignedLong(p.priority()));
            if (p.tolerance() != null) o.jsonNumber("tolerance", Integer.toUnsignedLong(p.tolerance()));
            if (p.window() != null) o.jsonNumber("window", Integer.toUnsignedLong(p.window()));
            if (p.mtu() != null) o.jsonNumber("mtu", Integer.toUnsignedLong(p.mtu()));
            o.closeObject();
        }
        return o.closeArray().result();
    }

    // ------------------------------------------------------------------ link

    private int link(TipcNetlink tipc, String command, List<String> args) throws IOException, ArgumentError {
        switch (command) {
            case "list":
                noMore(args);
                out.print(linkList(tipc.links(), json, pretty));
                return 0;
            case "stat": {
                if (args.isEmpty() || !args.remove(0).equals("show")) throw new ArgumentError("link stat show [ link LINK ]");
                Options opts = new Options(args);
                String link = opts.take("link");
                opts.noMore();
                String filter = link == null || link.equals("all") ? null : link;
                out.print(linkStats(tipc.links(link != null), filter, json, pretty));
                return 0;
            }
            default: throw new ArgumentError("unknown link command '" + command + "'");
        }
    }

    static String linkList(List<Link> links, boolean json, boolean pretty) {
        // iproute2: one object, the link's name the key of its state
        Output o = new Output(json, pretty).openArray(null).openObject(null);
        for (Link l : links) {
            o.text("%s: ", l.name());
            o.string(l.name(), "%s\n", l.up() ? "up" : "down");
        }
        return o.closeObject().closeArray().result();
    }

    /** The links whose name contains {@code filter} (all when null), as {@code tipc link stat show} prints them. */
    static String linkStats(List<Link> links, String filter, boolean json, boolean pretty) {
        Output o = new Output(json, pretty).openArray(null);
        for (Link l : links) {
            if (filter != null && !l.name().contains(filter)) continue;
            if (l.broadcast()) broadcastStats(o, l);
            else unicastStats(o, l);
        }
        return o.closeArray().result();
    }

    private static long u(Integer v) {
        return v == null ? 0 : Integer.toUnsignedLong(v);
    }

    private static long u(int v) {
        return Integer.toUnsignedLong(v);
    }

    /** iproute2's perc(): a u32 percentage, rounded, in u32 arithmetic. */
    private static long percent(int count, int total) {
        long c = u(count * 100 + Integer.divideUnsigned(total, 2));
        return Long.divideUnsigned(c, u(total));
    }

    private static void packets(Output o, String key, String label, long packets, int fragments, int fragmented, int bundles, int bundled) {
        o.openObject(key);
        o.number(key, "  " + label + ":%d", packets);
        o.number("fragments", " fragments:%d", u(fragments));
        o.number("fragmented", "/%d", u(fragmented));
        o.number("bundles", " bundles:%d", u(bundles));
        o.number("bundled", "/%d\n", u(bundled));
        o.closeObject();
    }

    private static void unicastStats(Output o, Link l) {
        LinkStats s = l.stats();
        TipcNetlink.Properties p = l.properties();
        o.openObject(null);
        o.string("link", "Link <%s>\n", l.name());
        o.openArray("state");
        o.string(null, "  %s", l.active() ? "ACTIVE" : l.up() ? "STANDBY" : "DEFUNCT");
        o.closeArray();
        o.number("mtu", "  MTU:%d", u(l.mtu()));
        o.number("priority", "  Priority:%d", u(p.priority()));
        o.number("tolerance", "  Tolerance:%d ms", u(p.tolerance()));
        o.number("window", "  Window:%d packets\n", u(p.window()));
        packets(o, "rx packets", "RX packets", u(l.rx() - s.rxInfo()), s.rxFragments(), s.rxFragmented(), s.rxBundles(), s.rxBundled());
        packets(o, "tx packets", "TX packets", u(l.tx() - s.txInfo()), s.txFragments(), s.txFragmented(), s.txBundles(), s.txBundled());
        int total = s.msgProfileTotal() == 0 ? 1 : s.msgProfileTotal(); // the kernel never sends 0
        o.number("tx profile sample", "  TX profile sample:%d", u(s.msgLengthCount()));
        o.number("packets average", " packets average:%d octets\n", Long.divideUnsigned(u(s.msgLengthTotal()), u(total)));
        o.number("0-64", "  0-64:%d%%", percent(s.msgLengthP0(), total));
        o.number("-256", " -256:%d%%", percent(s.msgLengthP1(), total));
        o.number("-1024", " -1024:%d%%", percent(s.msgLengthP2(), total));
        o.number("-4096", " -4096:%d%%", percent(s.msgLengthP3(), total));
        o.number("-16384", " -16384:%d%%", percent(s.msgLengthP4(), total));
        o.number("-32768", " -32768:%d%%", percent(s.msgLengthP5(), total));
        o.number("-66000", " -66000:%d%%\n", percent(s.msgLengthP6(), total));
        o.openObject("rx states");
        o.number("rx states", "  RX states:%d", u(s.rxStates()));
        o.number("probes", " probes:%d", u(s.rxProbes()));
        o.number("naks", " naks:%d", u(s.rxNacks()));
        o.number("defs", " defs:%d", u(s.rxDeferred()));
        o.number("dups", " dups:%d\n", u(s.duplicates()));
        o.closeObject();
        o.openObject("tx states");
        o.number("tx states", "  TX states:%d", u(s.txStates()));
        o.number("probes", " probes:%d", u(s.txProbes()));
        o.number("naks", " naks:%d", u(s.txNacks()));
        o.number("acks", " acks:%d", u(s.txAcks()));
        o.number("retrans", " retrans:%d\n", u(s.retransmitted()));
        o.closeObject();
        queues(o, s);
        o.closeObject();
    }

    private static void broadcastStats(Output o, Link l) {
        LinkStats s = l.stats();
        o.openObject(null);
        o.string("link", "Link <%s>\n", l.name());
        o.number("window", "  Window:%d packets\n", u(l.properties().window()));
        packets(o, "rx packets", "RX packets", u(s.rxInfo()), s.rxFragments(), s.rxFragmented(), s.rxBundles(), s.rxBundled());
        packets(o, "tx packets", "TX packets", u(s.txInfo()), s.txFragments(), s.txFragmented(), s.txBundles(), s.txBundled());
        o.openObject("rx naks");
        o.number("rx naks", "  RX naks:%d", u(s.rxNacks()));
        o.number("defs", " defs:%d", u(s.rxDeferred()));
        o.number("dups", " dups:%d\n", u(s.duplicates()));
        o.closeObject();
        o.openObject("tx naks");
        o.number("tx naks", "  TX naks:%d", u(s.txNacks()));
        o.number("acks", " acks:%d", u(s.txAcks()));
        o.number("retrans", " retrans:%d\n", u(s.retransmitted()));
        o.closeObject();
        queues(o, s);
        o.closeObject();
    }

    private static void queues(Output o, LinkStats s) {
        o.number("congestion link", "  Congestion link:%d", u(s.linkCongestions()));
        o.number("send queue max", "  Send queue max:%d", u(s.maxQueue()));
        o.number("avg", " avg:%d\n\n", u(s.avgQueue()));
    }

    // ------------------------------------------------------------------ name table, sockets

    private int nametable(TipcNetlink tipc, String command, List<String> args) throws IOException, ArgumentError {
        if (!command.equals("show")) throw new ArgumentError("unknown nametable command '" + command + "'");
        noMore(args);
        out.print(nameTable(tipc.nameTable(), TipcCommand::identityOf, json, pretty));
        return 0;
    }

    private static final String[] SCOPES = {"", "zone", "cluster", "node"};

    static String nameTable(List<Publication> table, IntFunction<String> identity, boolean json, boolean pretty) {
        Output o = new Output(json, pretty).openArray(null);
        if (!table.isEmpty()) {
            o.text(String.format("%-10s %-10s %-10s %-8s %-10s %-33s\n", "Type", "Lower", "Upper", "Scope", "Port", "Node"));
        }
        for (Publication p : table) {
            o.openObject(null);
            o.number("type", "%-10d ", u(p.type()));
            o.number("lower", "%-10d ", u(p.lower()));
            o.number("upper", "%-10d ", u(p.upper()));
            o.string("scope", "%-8s ", p.scope() >= 0 && p.scope() < SCOPES.length ? SCOPES[p.scope()] : "");
            o.number("port", "%-10d ", u(p.ref()));
            o.string("node", "%s\n", identity.apply(p.node()));
            o.closeObject();
        }
        return o.closeArray().result();
    }

    private int socket(TipcNetlink tipc, String command, List<String> args) throws IOException, ArgumentError {
        if (!command.equals("list")) throw new ArgumentError("unknown socket command '" + command + "'");
        noMore(args);
        out.print(socketList(tipc.sockets(), json, pretty));
        return 0;
    }

    static String socketList(List<SocketInfo> sockets, boolean json, boolean pretty) {
        Output o = new Output(json, pretty).openArray(null);
        for (SocketInfo s : sockets) {
            o.openObject(null);
            o.number("socket", "socket %d\n", u(s.ref()));
            if (s.connection() != null) {
                TipcNetlink.Connection c = s.connection();
                o.openObject("connected");
                o.string("node", "  connected to %s", Integer.toHexString(c.node()));
                o.number("port", ":%d", u(c.port()));
                if (c.named()) {
                    o.number("type", " via {%d", u(c.type()));
                    o.number("instance", ",%d}", u(c.instance()));
                }
                o.text("\n");
                o.closeObject();
            } else if (s.hasPublications()) {
                o.openArray("bound");
                for (Publication p : s.publications()) {
                    o.openObject(null);
                    o.number("type", "  bound to {%d", u(p.type()));
                    o.number("lower", ",%d", u(p.lower()));
                    o.number("upper", ",%d}\n", u(p.upper()));
                    o.closeObject();
                }
                o.closeArray();
            }
            o.closeObject();
        }
        return o.closeArray().result();
    }

    static String hex8(int address) {
        return String.format("%08x", address);
    }

    private static int number(String s, String what) throws ArgumentError {
        try {
            return Integer.parseUnsignedInt(s);
        } catch (NumberFormatException e) {
            throw new ArgumentError(what + ": '" + s + "' is not a number");
        }
    }

    /** iproute2 tipc's KEY VALUE options, in any order. */
    private static final class Options {
        private final List<String> args;

        Options(List<String> args) throws ArgumentError {
            if (args.size() % 2 != 0) throw new ArgumentError("'" + args.get(args.size() - 1) + "' without its value");
            this.args = new ArrayList<>(args);
        }

        /** The value of the first of these keys present, removed; null when none is. */
        String take(String... keys) {
            for (int i = 0; i < args.size(); i += 2) {
                for (String k : keys) {
                    if (args.get(i).equals(k)) {
                        String v = args.get(i + 1);
                        args.remove(i + 1);
                        args.remove(i);
                        return v;
                    }
                }
            }
            return null;
        }

        String require(String key) throws ArgumentError {
            String v = take(key);
            if (v == null) throw new ArgumentError("missing " + key);
            return v;
        }

        void noMore() throws ArgumentError {
            if (!args.isEmpty()) throw new ArgumentError("unexpected '" + args.get(0) + "'");
        }
    }
}
