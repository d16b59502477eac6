package io.jsock.tools;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.SocketError;
import io.jsock.SocketTimeout;
import io.jsock.netlink.Address;
import io.jsock.netlink.Link;
import io.jsock.netlink.NetlinkConnection;
import io.jsock.netlink.NetlinkMessage;
import io.jsock.netlink.NetlinkParseException;
import io.jsock.netlink.Neighbour;
import io.jsock.netlink.Route;
import io.jsock.netlink.RtNetlink;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code jsock monitor}: rtnetlink events as they happen, printed as {@code ip monitor} prints
 * them (or, with {@code -j}, one JSON object a line). Watches links and addresses unless told
 * which of {@code link}, {@code address}, {@code route} and {@code neigh} to watch. Runs until
 * the process is stopped, or the thread that runs it is interrupted.
 */
public final class MonitorCommand {
    static final String USAGE = String.join("\n",
            "usage: jsock monitor [ -j ] [ link ] [ address ] [ route ] [ neigh ]",
            "  prints link and address events (or those named) as they happen, as ip monitor does;",
            "  -j writes each event as one JSON object a line",
            "");
    /** How often a waiting monitor looks whether its thread was interrupted. */
    private static final Duration POLL = Duration.ofMillis(200);

    private MonitorCommand() {}

    /** Runs {@code jsock monitor ARGS} until interrupted: 0 then, 1 a socket failed, 2 a mistake in the arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, () -> { });
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}; {@code listening} runs once the groups are joined. */
    static int run(String[] args, PrintStream out, PrintStream err, Runnable listening) {
        boolean json = false;
        Set<String> objects = new LinkedHashSet<>();
        for (String a : args) {
            switch (a) {
                case "-j": case "-json": json = true; break;
                case "link": case "l": objects.add("link"); break;
                case "address": case "addr": case "a": objects.add("address"); break;
                case "route": case "r": objects.add("route"); break;
                case "neigh": case "neighbour": case "neighbor": case "n": objects.add("neigh"); break;
                case "-h": case "--help": out.print(USAGE); return 0;
                default:
                    err.println("jsock monitor: unknown argument '" + a + "'");
                    err.print(USAGE);
                    return 2;
            }
        }
        if (objects.isEmpty()) {
            objects.add("link");
            objects.add("address");
        }
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_ROUTE)) {
            IpFormat format = new IpFormat(RtNetlink.over(c).links()); // names for the events' indexes
            if (objects.contains("link")) c.joinGroup(RTNLGRP_LINK);
            if (objects.contains("address")) {
                c.joinGroup(RTNLGRP_IPV4_IFADDR);
                c.joinGroup(RTNLGRP_IPV6_IFADDR);
            }
            if (objects.contains("route")) {
                c.joinGroup(RTNLGRP_IPV4_ROUTE);
                c.joinGroup(RTNLGRP_IPV6_ROUTE);
            }
            if (objects.contains("neigh")) c.joinGroup(RTNLGRP_NEIGH);
            c.socket().setTimeout(POLL);
            listening.run();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (NetlinkMessage m : c.receive()) print(m, format, json, out);
                } catch (SocketTimeout idle) {
                    continue;
                } catch (SocketError e) {
                    if (!"ENOBUFS".equals(e.errnoName())) throw e;
                    err.println("jsock monitor: the kernel dropped events (ENOBUFS): the receive queue overflowed");
                } catch (NetlinkParseException e) {
                    err.println("jsock monitor: a malformed event: " + e.getMessage());
                }
                out.flush();
                if (out.checkError()) return 0; // nobody reads any more
            }
            return 0;
        } catch (IOException e) {
            err.println("jsock monitor: " + e.getMessage());
            return 1;
        }
    }

    private static void print(NetlinkMessage m, IpFormat format, boolean json, PrintStream out) {
        Output o = new Output(json, false);
        int t = m.type();
        o.openObject(null);
        if (t == RTM_NEWLINK || t == RTM_DELLINK) {
            Link l = Link.decode(m);
            format.update(l, false);
            format.link(o, l, IpFormat.LinkView.MONITOR, t == RTM_DELLINK);
            if (t == RTM_DELLINK) format.update(l, true);
        } else if (t == RTM_NEWADDR || t == RTM_DELADDR) {
            format.address(o, Address.decode(m), true, t == RTM_DELADDR);
        } else if (t == RTM_NEWROUTE || t == RTM_DELROUTE) {
            Route r = Route.decode(m);
            if ((r.flags() & RTM_F_CLONED) != 0) return;
            format.route(o, r, false, t == RTM_DELROUTE);
        } else if (t == RTM_NEWNEIGH || t == RTM_DELNEIGH) {
            format.neighbour(o, Neighbour.decode(m), t == RTM_DELNEIGH);
        } else {
            return;
        }
        o.closeObject();
        String text = o.result();
        out.print(json ? text : text.endsWith("\n") ? text : text + "\n");
    }
}
