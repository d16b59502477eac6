package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.netlink.NetNamespace;
import io.jsock.testing.GuestKernel;
import io.jsock.testing.Programs;
import io.jsock.testing.TipcNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jsock tipc} against iproute2's {@code tipc} on two TIPC nodes (namespaces A and B joined
 * by a veth pair): field by field where iproute2 writes JSON (nametable show, link list, link stat
 * show), by text for the rest. Counters that move between the two runs are compared as counters.
 */
@GuestKernel(modules = {"tipc", "veth"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TipcToolGuestTest {
    private TipcNodes nodes;
    private Socket published;
    private Socket nodeScoped;

    @BeforeAll
    void start() throws Exception {
        nodes = TipcNodes.start(Duration.ofSeconds(30));
        long type = ThreadLocalRandom.current().nextLong(100_000, 0xFFFF_0000L);
        published = nodes.b.call(() -> Socket.open(Family.TIPC, Type.RDM));
        published.bind(SockAddr.tipcNameSeq(type, 10, 20, Sockets.TIPC_CLUSTER_SCOPE));
        nodeScoped = nodes.a.call(() -> Socket.open(Family.TIPC, Type.RDM));
        nodeScoped.bind(SockAddr.tipcNameSeq(type + 1, 5, 5, Sockets.TIPC_NODE_SCOPE));
        TipcNodes.awaitPublication(nodes.a, type, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        if (published != null) published.close();
        if (nodeScoped != null) nodeScoped.close();
        if (nodes != null) nodes.close();
    }

    private static String tipcTool() {
        for (String p : List.of("/usr/sbin/tipc", "/sbin/tipc")) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, "skipped: iproute2's tipc is not installed");
        return null;
    }

    private Programs.Result theirs(String ns, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, tipcTool()));
        command.addAll(List.of(args));
        Programs.Result r = Programs.run(command);
        assertEquals(0, r.exit(), "tipc " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    private static Programs.Result ours(NetNamespace ns, String... args) throws IOException {
        Programs.Result r = ns.call(() -> Tool.call(TipcCommand::run, args));
        assertEquals(0, r.exit(), "jsock tipc " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    private void sameText(NetNamespace ns, String name, String... args) throws IOException {
        String t = theirs(name, args).out();
        String o = ours(ns, args).out();
        assertEquals(t, o, "jsock tipc " + String.join(" ", args));
        System.out.println("TipcToolGuestTest: tipc " + String.join(" ", args) + ": the same text, " + t.length() + " chars");
    }

    @Test
    void textOfNodeBearerSocketNametableAndLinkList() throws IOException {
        for (String ns : List.of("a", "b")) {
            NetNamespace n = ns.equals("a") ? nodes.a : nodes.b;
            String name = ns.equals("a") ? nodes.nameA : nodes.nameB;
            sameText(n, name, "node", "get", "identity");
            sameText(n, name, "node", "get", "address");
            sameText(n, name, "node", "get", "netid");
            sameText(n, name, "node", "list");
            sameText(n, name, "bearer", "list");
            sameText(n, name, "socket", "list");
            sameText(n, name, "nametable", "show");
            sameText(n, name, "link", "list");
        }
    }

    @Test
    void nametableJsonFieldByField() throws IOException {
        JsonArray t = Json.parse(theirs(nodes.nameA, "-j", "nametable", "show").out()).asArray();
        JsonArray o = Json.parse(ours(nodes.a, "-j", "nametable", "show").out()).asArray();
        assertTrue(t.size() > 0);
        assertEquals(t.size(), o.size(), "rows: " + t + " / " + o);
        for (int i = 0; i < t.size(); i++) sameFields(t.get(i).asObject(), o.get(i).asObject(), "nametable row " + i);
        System.out.println("TipcToolGuestTest: nametable show -j: " + t.size() + " rows, every field equal");
        // -p changes the layout only
        assertEquals(o, Json.parse(ours(nodes.a, "-j", "-p", "nametable", "show").out()));
    }

    @Test
    void linkListJsonFieldByField() throws IOException {
        JsonValue t = Json.parse(theirs(nodes.nameA, "-j", "link", "list").out());
        JsonValue o = Json.parse(ours(nodes.a, "-j", "link", "list").out());
        assertEquals(t, o);
        assertEquals(2, t.asArray().get(0).asObject().size(), "the broadcast link and the link to B: " + t);
        System.out.println("TipcToolGuestTest: link list -j equal: " + t);
    }

    /** Counters that only grow: ours, read after theirs, is at least theirs. */
    private static final Set<String> COUNTERS = Set.of("rx packets", "tx packets", "fragments", "fragmented", "bundles",
            "bundled", "tx profile sample", "rx states", "tx states", "probes", "naks", "defs", "dups", "acks", "retrans",
            "congestion link", "rx naks", "tx naks");
    /** Figures derived from counters (averages, shares of the profile, queue lengths): present and numeric. */
    private static final Set<String> MOVING = Set.of("packets average", "0-64", "-256", "-1024", "-4096", "-16384", "-32768",
            "-66000", "send queue max", "avg");

    @Test
    void linkStatJsonFieldByField() throws IOException {
        for (String[] args : List.of(new String[] {"-j", "link", "stat", "show"},
                new String[] {"-j", "link", "stat", "show", "link", "all"},
                new String[] {"-j", "link", "stat", "show", "link", "broadcast"})) {
            JsonArray t = Json.parse(theirs(nodes.nameA, args).out()).asArray();
            JsonArray o = Json.parse(ours(nodes.a, args).out()).asArray();
            assertEquals(t.size(), o.size(), "links: " + t + " / " + o);
            assertTrue(t.size() > 0);
            for (int i = 0; i < t.size(); i++) statFields(t.get(i).asObject(), o.get(i).asObject(), "link " + i);
            System.out.println("TipcToolGuestTest: tipc " + String.join(" ", args) + ": " + t.size() + " links, fields compared");
        }
        // and the text, figures masked (they move between the runs)
        String t = theirs(nodes.nameA, "link", "stat", "show").out().replaceAll("[0-9]+", "#");
        String o = ours(nodes.a, "link", "stat", "show").out().replaceAll("[0-9]+", "#");
        assertEquals(t, o);
    }

    private static void sameFields(JsonObject t, JsonObject o, String where) {
        assertEquals(t.names(), o.names(), where + ": the keys, in order");
        for (String k : t.names()) assertEquals(t.get(k), o.get(k), where + ": " + k);
    }

    private static void statFields(JsonObject t, JsonObject o, String where) {
        assertEquals(t.names(), o.names(), where + ": the keys, in order");
        for (String k : t.names()) {
            JsonValue tv = t.get(k);
            JsonValue ov = o.get(k);
            if (tv.isObject()) {
                statFields(tv.asObject(), ov.asObject(), where + "." + k);
            } else if (COUNTERS.contains(k)) {
                assertTrue(ov.asLong() >= tv.asLong(), where + "." + k + ": " + ov + " < " + tv);
            } else if (MOVING.contains(k)) {
                assertTrue(ov.isNumber(), where + "." + k);
            } else {
                assertEquals(tv, ov, where + "." + k);
            }
        }
    }

    @Test
    void jsonWhereIproute2PrintsText() throws IOException {
        JsonObject id = Json.parse(ours(nodes.a, "-j", "node", "get", "identity").out()).asArray().get(0).asObject();
        assertEquals(nodes.identityA, id.getString("identity", null));
        String hash = theirs(nodes.nameA, "node", "get", "address").out().trim();
        assertEquals(hash, id.getString("hash", null));
        JsonArray list = Json.parse(ours(nodes.a, "-j", "node", "list").out()).asArray();
        assertEquals(1, list.size(), "the peer: " + list);
        assertEquals(nodes.identityB, list.get(0).asObject().getString("identity", null));
        assertEquals("up", list.get(0).asObject().getString("state", null));
        JsonArray bearers = Json.parse(ours(nodes.a, "-j", "bearer", "list").out()).asArray();
        assertEquals("eth:va", bearers.get(0).asObject().getString("name", null));
        JsonArray sockets = Json.parse(ours(nodes.a, "-j", "socket", "list").out()).asArray();
        assertTrue(sockets.size() > 0);
    }

    @Test
    void udpBearerEnabledAndDisabledByTheTool() throws IOException {
        Programs.Result add = Programs.run("ip", "-n", nodes.nameA, "addr", "add", "10.213.0.1/24", "dev", "va");
        assertEquals(0, add.exit(), add.err());
        ours(nodes.a, "bearer", "enable", "media", "udp", "name", "u1", "localip", "10.213.0.1", "remoteip", "10.213.0.2");
        String list = theirs(nodes.nameA, "bearer", "list").out();
        assertTrue(list.contains("udp:u1"), list);
        sameText(nodes.a, nodes.nameA, "bearer", "list");
        ours(nodes.a, "bearer", "disable", "media", "udp", "name", "u1");
        assertFalse(theirs(nodes.nameA, "bearer", "list").out().contains("udp:u1"));
        Programs.Result r = nodes.a.call(() -> Tool.call(TipcCommand::run, "bearer", "disable", "media", "udp", "name", "u1"));
        assertEquals(1, r.exit(), "a bearer that is not there: " + r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
    }
}
