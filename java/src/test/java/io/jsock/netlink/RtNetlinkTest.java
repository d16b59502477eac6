package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Sockets;
import io.jsock.testing.GuestKernel;
import io.jsock.testing.Iproute2;
import io.jsock.testing.KernelFeatures;
import io.jsock.testing.Namespaces;
import io.jsock.testing.Programs;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** rtnetlink against the kernel, in namespaces the tests make, checked with iproute2 where it can say. */
class RtNetlinkTest {

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text); // numeric only: no lookup happens
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFreshNamespaceHasOnlyLoopback() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            List<Link> links = rt.links();
            assertEquals(List.of("lo"), links.stream().map(Link::name).collect(Collectors.toList()));
            Link lo = links.get(0);
            assertEquals(ARPHRD_LOOPBACK, lo.type());
            assertEquals(lo.index(), rt.link("lo").index());
            assertEquals("lo", rt.link(lo.index()).name());
            assertFalse(lo.isUp());
        }
    }

    @Test
    void vethAddressesAndRoutes() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            rt.addVeth("jv0", "jv1");
            Link v0 = rt.link("jv0");
            Link v1 = rt.link("jv1");
            assertEquals("veth", v0.kind());
            assertEquals(v1.index(), v0.link());
            assertEquals(v0.index(), v1.link());
            assertEquals(6, v0.address().length);
            rt.setUp(v0.index(), true);
            rt.setUp(v1.index(), true);
            assertTrue(rt.link(v0.index()).isUp());

            rt.addAddress(v0.index(), ip("10.7.0.1"), 24, ip("10.7.0.255"), "jv0:a");
            rt.addAddress(v0.index(), ip("fd00:7::1"), 64);
            List<Address> v4 = rt.addresses(Sockets.AF_INET, v0.index());
            assertEquals(1, v4.size());
            Address a = v4.get(0);
            assertEquals(ip("10.7.0.1"), a.local());
            assertEquals(24, a.prefixLength());
            assertEquals(ip("10.7.0.255"), a.broadcast());
            assertEquals("jv0:a", a.label());
            assertEquals(RT_SCOPE_UNIVERSE, a.scope());
            assertEquals(-1, (int) a.validLifetime()); // forever
            assertTrue(rt.addresses(Sockets.AF_INET6, v0.index()).stream().anyMatch(x -> x.address().equals(ip("fd00:7::1"))));
            // iproute2 sees the same address
            String shown = Iproute2.ip(ns, "-j", "addr", "show", "dev", "jv0").out();
            assertTrue(shown.contains("\"local\":\"10.7.0.1\",\"prefixlen\":24"), shown);

            RouteSpec route = RouteSpec.to(ip("10.8.0.0"), 16).withGateway(ip("10.7.0.2")).withOutputInterface(v0.index());
            rt.addRoute(route);
            Route found = rt.routes(Sockets.AF_INET).stream()
                    .filter(r -> ip("10.8.0.0").equals(r.destination())).findFirst().orElseThrow();
            assertEquals(16, found.destinationLength());
            assertEquals(ip("10.7.0.2"), found.gateway());
            assertEquals(v0.index(), found.outputInterface());
            assertEquals(RT_TABLE_MAIN, found.table());
            assertEquals(RTPROT_BOOT, found.protocol());
            assertEquals(RTN_UNICAST, found.type());
            Route lookup = rt.route(ip("10.8.3.4"));
            assertEquals(ip("10.7.0.2"), lookup.gateway());
            assertTrue(Iproute2.ip(ns, "route", "show").out().contains("10.8.0.0/16 via 10.7.0.2 dev jv0"));

            rt.deleteRoute(RouteSpec.to(ip("10.8.0.0"), 16));
            assertTrue(rt.routes(Sockets.AF_INET).stream().noneMatch(r -> ip("10.8.0.0").equals(r.destination())));
            NetlinkException gone = assertThrows(NetlinkException.class, () -> rt.deleteRoute(RouteSpec.to(ip("10.8.0.0"), 16)));
            assertEquals("ESRCH", gone.errnoName());

            rt.deleteAddress(v0.index(), ip("10.7.0.1"), 24);
            assertTrue(rt.addresses(Sockets.AF_INET, v0.index()).isEmpty());

            rt.deleteLink("jv0");
            assertEquals(List.of("lo"), rt.links().stream().map(Link::name).collect(Collectors.toList()));
        }
    }

    @Test
    void aDuplicateAddressIsRefusedAsIprouteReportsIt() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            int lo = rt.link("lo").index();
            rt.addAddress(lo, ip("10.9.0.1"), 24);
            NetlinkException e = assertThrows(NetlinkException.class, () -> rt.addAddress(lo, ip("10.9.0.1"), 24));
            assertEquals(Consts.EEXIST, e.errno());
            assertEquals("EEXIST", e.errnoName());
            assertEquals("RTM_NEWADDR", e.call());
            Programs.Result ip = Iproute2.ip(ns, "addr", "add", "10.9.0.1/24", "dev", "lo");
            assertNotEquals(0, ip.exit());
            assertEquals(expectedText(ip.err()), e.extAckMessage(), ip.err());
            assertTrue(e.getMessage().contains("[Errno " + e.errno() + " EEXIST]"), e.getMessage());
        }
    }

    @Test
    void aBadAttributeIsRefusedWithTheKernelsMessageAndOffset() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); NetlinkConnection c = ns.call(() -> NetlinkConnection.open(NETLINK_ROUTE))) {
            MessageBuilder m = new MessageBuilder(RTM_NEWLINK, 0, "RTM_NEWLINK");
            m.reserve(Link.HEADER);
            m.attrString(IFLA_IFNAME, "lo");
            int offset = m.length();
            m.attrU16(IFLA_MTU, 1500); // IFLA_MTU is a u32: the policy refuses two bytes
            NetlinkException e = assertThrows(NetlinkException.class, () -> c.execute(m));
            assertEquals(Consts.ERANGE, e.errno(), e.getMessage()); // nla_validate: shorter than the policy's type
            assertNotNull(e.extAckMessage(), "the kernel explains a policy failure");
            assertEquals(offset, e.extAckOffset());
        }
    }

    @Test
    @GuestKernel(modules = {"dummy"})
    void dummyLinks() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            try {
                rt.addDummy("jd0");
            } catch (NetlinkException e) {
                KernelFeatures.assume(e.errno() != Consts.EOPNOTSUPP, "dummy driver", e.getMessage());
                throw e;
            }
            Link d = rt.link("jd0");
            assertEquals("dummy", d.kind());
            assertEquals(ARPHRD_ETHER, d.type());
            rt.deleteLink(d.index());
            assertThrows(NetlinkException.class, () -> rt.link("jd0"));
        }
    }

    @Test
    void anUnknownLinkKindSurfacesTheKernelsText() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> rt.link("nosuchlink0"));
            assertEquals("ENODEV", e.errnoName());
            Programs.Result ip = Iproute2.ip(ns, "link", "show", "nosuchlink0");
            assertNotEquals(0, ip.exit());
        }
    }

    @Test
    void neighboursAsIpAddsThem() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            rt.addVeth("jn0", "jn1");
            int index = rt.link("jn0").index();
            rt.setUp(index, true);
            rt.addAddress(index, ip("10.15.0.1"), 24);
            Programs.Result add = Iproute2.ip(ns, "neigh", "add", "10.15.0.7", "lladdr", "02:00:00:00:00:07", "dev", "jn0", "nud", "permanent");
            assertEquals(0, add.exit(), add.err());
            Neighbour n = rt.neighbour(index, ip("10.15.0.7"));
            assertEquals(ip("10.15.0.7"), n.destination());
            assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 7}, n.linkLayerAddress());
            assertEquals(NUD_PERMANENT, n.state());
            assertTrue(rt.neighbours(Sockets.AF_INET).stream().anyMatch(x -> ip("10.15.0.7").equals(x.destination())));
            NetlinkException none = assertThrows(NetlinkException.class, () -> rt.neighbour(index, ip("10.15.0.8")));
            assertEquals("ENOENT", none.errnoName());
        }
    }

    @Test
    void aDumpTheKernelRefusesSaysWhy() throws Exception {
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_ROUTE)) {
            MessageBuilder dump = new MessageBuilder(RTM_GETADDR, NLM_F_DUMP, "RTM_GETADDR");
            int h = dump.reserve(Address.HEADER);
            dump.set(Address.PREFIXLEN, h, 24); // strict checking allows no prefix length in a dump request
            NetlinkException e = assertThrows(NetlinkException.class, () -> c.execute(dump));
            assertEquals("EINVAL", e.errnoName());
            assertNotNull(e.extAckMessage(), e.getMessage());
            assertTrue(e.getMessage().startsWith("RTM_GETADDR: [Errno "), e.getMessage());
        }
    }

    /** iproute2 prints the kernel's extended ACK as "Error: TEXT." and otherwise only "RTNETLINK answers: ...". */
    static String expectedText(String ipStderr) {
        for (String line : ipStderr.split("\n")) {
            if (line.startsWith("Error: ")) {
                String t = line.substring("Error: ".length()).strip();
                return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
            }
        }
        return null;
    }

    static final class Consts {
        static final int EEXIST = io.jsock.internal.Consts.get("EEXIST");
        static final int ERANGE = io.jsock.internal.Consts.get("ERANGE");
        static final int EOPNOTSUPP = io.jsock.internal.Consts.get("EOPNOTSUPP");
    }
}
