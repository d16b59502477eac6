package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import io.jsock.netlink.TipcNetlink;
import io.jsock.netlink.TipcNetlink.Link;
import io.jsock.netlink.TipcNetlink.LinkStats;
import io.jsock.netlink.TipcNetlink.Properties;
import io.jsock.netlink.TipcNetlink.Publication;
import io.jsock.testing.Programs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jsock tipc}'s text and JSON from records, in the formats of iproute2's tipc/*.c (its
 * printf formats and json keys), on any kernel. The guest's TipcToolGuestTest compares them with
 * iproute2's own output on a kernel with TIPC.
 */
class TipcCommandTest {
    private static final LinkStats STATS = new LinkStats(3, 1, 2, 4, 5, 6, 7, 8, 9, 10, 200, 11, 12000,
            50, 60, 70, 10, 5, 3, 2, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33);
    private static final Link LINK = new Link("1001001:va-1001002:vb", 0x1001002, 1500, false, true, true, 103, 206,
            new Properties(10, 1500, 50, null), STATS);
    private static final Link BROADCAST = new Link("broadcast-link", 0, 0, true, false, false, 0, 0,
            new Properties(null, null, 50, null), STATS);

    @Test
    void linkListIsOneObjectOfStates() {
        List<Link> links = List.of(BROADCAST, LINK);
        assertEquals("broadcast-link: down\n1001001:va-1001002:vb: up\n", TipcCommand.linkList(links, false, false));
        assertEquals("[{\"broadcast-link\":\"down\",\"1001001:va-1001002:vb\":\"up\"}]\n", TipcCommand.linkList(links, true, false));
    }

    @Test
    void linkStatisticsAsIproute2PrintsThem() {
        String text = TipcCommand.linkStats(List.of(BROADCAST, LINK), null, false, false);
        assertEquals(String.join("\n",
                "Link <broadcast-link>",
                "  Window:50 packets",
                "  RX packets:3 fragments:1/2 bundles:4/5",
                "  TX packets:6 fragments:7/8 bundles:9/10",
                "  RX naks:23 defs:24 dups:30",
                "  TX naks:27 acks:28 retrans:29",
                "  Congestion link:31  Send queue max:32 avg:33",
                "",
                "Link <1001001:va-1001002:vb>",
                "  ACTIVE  MTU:1500  Priority:10  Tolerance:1500 ms  Window:50 packets",
                "  RX packets:100 fragments:1/2 bundles:4/5",
                "  TX packets:200 fragments:7/8 bundles:9/10",
                "  TX profile sample:11 packets average:60 octets",
                "  0-64:25% -256:30% -1024:35% -4096:5% -16384:3% -32768:2% -66000:1%",
                "  RX states:21 probes:22 naks:23 defs:24 dups:30",
                "  TX states:25 probes:26 naks:27 acks:28 retrans:29",
                "  Congestion link:31  Send queue max:32 avg:33",
                "", ""), text);
        assertEquals("", TipcCommand.linkStats(List.of(BROADCAST, LINK), "no such", false, false));
        JsonArray a = Json.parse(TipcCommand.linkStats(List.of(BROADCAST, LINK), "va-", true, false)).asArray();
        assertEquals(1, a.size(), "a substring selects");
        JsonObject l = a.get(0).asObject();
        assertEquals("1001001:va-1001002:vb", l.getString("link", null));
        assertEquals("ACTIVE", l.get("state").asArray().get(0).asString());
        assertEquals(1500, l.getInt("mtu", -1));
        assertEquals(100, l.get("rx packets").asObject().getInt("rx packets", -1));
        assertEquals(60, l.getInt("packets average", -1));
        assertEquals(1, l.getInt("-66000", -1));
        assertEquals(29, l.get("tx states").asObject().getInt("retrans", -1));
        assertEquals(33, l.getInt("avg", -1));
        JsonObject b = Json.parse(TipcCommand.linkStats(List.of(BROADCAST), null, true, false)).asArray().get(0).asObject();
        assertEquals(24, b.get("rx naks").asObject().getInt("defs", -1));
        assertEquals(50, b.getInt("window", -1));
    }

    @Test
    void nameTableAsIproute2PrintsIt() {
        List<Publication> table = List.of(new Publication(0, 0x1001001, 0x1001001, 3, 0x1001001, 0, 0),
                new Publication(18888, 1, 10, 2, 0x1001001, 3774211, 1));
        String text = TipcCommand.nameTable(table, a -> "nodea", false, false);
        assertEquals(String.format("%-10s %-10s %-10s %-8s %-10s %-33s\n", "Type", "Lower", "Upper", "Scope", "Port", "Node")
                + "0          16781313   16781313   node     0          nodea\n"
                + "18888      1          10         cluster  3774211    nodea\n", text);
        assertEquals("", TipcCommand.nameTable(List.of(), a -> "", false, false), "no header for an empty table");
        assertEquals("[]\n", TipcCommand.nameTable(List.of(), a -> "", true, false));
        JsonObject p = Json.parse(TipcCommand.nameTable(table, a -> "nodea", true, false)).asArray().get(1).asObject();
        assertEquals(18888, p.getInt("type", -1));
        assertEquals("cluster", p.getString("scope", null));
        assertEquals(3774211, p.getInt("port", -1));
        assertEquals("nodea", p.getString("node", null));
    }

    @Test
    void nodeOutputs() {
        TipcNetlink.Net net = new TipcNetlink.Net(4711, 0, TipcNetlink.nodeId("nodea"));
        assertEquals("Node Identity                    Hash\n" + String.format("%-33s", "nodea") + "1a2b3c4d\n",
                assertNoThrow(() -> TipcCommand.nodeGet(net, 0x1a2b3c4d, "identity", false, false)));
        assertEquals("1a2b3c4d\n", assertNoThrow(() -> TipcCommand.nodeGet(net, 0x1a2b3c4d, "address", false, false)));
        assertEquals("4711\n", assertNoThrow(() -> TipcCommand.nodeGet(net, 0x1a2b3c4d, "netid", false, false)));
        assertEquals("[{\"identity\":\"nodea\",\"hash\":\"1a2b3c4d\"}]\n",
                assertNoThrow(() -> TipcCommand.nodeGet(net, 0x1a2b3c4d, "identity", true, false)));
        List<TipcNetlink.Node> nodes = List.of(new TipcNetlink.Node(0x1a2b3c4d, true), new TipcNetlink.Node(0x5, false));
        assertEquals("Node Identity                    Hash     State\n"
                + String.format("%-32s 1a2b3c4d up\n", "nodea") + String.format("%-32s 00000005 down\n", "nodeb"),
                TipcCommand.nodeList(nodes, a -> a == 5 ? "nodeb" : "nodea", false, false));
        assertEquals("[{\"identity\":\"nodeb\",\"hash\":\"00000005\",\"state\":\"down\"}]\n",
                TipcCommand.nodeList(nodes.subList(1, 2), a -> "nodeb", true, false));
    }

    @Test
    void bearersAndSockets() {
        List<TipcNetlink.Bearer> bearers = List.of(new TipcNetlink.Bearer("eth:va", new Properties(10, 1500, 50, null), null));
        assertEquals("eth:va\n", TipcCommand.bearerList(bearers, false, false));
        assertEquals("[{\"name\":\"eth:va\",\"priority\":10,\"tolerance\":1500,\"window\":50}]\n",
                TipcCommand.bearerList(bearers, true, false));
        List<TipcNetlink.SocketInfo> sockets = List.of(
                new TipcNetlink.SocketInfo(3000, 1, null, true, List.of(new Publication(18888, 1, 2, 2, 1, 3000, 0))),
                new TipcNetlink.SocketInfo(3001, 1, new TipcNetlink.Connection(0x1001002, 4000, true, 18888, 17), false, List.of()),
                new TipcNetlink.SocketInfo(3002, 1, new TipcNetlink.Connection(0xabc, 5, false, 0, 0), false, List.of()),
                new TipcNetlink.SocketInfo(3003, 1, null, false, List.of()));
        assertEquals("socket 3000\n  bound to {18888,1,2}\nsocket 3001\n  connected to 1001002:4000 via {18888,17}\n"
                + "socket 3002\n  connected to abc:5\nsocket 3003\n", TipcCommand.socketList(sockets, false, false));
        JsonArray a = Json.parse(TipcCommand.socketList(sockets, true, false)).asArray();
        assertEquals(4, a.size());
        assertEquals(18888, a.get(0).asObject().get("bound").asArray().get(0).asObject().getInt("type", -1));
        assertEquals("1001002", a.get(1).asObject().get("connected").asObject().getString("node", null));
        assertEquals(17, a.get(1).asObject().get("connected").asObject().getInt("instance", -1));
        assertTrue(a.get(2).asObject().get("connected").asObject().get("type") == null);
    }

    @Test
    void prettyJsonParsesToTheSame() {
        List<Link> links = List.of(BROADCAST, LINK);
        assertEquals(Json.parse(TipcCommand.linkStats(links, null, true, false)),
                Json.parse(TipcCommand.linkStats(links, null, true, true)));
        assertTrue(TipcCommand.linkStats(links, null, true, true).contains("\n"));
    }

    @Test
    void mistakesAreUsageErrors() {
        Programs.Result r = Tool.call(TipcCommand::run);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("usage: jsock tipc"), r.err());
        assertEquals(0, Tool.call(TipcCommand::run, "--help").exit());
        assertEquals(2, Tool.call(TipcCommand::run, "-x", "link", "list").exit());
    }

    interface Call {
        String get() throws Exception;
    }

    private static String assertNoThrow(Call c) {
        try {
            return c.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
