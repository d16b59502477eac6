package io.jsock.tools;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import io.jsock.netlink.NetNamespace;
import io.jsock.netlink.NetlinkException;
import io.jsock.netlink.RouteSpec;
import io.jsock.netlink.RtNetlink;
import io.jsock.testing.Iproute2;
import io.jsock.testing.Namespaces;
import io.jsock.testing.Programs;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code jsock ip -j} against iproute2's {@code ip -j}, field by field: on the host, and in a
 * namespace where jsock itself made veth and dummy links, addresses and routes.
 */
class IpCommandTest {
    static final List<String> LINK_FIELDS = List.of("ifindex", "ifname", "flags", "mtu", "operstate", "link_type", "address", "broadcast");
    static final List<String> ADDRESS_FIELDS = List.of("family", "local", "address", "prefixlen", "broadcast", "scope", "label");
    static final List<String> ROUTE_FIELDS = List.of("dst", "gateway", "dev", "protocol", "scope", "type", "table");

    private static InetAddress ip(String text) throws IOException {
        return InetAddress.getByName(text); // numeric: no lookup
    }

    @Test
    void onTheHostLinksAndAddressesAgreeWithIproute2() throws Exception {
        agree(null, "link", this::compareLinks);
        agree(null, "addr", this::compareLinks);
        agree(null, "route", this::compareRoutes);
        agree(null, "route show table all", this::compareRoutes);
    }

    @Test
    void inANamespaceJsockBuiltLinksAndAddressesAgreeWithIproute2() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            int lo = rt.link("lo").index();
            rt.setUp(lo, true);
            rt.addVeth("jv0", "jv1");
            int v0 = rt.link("jv0").index();
            int v1 = rt.link("jv1").index();
            List<String> dummies = new ArrayList<>();
            for (String name : List.of("jd0", "jd1")) {
                try {
                    rt.addDummy(name);
                    dummies.add(name);
                } catch (NetlinkException e) {
                    if (!List.of("ENOTSUP", "EOPNOTSUPP").contains(e.errnoName())) throw e;
                    // a kernel built without the dummy driver: the veth pairs stand in for them
                    System.out.println("IpCommandTest: no dummy links on this kernel (" + e.getMessage() + "); a second veth pair instead");
                    rt.addVeth("jw0", "jw1");
                    break;
                }
            }
            int d0 = dummies.isEmpty() ? rt.link("jw0").index() : rt.link("jd0").index();
            for (int index : List.of(v0, v1, d0)) rt.setUp(index, true);
            rt.addAddress(v0, ip("10.7.0.1"), 24, ip("10.7.0.255"), "jv0:lab");
            rt.addAddress(v0, ip("10.7.1.1"), 32);
            rt.addAddress(v0, ip("fd00:7::1"), 64);
            rt.addAddress(v1, ip("10.7.0.2"), 24);
            rt.addAddress(v1, ip("fd00:7::2"), 64);
            rt.addAddress(d0, ip("192.168.77.1"), 28, ip("192.168.77.15"), null);
            rt.addAddress(d0, ip("2001:db8:77::1"), 48);
            rt.addRoute(RouteSpec.to(ip("10.8.0.0"), 16).withGateway(ip("10.7.0.9")).withOutputInterface(v0));
            rt.addRoute(RouteSpec.to(ip("0.0.0.0"), 0).withGateway(ip("10.7.0.9")));
            rt.addRoute(RouteSpec.to(ip("10.9.0.0"), 16).withType(RTN_BLACKHOLE));
            rt.addRoute(RouteSpec.to(ip("10.10.0.0"), 24).withOutputInterface(d0).withTable(100).withProtocol(RTPROT_STATIC));
            rt.addRoute(RouteSpec.to(ip("2001:db8:99::"), 48).withGateway(ip("fd00:7::9")).withOutputInterface(v0).withPriority(77));

            agree(ns, "link", this::compareLinks);
            agree(ns, "addr", this::compareLinks);
            agree(ns, "-4 addr", this::compareLinks);
            agree(ns, "-6 addr", this::compareLinks);
            agree(ns, "route", this::compareRoutes);
            agree(ns, "-6 route", this::compareRoutes);
            agree(ns, "route show table all", this::compareRoutes);
            agree(ns, "route show table 100", this::compareRoutes);
            JsonArray links = Json.parse(ns.call(() -> Tool.call(IpCommand::run, "-j", "link")).out()).asArray();
            assertEquals(5, links.size(), "lo, the veth pair, and two dummies (or the second veth pair)");
        }
    }

    @Test
    void theToolChangesLinksAddressesAndRoutesAsIpSeesThem() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace()) {
            ok(ns, "link", "add", "jt0", "type", "veth", "peer", "name", "jt1");
            ok(ns, "link", "set", "jt0", "up");
            ok(ns, "link", "set", "dev", "jt1", "up", "mtu", "1400");
            ok(ns, "addr", "add", "10.11.0.1/24", "brd", "+", "dev", "jt0");
            ok(ns, "addr", "add", "fd00:11::1/64", "dev", "jt0");
            ok(ns, "route", "add", "10.12.0.0/16", "via", "10.11.0.2", "dev", "jt0", "metric", "20");
            String addr = Iproute2.ip(ns, "addr", "show", "dev", "jt0").out();
            assertTrue(addr.contains("inet 10.11.0.1/24 brd 10.11.0.255 scope global jt0"), addr);
            assertTrue(addr.contains("inet6 fd00:11::1/64 scope global"), addr);
            assertTrue(Iproute2.ip(ns, "link", "show", "jt1").out().contains("mtu 1400"));
            assertTrue(Iproute2.ip(ns, "route").out().contains("10.12.0.0/16 via 10.11.0.2 dev jt0 metric 20"));
            ok(ns, "route", "del", "10.12.0.0/16");
            ok(ns, "addr", "del", "10.11.0.1/24", "dev", "jt0");
            assertFalse(Iproute2.ip(ns, "route").out().contains("10.12.0.0/16"));
            assertFalse(Iproute2.ip(ns, "addr", "show", "dev", "jt0").out().contains("10.11.0.1"));
            ok(ns, "link", "del", "jt0");
            assertFalse(Iproute2.ip(ns, "link").out().contains("jt1"));
        }
    }

    @Test
    void aRefusedRequestReportsTheKernelsWordsAsIpDoes() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace()) {
            ok(ns, "addr", "add", "10.13.0.1/24", "dev", "lo");
            Programs.Result ours = ns.call(() -> Tool.call(IpCommand::run, "addr", "add", "10.13.0.1/24", "dev", "lo"));
            Programs.Result theirs = Iproute2.ip(ns, "addr", "add", "10.13.0.1/24", "dev", "lo");
            assertEquals(1, ours.exit());
            assertNotEquals(0, theirs.exit());
            assertEquals(theirs.err().strip(), ours.err().strip(), "the kernel's extended ACK, as iproute2 prints it");
            assertEquals(2, Tool.call(IpCommand::run, "bogus").exit());
        }
    }

    /** Names of devices that are not there: an ordinary one, and one longer than IFNAMSIZ allows. */
    private static final List<String> MISSING_DEVICES = List.of("jsocknosuch0", "jsock-no-such-device-at-all");

    /** Every form of showing one device, text and JSON, link and addr. */
    private static final List<String> SHOW_FORMS = List.of(
            "link show dev %s", "link show %s", "link list %s", "-j link show dev %s", "-j link show %s",
            "-j -p link show dev %s", "addr show dev %s", "addr show %s", "address list dev %s", "-j addr show dev %s",
            "-j addr show %s", "-4 addr show dev %s", "-6 -j addr show dev %s");

    @Test
    void showingAMissingDeviceSaysWhatIpSaysWithItsExitCode() throws Exception {
        for (String form : SHOW_FORMS) {
            for (String device : MISSING_DEVICES) {
                String[] args = String.format(form, device).split(" ");
                Programs.Result theirs = Iproute2.ip(null, args);
                assertEquals(1, theirs.exit(), "ip " + String.join(" ", args) + ": " + theirs.err());
                assertEquals("Device \"" + device + "\" does not exist.\n", theirs.err(), "what ip says");
                sameAsIp(Tool.call(IpCommand::run, args), theirs, args);
            }
        }
    }

    @Test
    void changingAMissingDeviceSaysWhatIpSaysWithItsExitCode() throws Exception {
        List<String> forms = List.of("link set dev %s up", "link set %s mtu 1400", "link del %s", "link delete dev %s",
                "addr add 10.13.0.1/24 dev %s", "addr del 10.13.0.1/24 dev %s", "route add 10.14.0.0/24 dev %s");
        try (NetNamespace ns = Namespaces.privateNamespace()) {
            for (String form : forms) {
                for (String device : MISSING_DEVICES) {
                    String[] args = String.format(form, device).split(" ");
                    Programs.Result theirs = Iproute2.ip(ns, args);
                    assertEquals(1, theirs.exit(), "ip " + String.join(" ", args) + ": " + theirs.err());
                    assertEquals("Cannot find device \"" + device + "\"\n", theirs.err(), "what ip says");
                    sameAsIp(ns.call(() -> Tool.call(IpCommand::run, args)), theirs, args);
                }
            }
        }
    }

    private static void sameAsIp(Programs.Result ours, Programs.Result theirs, String[] args) {
        String what = "jsock ip " + String.join(" ", args);
        assertEquals(theirs.err(), ours.err(), what + ": stderr");
        assertEquals(theirs.exit(), ours.exit(), what + ": exit code");
        assertEquals(theirs.out(), ours.out(), what + ": stdout");
    }

    private void ok(NetNamespace ns, String... args) throws IOException {
        Programs.Result r = ns.call(() -> Tool.call(IpCommand::run, args));
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
    }

    // ------------------------------------------------------------------ comparison

    interface Compare {
        void check(JsonArray ours, JsonArray theirs);
    }

    /**
     * Runs {@code jsock ip -j ARGS} and {@code ip -j ARGS} and compares them. Links settle on
     * their own (carrier, operational state, DAD), so a difference is looked at again, a few
     * times, before it counts.
     */
    private void agree(NetNamespace ns, String args, Compare compare) throws Exception {
        String[] a = ("-j " + args).split(" ");
        AssertionError last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Programs.Result ours = ns == null ? Tool.call(IpCommand::run, a) : ns.call(() -> Tool.call(IpCommand::run, a));
            Programs.Result theirs = Iproute2.ip(ns, a);
            assertEquals(0, ours.exit(), ours.err());
            assertEquals(0, theirs.exit(), theirs.err());
            try {
                compare.check(Json.parse(ours.out()).asArray(), Json.parse(theirs.out()).asArray());
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(300);
            }
        }
        throw new AssertionError("jsock ip -j " + args + " and ip -j " + args + " disagree", last);
    }

    private void compareLinks(JsonArray ours, JsonArray theirs) {
        Map<Integer, JsonObject> mine = byIndex(ours);
        Map<Integer, JsonObject> iproute = byIndex(theirs);
        assertEquals(iproute.keySet(), mine.keySet(), "the same links");
        for (Map.Entry<Integer, JsonObject> e : iproute.entrySet()) {
            JsonObject t = e.getValue();
            JsonObject o = mine.get(e.getKey());
            for (String f : LINK_FIELDS) assertEquals(t.get(f), o.get(f), "link " + e.getKey() + " field " + f);
            JsonValue ta = t.get("addr_info");
            JsonValue oa = o.get("addr_info");
            assertEquals(ta == null, oa == null, "addr_info of link " + e.getKey());
            if (ta == null) continue;
            assertEquals(ta.asArray().size(), oa.asArray().size(), "addresses of link " + e.getKey());
            for (int i = 0; i < ta.asArray().size(); i++) {
                JsonObject x = ta.asArray().get(i).asObject();
                JsonObject y = oa.asArray().get(i).asObject();
                for (String f : ADDRESS_FIELDS) assertEquals(x.get(f), y.get(f), "link " + e.getKey() + " address " + i + " field " + f);
            }
        }
    }

    private void compareRoutes(JsonArray ours, JsonArray theirs) {
        assertEquals(routes(theirs), routes(ours));
    }

    /** The routes as their compared fields, sorted: the order of a dump is not the point. */
    private static List<String> routes(JsonArray array) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : array) {
            JsonObject r = v.asObject();
            StringBuilder b = new StringBuilder();
            for (String f : ROUTE_FIELDS) b.append(f).append('=').append(r.get(f)).append(' ');
            out.add(b.toString());
        }
        out.sort(null);
        return out;
    }

    private static Map<Integer, JsonObject> byIndex(JsonArray array) {
        Map<Integer, JsonObject> m = new TreeMap<>();
        for (JsonValue v : array) m.put(v.asObject().get("ifindex").asInt(), v.asObject());
        return m;
    }
}
