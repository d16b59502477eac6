package io.jsock.tools;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Sockets;
import io.jsock.netlink.Address;
import io.jsock.netlink.Link;
import io.jsock.netlink.NetlinkException;
import io.jsock.netlink.Neighbour;
import io.jsock.netlink.Route;
import io.jsock.netlink.RouteSpec;
import io.jsock.netlink.RtNetlink;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code jsock ip}: iproute2's {@code ip link}, {@code ip addr}, {@code ip route} and
 * {@code ip neigh} over rtnetlink, with the same text, and with {@code -j} the same JSON as
 * {@code ip -j}. Shows, and changes what jsock can change: veth and dummy links, link state and
 * MTU, addresses, routes.
 */
public final class IpCommand {
    static final String USAGE = String.join("\n",
            "usage: jsock ip [ -j ] [ -p ] [ -4 | -6 ] OBJECT [ COMMAND ]",
            "  link  [ show [ [dev] NAME ] ]",
            "  link  add NAME type { dummy | veth [ peer name PEER ] }",
            "  link  del [dev] NAME",
            "  link  set [dev] NAME { up | down | mtu MTU }",
            "  addr  [ show [ dev NAME ] ]",
            "  addr  { add | del } PREFIX [ brd { ADDR | + } ] [ label LABEL ] dev NAME",
            "  route [ show [ table { ID | all } ] ]",
            "  route { add | del } [ TYPE ] { PREFIX | default } [ via ADDR ] [ dev NAME ] [ table ID ]",
            "                      [ proto PROTO ] [ scope SCOPE ] [ metric N ] [ src ADDR ]",
            "  route get ADDR",
            "  neigh [ show ]",
            "options: -j JSON as ip -j writes it, -p pretty JSON, -4 / -6 one family only",
            "");

    private final PrintStream out;
    private final PrintStream err;
    private boolean json;
    private boolean pretty;
    private int family = Sockets.AF_UNSPEC;

    private IpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code jsock ip ARGS}: 0 done, 1 the kernel refused or a socket failed, 2 a mistake in the arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new IpCommand(out, err).run(new ArrayList<>(Arrays.asList(args)));
    }

    private int run(List<String> args) {
        try {
            while (!args.isEmpty() && args.get(0).startsWith("-")) {
                String o = args.remove(0);
                switch (o) {
                    case "-j": case "-json": json = true; break;
                    case "-p": case "-pretty": pretty = true; break;
                    case "-4": family = Sockets.AF_INET; break;
                    case "-6": family = Sockets.AF_INET6; break;
                    case "-h": case "-help": case "--help": out.print(USAGE); return 0;
                    default: throw new ArgumentError("unknown option '" + o + "'");
                }
            }
            if (args.isEmpty()) throw new ArgumentError("which object: link, addr, route or neigh?");
            String object = args.remove(0);
            String command = args.isEmpty() ? "show" : args.remove(0);
            try (RtNetlink rt = RtNetlink.open()) {
                switch (object) {
                    case "link": case "l": return link(rt, command, args);
                    case "address": case "addr": case "a": return addr(rt, command, args);
                    case "route": case "r": case "ro": return route(rt, command, args);
                    case "neighbour": case "neighbor": case "neigh": case "n": return neigh(rt, command, args);
                    default: throw new ArgumentError("unknown object '" + object + "'");
                }
            }
        } catch (ArgumentError e) {
            err.println("jsock ip: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (NoDevice e) {
            err.println(e.getMessage()); // iproute2's words, and its exit code
            return 1;
        } catch (NetlinkException e) {
            // as iproute2 reports it: the kernel's own words when it gave some
            err.println(e.extAckMessage() != null ? "Error: " + e.extAckMessage() + "." : "RTNETLINK answers: " + e.strerror());
            return 1;
        } catch (IOException e) {
            err.println("jsock ip: " + e.getMessage());
            return 1;
        }
    }

    // ------------------------------------------------------------------ link

    private int link(RtNetlink rt, String command, List<String> args) throws IOException, ArgumentError, NoDevice {
        switch (command) {
            case "show": case "list": case "lst": {
                String dev = optionalDevice(args);
                List<Link> links = rt.links();
                requireDevice(links, dev);
                IpFormat f = new IpFormat(links);
                Output o = new Output(json, pretty).openArray(null);
                for (Link l : links) {
                    if (dev != null && !dev.equals(l.name())) continue;
                    o.openObject(null);
                    f.link(o, l, IpFormat.LinkView.LINK, false);
                    o.closeObject();
                }
                out.print(o.closeArray().result());
                return 0;
            }
            case "add": {
                String name = next(args, "a name for the new link");
                expect(args, "type");
                String type = next(args, "a link type (dummy or veth)");
                if (type.equals("dummy")) {
                    rt.addDummy(name);
                } else if (type.equals("veth")) {
                    String peer = null;
                    if (!args.isEmpty()) {
                        expect(args, "peer");
                        expect(args, "name");
                        peer = next(args, "the peer's name");
                    }
                    rt.addVeth(name, peer != null ? peer : freeVethName(rt));
                } else {
                    throw new ArgumentError("jsock makes dummy and veth links, not '" + type + "'");
                }
                return done(args);
            }
            case "delete": case "del": {
                rt.deleteLink(index(rt, device(args)));
                return done(args);
            }
            case "set": {
                int index = index(rt, device(args));
                while (!args.isEmpty()) {
                    String what = args.remove(0);
                    switch (what) {
                        case "up": rt.setUp(index, true); break;
                        case "down": rt.setUp(index, false); break;
                        case "mtu": rt.setMtu(index, number(next(args, "an MTU"))); break;
                        default: throw new ArgumentError("jsock sets up, down and mtu, not '" + what + "'");
                    }
                }
                return 0;
            }
            default:
                throw new ArgumentError("unknown link command '" + command + "'");
        }
    }

    /** The kernel names a veth peer vethN itself only through its own template: pick the first free one. */
    private static String freeVethName(RtNetlink rt) throws IOException {
        List<String> taken = new ArrayList<>();
        for (Link l : rt.links()) taken.add(l.name());
        for (int i = 0; ; i++) {
            if (!taken.contains("veth" + i)) return "veth" + i;
        }
    }

    // ------------------------------------------------------------------ addr

    private int addr(RtNetlink rt, String command, List<String> args) throws IOException, ArgumentError, NoDevice {
        switch (command) {
            case "show": case "list": case "lst": {
                String dev = optionalDevice(args);
                List<Link> all = rt.links();
                requireDevice(all, dev);
                List<Link> links = family == Sockets.AF_UNSPEC ? all : rt.links(family);
                List<Address> addresses = rt.addresses(family, 0);
                IpFormat f = new IpFormat(all);
                Output o = new Output(json, pretty).openArray(null);
                for (Link l : links) {
                    if (dev != null && !dev.equals(l.name())) continue;
                    List<Address> mine = new ArrayList<>();
                    for (Address a : addresses) {
                        if (a.index() == l.index() && (family == Sockets.AF_UNSPEC || a.family() == family)) mine.add(a);
                    }
                    // ipaddr_filter: with a family asked for, links without such addresses are left out
                    if (family != Sockets.AF_UNSPEC && mine.isEmpty()) continue;
                    o.openObject(null);
                    f.link(o, l, family == Sockets.AF_UNSPEC ? IpFormat.LinkView.ADDRESS : IpFormat.LinkView.ADDRESS_ONE_FAMILY, false);
                    o.openArray("addr_info");
                    for (Address a : mine) {
                        o.openObject(null);
                        f.address(o, a, false, false);
                        o.closeObject();
                    }
                    o.closeArray().closeObject();
                }
                out.print(o.closeArray().result());
                return 0;
            }
            case "add": case "del": case "delete": {
                Prefix local = Prefix.parse(next(args, "an address such as 10.0.0.1/24"));
                InetAddress broadcast = null;
                boolean broadcastFromPrefix = false;
                String label = null;
                String dev = null;
                while (!args.isEmpty()) {
                    String k = args.remove(0);
                    switch (k) {
                        case "dev": dev = next(args, "a device"); break;
                        case "label": label = next(args, "a label"); break;
                        case "brd": case "broadcast": {
                            String b = next(args, "a broadcast address or +");
                            if (b.equals("+")) broadcastFromPrefix = true;
                            else broadcast = Prefix.parse(b).address();
                            break;
                        }
                        default: throw new ArgumentError("unknown address option '" + k + "'");
                    }
                }
                if (dev == null) throw new ArgumentError("Not enough information: \"dev\" argument is required.");
                int index = index(rt, dev);
                if (command.equals("add")) {
                    if (broadcastFromPrefix) broadcast = local.broadcast();
                    rt.addAddress(index, local.address(), local.length(), broadcast, label);
                } else {
                    rt.deleteAddress(index, local.address(), local.length());
                }
                return 0;
            }
            default:
                throw new ArgumentError("unknown addr command '" + command + "'");
        }
    }

    // ------------------------------------------------------------------ route

    private int route(RtNetlink rt, String command, List<String> args) throws IOException, ArgumentError, NoDevice {
        switch (command) {
            case "show": case "list": case "lst": {
                int table = RT_TABLE_MAIN;
                boolean all = false;
                while (!args.isEmpty()) {
                    String k = args.remove(0);
                    if (!k.equals("table")) throw new ArgumentError("jsock shows routes by table only, not by '" + k + "'");
                    String t = next(args, "a table");
                    if (t.equals("all")) {
                        all = true;
                    } else {
                        table = RtNames.tableId(t);
                        if (table < 0) throw new ArgumentError("unknown table '" + t + "'");
                    }
                }
                // as iproute2: one table without a family asked for means IPv4
                int fam = family == Sockets.AF_UNSPEC && !all ? Sockets.AF_INET : family;
                List<Link> links = rt.links();
                IpFormat f = new IpFormat(links);
                Output o = new Output(json, pretty).openArray(null);
                for (Route r : rt.routes(fam)) {
                    if (fam != Sockets.AF_UNSPEC && r.family() != fam) continue;
                    if (!all && r.table() != table) continue;
                    if ((r.flags() & RTM_F_CLONED) != 0) continue; // the route cache, shown only when asked
                    o.openObject(null);
                    f.route(o, r, !all, false);
                    o.closeObject();
                }
                out.print(o.closeArray().result());
                return 0;
            }
            case "get": {
                InetAddress dst = Prefix.parse(next(args, "an address")).address();
                done(args);
                Route r = rt.route(dst);
                IpFormat f = new IpFormat(rt.links());
                Output o = new Output(json, pretty).openArray(null).openObject(null);
                f.route(o, r, true, false);
                out.print(o.closeObject().closeArray().result());
                return 0;
            }
            case "add": case "del": case "delete": {
                RouteSpec spec = routeSpec(rt, args);
                if (command.equals("add")) rt.addRoute(spec);
                else rt.deleteRoute(spec);
                return 0;
            }
            default:
                throw new ArgumentError("unknown route command '" + command + "'");
        }
    }

    private RouteSpec routeSpec(RtNetlink rt, List<String> args) throws IOException, ArgumentError, NoDevice {
        Integer type = null;
        String first = next(args, "a prefix or default");
        if (RtNames.routeTypeId(first) >= 0 && !first.matches("\\d.*")) {
            type = RtNames.routeTypeId(first);
            first = next(args, "a prefix or default");
        }
        Prefix dst = first.equals("default")
                ? Prefix.parse(family == Sockets.AF_INET6 ? "::/0" : "0.0.0.0/0") : Prefix.parse(first);
        RouteSpec spec = RouteSpec.to(dst.address(), dst.length());
        if (type != null) spec = spec.withType(type);
        while (!args.isEmpty()) {
            String k = args.remove(0);
            String v = next(args, "a value for " + k);
            switch (k) {
                case "via": spec = spec.withGateway(Prefix.parse(v).address()); break;
                case "dev": spec = spec.withOutputInterface(index(rt, v)); break;
                case "table": spec = spec.withTable(id(RtNames.tableId(v), "table", v)); break;
                case "proto": case "protocol": spec = spec.withProtocol(id(RtNames.protocolId(v), "protocol", v)); break;
                case "scope": spec = spec.withScope(id(RtNames.scopeId(v), "scope", v)); break;
                case "metric": case "priority": case "preference": spec = spec.withPriority(number(v)); break;
                case "src": spec = spec.withPreferredSource(Prefix.parse(v).address()); break;
                default: throw new ArgumentError("unknown route option '" + k + "'");
            }
        }
        return spec;
    }

    // ------------------------------------------------------------------ neigh

    private int neigh(RtNetlink rt, String command, List<String> args) throws IOException, ArgumentError {
        if (!command.equals("show") && !command.equals("list")) throw new ArgumentError("jsock shows neighbours only");
        done(args);
        IpFormat f = new IpFormat(rt.links());
        Output o = new Output(json, pretty).openArray(null);
        for (Neighbour n : rt.neighbours(family)) {
            if (n.family() != Sockets.AF_INET && n.family() != Sockets.AF_INET6) continue;
            if ((n.state() & NUD_NOARP) != 0 && n.state() != NUD_PERMANENT) continue; // as iproute2 hides NOARP entries
            o.openObject(null);
            f.neighbour(o, n, false);
            o.closeObject();
        }
        out.print(o.closeArray().result());
        return 0;
    }

    // ------------------------------------------------------------------ arguments

    /** An address with an optional prefix length ({@code 10.0.0.1/24}; without one, the host length). */
    record Prefix(InetAddress address, int length) {
        static Prefix parse(String text) throws ArgumentError {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            InetAddress a;
            try {
                if (!host.matches("[0-9a-fA-F.:]+")) throw new ArgumentError("not a numeric address: '" + host + "'");
                a = InetAddress.getByName(host); // numeric only, so no lookup
            } catch (java.net.UnknownHostException e) {
                throw new ArgumentError("not an address: '" + host + "'");
            }
            int bits = a.getAddress().length * 8;
            int len = bits;
            if (slash >= 0) {
                try {
                    len = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new ArgumentError("not a prefix length: '" + text + "'");
                }
                if (len < 0 || len > bits) throw new ArgumentError("prefix length outside 0-" + bits + ": '" + text + "'");
            }
            return new Prefix(a, len);
        }

        /** The prefix's last address, what {@code brd +} asks for (IPv4 only). */
        InetAddress broadcast() throws ArgumentError {
            if (!(address instanceof Inet4Address)) throw new ArgumentError("Broadcast can be set only for IPv4 addresses");
            byte[] b = address.getAddress();
            for (int bit = length; bit < 32; bit++) b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            try {
                return InetAddress.getByAddress(b);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static String optionalDevice(List<String> args) throws ArgumentError {
        if (args.isEmpty()) return null;
        String d = device(args);
        if (!args.isEmpty()) throw new ArgumentError("unexpected '" + args.get(0) + "'");
        return d;
    }

    private static String device(List<String> args) throws ArgumentError {
        String d = next(args, "a device");
        return d.equals("dev") ? next(args, "a device") : d;
    }

    /** A device named on the command line that does not exist: iproute2's message, exit code 1. */
    private static final class NoDevice extends Exception {
        NoDevice(String message) {
            super(message, null, false, false);
        }
    }

    /** As iproute2's {@code ip link show} and {@code ip addr show} refuse a device that is not there, before any output. */
    private static void requireDevice(List<Link> links, String dev) throws NoDevice {
        if (dev != null && links.stream().noneMatch(l -> dev.equals(l.name()))) {
            throw new NoDevice("Device \"" + dev + "\" does not exist.");
        }
    }

    /** The index of the device named {@code name}; as iproute2 refuses to change one that is not there. */
    private static int index(RtNetlink rt, String name) throws IOException, NoDevice {
        for (Link l : rt.links()) {
            if (l.name().equals(name)) return l.index();
        }
        throw new NoDevice("Cannot find device \"" + name + "\"");
    }

    private static String next(List<String> args, String what) throws ArgumentError {
        if (args.isEmpty()) throw new ArgumentError("missing " + what);
        return args.remove(0);
    }

    private static void expect(List<String> args, String word) throws ArgumentError {
        String got = next(args, "'" + word + "'");
        if (!got.equals(word)) throw new ArgumentError("expected '" + word + "', not '" + got + "'");
    }

    private static int done(List<String> args) throws ArgumentError {
        if (!args.isEmpty()) throw new ArgumentError("unexpected '" + args.get(0) + "'");
        return 0;
    }

    private static int number(String text) throws ArgumentError {
        try {
            return Integer.parseUnsignedInt(text);
        } catch (NumberFormatException e) {
            throw new ArgumentError("not a number: '" + text + "'");
        }
    }

    private static int id(int id, String what, String text) throws ArgumentError {
        if (id < 0) throw new ArgumentError("unknown " + what + " '" + text + "'");
        return id;
    }
}
