package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.SocketError;
import io.jsock.Type;
import io.jsock.testing.Namespaces;
import io.jsock.testing.Programs;
import io.jsock.testing.Python;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The connection and the socket options against the kernel, and CPython as the peer that says what the kernel offers. */
class NetlinkConnectionTest {

    /** Every NETLINK_ protocol constant (not the options, which share the prefix). */
    static Map<String, Integer> protocols() throws IllegalAccessException {
        Map<String, Integer> out = new TreeMap<>();
        for (java.lang.reflect.Field f : NetlinkConstants.class.getFields()) {
            String n = f.getName();
            if (Modifier.isStatic(f.getModifiers()) && n.startsWith("NETLINK_") && f.getInt(null) >= 0
                    && f.getInt(null) < 32 && isProtocolName(n)) {
                out.put(n, f.getInt(null));
            }
        }
        return out;
    }

    private static boolean isProtocolName(String n) {
        return !List.of("NETLINK_ADD_MEMBERSHIP", "NETLINK_DROP_MEMBERSHIP", "NETLINK_PKTINFO", "NETLINK_BROADCAST_ERROR",
                "NETLINK_NO_ENOBUFS", "NETLINK_LISTEN_ALL_NSID", "NETLINK_LIST_MEMBERSHIPS", "NETLINK_CAP_ACK",
                "NETLINK_EXT_ACK", "NETLINK_GET_STRICT_CHK").contains(n);
    }

    @Test
    void everyProtocolOpensAsPythonFindsIt() throws Exception {
        Map<String, Integer> protocols = protocols();
        List<String> args = new ArrayList<>(List.of(Python.EXECUTABLE, "-c",
                "import socket, sys\n"
                + "for p in sys.argv[1:]:\n"
                + "    try:\n"
                + "        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, int(p)); s.bind((0, 0)); s.close(); print(p, 0)\n"
                + "    except OSError as e:\n"
                + "        print(p, e.errno)\n"));
        for (int p : protocols.values()) args.add(Integer.toString(p));
        Programs.Result py = Programs.run(args);
        assertEquals(0, py.exit(), py.err());
        Map<Integer, Integer> theirs = new TreeMap<>();
        for (String line : py.out().strip().split("\n")) {
            String[] f = line.split(" ");
            theirs.put(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
        }
        Map<Integer, Integer> ours = new TreeMap<>();
        for (int p : protocols.values()) {
            try (NetlinkConnection c = NetlinkConnection.open(p)) {
                assertNotEquals(0, c.portId());
                ours.put(p, 0);
            } catch (SocketError e) {
                ours.put(p, e.errno());
            }
        }
        assertEquals(theirs, ours);
        for (String always : List.of("NETLINK_ROUTE", "NETLINK_GENERIC", "NETLINK_SOCK_DIAG", "NETLINK_KOBJECT_UEVENT")) {
            assertEquals(0, ours.get(protocols.get(always)), always);
        }
    }

    @Test
    void optionsRoundTrip() throws Exception {
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_ROUTE)) {
            Socket s = c.socket();
            assertTrue(NetlinkOptions.getExtAck(s), "connections ask for extended ACKs");
            assertTrue(NetlinkOptions.getStrictCheck(s), "and for strict checking");
            NetlinkOptions.setCapAck(s, true);
            assertTrue(NetlinkOptions.getCapAck(s));
            NetlinkOptions.setCapAck(s, false);
            assertFalse(NetlinkOptions.getCapAck(s));
            NetlinkOptions.setNoEnobufs(s, true);
            assertTrue(NetlinkOptions.getNoEnobufs(s));
            NetlinkOptions.setPktInfo(s, true);
            assertTrue(NetlinkOptions.getPktInfo(s));
            NetlinkOptions.setBroadcastError(s, true);
            assertTrue(NetlinkOptions.getBroadcastError(s));

            assertEquals(List.of(), NetlinkOptions.listMemberships(s));
            c.joinGroup(RTNLGRP_LINK);
            c.joinGroup(RTNLGRP_IPV6_ROUTE);
            assertEquals(List.of(RTNLGRP_LINK, RTNLGRP_IPV6_ROUTE), NetlinkOptions.listMemberships(s));
            c.leaveGroup(RTNLGRP_LINK);
            assertEquals(List.of(RTNLGRP_IPV6_ROUTE), NetlinkOptions.listMemberships(s));
            assertThrows(IllegalArgumentException.class, () -> NetlinkOptions.addMembership(s, 0));
        }
        try (Socket inet = Socket.open(Family.INET, Type.DGRAM)) {
            assertThrows(IllegalArgumentException.class, () -> NetlinkOptions.setExtAck(inet, true));
        }
    }

    @Test
    void aReplyForgedByAnotherProcessIsIgnored() throws Exception {
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_ROUTE);
             Socket forger = Socket.open(Family.NETLINK, Type.RAW, NETLINK_ROUTE)) {
            forger.bind(SockAddr.netlink(0, 0));
            // An NLMSG_ERROR that claims EPERM for the connection's next request, sent from a user port.
            MessageBuilder fake = new MessageBuilder(NLMSG_NOOP, 0);
            MessageBuilder error = new MessageBuilder(NLMSG_ERROR, 0);
            int e = error.reserve(io.jsock.internal.Consts.sizeOf("nlmsgerr"));
            error.putU32(e, -io.jsock.internal.Consts.get("EPERM"));
            forger.sendTo(error.build(1, c.portId()), SockAddr.netlink(c.portId(), 0));
            forger.sendTo(fake.build(1, c.portId()), SockAddr.netlink(c.portId(), 0));
            Link lo = RtNetlink.over(c).link("lo");
            assertEquals("lo", lo.name());
        }
    }

    @Test
    void notificationsDuringAnExchangeAreKeptForReceive() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); NetlinkConnection c = ns.call(() -> NetlinkConnection.open(NETLINK_ROUTE))) {
            c.joinGroup(RTNLGRP_LINK);
            RtNetlink rt = RtNetlink.over(c);
            rt.addVeth("jn0", "jn1"); // this connection's own change is announced to its group too
            c.socket().setTimeout(Duration.ofSeconds(10));
            List<String> created = new ArrayList<>();
            while (created.size() < 2) {
                for (NetlinkMessage m : c.receive()) {
                    if (m.type() == RTM_NEWLINK) {
                        String name = Link.decode(m).name();
                        if (!created.contains(name)) created.add(name);
                    }
                }
            }
            created.sort(null);
            assertEquals(List.of("jn0", "jn1"), created);
        }
    }

    @Test
    void aDumpAcrossManyDatagramsIsReadWhole() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            for (int i = 0; i < 40; i++) rt.addVeth("jm" + i, "jp" + i);
            List<Link> links = rt.links();
            assertEquals(81, links.size());
            // each veth link describes itself in about a kilobyte: 81 of them do not fit one datagram
            int total = links.stream().mapToInt(l -> l.attributes().list().stream().mapToInt(NetlinkAttribute::length).sum()).sum();
            assertTrue(total > 32 * 1024, "the dump spanned several datagrams: " + total + " bytes");
        }
    }
}
