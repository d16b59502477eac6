package io.jsock;

import static io.jsock.ErrnoAssertions.assertErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.Consts;
import io.jsock.internal.Native;
import io.jsock.testing.Iproute2;
import io.jsock.testing.Json;
import io.jsock.testing.Programs;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed ioctls against the kernel and against iproute2's {@code ip -j}, for every interface
 * on the machine. They only read: no interface is changed.
 */
class IoctlTest {
    /** The IFF_ flags that {@code ip link} names as they are (it leaves RUNNING out). */
    private static final List<String> IP_FLAGS = List.of("UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT",
            "NOTRAILERS", "NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE", "MULTICAST", "PORTSEL", "AUTOMEDIA",
            "DYNAMIC");
    /** ip's link types whose ARPHRD_ type the headers name. */
    private static final Map<String, Integer> LINK_TYPES = Map.of("ether", Sockets.ARPHRD_ETHER,
            "loopback", Sockets.ARPHRD_LOOPBACK, "none", Sockets.ARPHRD_NONE, "void", Sockets.ARPHRD_VOID);

    @Test
    @SuppressWarnings("unchecked")
    void everyInterfaceAsIpLinkShowsIt() throws Exception {
        List<Object> links = (List<Object>) ip("-j", "link");
        Map<String, String> ipv4 = firstIpv4Addresses();
        assertFalse(links.isEmpty());
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            for (Object o : links) {
                Map<String, Object> link = (Map<String, Object>) o;
                String name = (String) link.get("ifname");
                int index = ((Long) link.get("ifindex")).intValue();
                assertEquals(index, Ioctl.siocgifindex(s, name), name);
                assertEquals(name, Ioctl.siocgifname(s, index), name);
                assertEquals(((Long) link.get("mtu")).intValue(), Ioctl.siocgifmtu(s, name), name);
                checkFlags(name, (List<Object>) link.get("flags"), Ioctl.siocgifflags(s, name));
                checkHardwareAddress(name, link, Ioctl.siocgifhwaddr(s, name));
                String v4 = ipv4.get(name);
                if (v4 != null) {
                    assertEquals(InetAddress.getByName(v4), Ioctl.siocgifaddr(s, name), name);
                } else {
                    assertErrno("EADDRNOTAVAIL", () -> Ioctl.siocgifaddr(s, name));
                }
            }
        }
    }

    private static void checkFlags(String name, List<Object> ipFlags, int flags) {
        for (String f : IP_FLAGS) {
            boolean set = (flags & Consts.get("IFF_" + f)) != 0;
            assertEquals(ipFlags.contains(f), set,
                    name + ": IFF_" + f + " in 0x" + Integer.toHexString(flags) + ", ip says " + ipFlags);
        }
    }

    private static void checkHardwareAddress(String name, Map<String, Object> link, HardwareAddress hw) {
        Integer type = LINK_TYPES.get((String) link.get("link_type"));
        String address = (String) link.get("address");
        if (type != null) {
            assertEquals(type.intValue(), hw.type(), name + " link type " + link.get("link_type"));
            assertEquals(address == null ? "" : address, hw.text(), name);
        } else if (address != null && address.matches("\\p{XDigit}{2}(:\\p{XDigit}{2})*")) {
            // A link type whose address length the ioctl does not tell: ip's bytes lead the field.
            byte[] ours = hw.address();
            byte[] theirs = HexFormat.ofDelimiter(":").parseHex(address);
            int n = Math.min(ours.length, theirs.length);
            assertEquals(HexFormat.of().formatHex(theirs, 0, n), HexFormat.of().formatHex(ours, 0, n), name);
        }
    }

    /** Each interface's first IPv4 address under its own label, as {@code ip -j -4 addr} lists them. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> firstIpv4Addresses() throws Exception {
        Map<String, String> first = new HashMap<>();
        for (Object o : (List<Object>) ip("-j", "-4", "addr")) {
            Map<String, Object> link = (Map<String, Object>) o;
            String name = (String) link.get("ifname");
            for (Object a : (List<Object>) link.getOrDefault("addr_info", List.of())) {
                Map<String, Object> info = (Map<String, Object>) a;
                if ("inet".equals(info.get("family")) && name.equals(info.getOrDefault("label", name))) {
                    first.putIfAbsent(name, (String) info.get("local"));
                }
            }
        }
        return first;
    }

    @Test
    void interfaceRequestsWorkOnAnyFamily() throws Exception {
        int lo = Loopback.INDEX;
        try (Socket u = Socket.open(Family.UNIX, Type.STREAM); Socket v6 = Socket.open(Family.INET6, Type.DGRAM)) {
            assertEquals(lo, Ioctl.siocgifindex(u, "lo"));
            assertEquals("lo", Ioctl.siocgifname(v6, lo));
            assertTrue((Ioctl.siocgifflags(u, "lo") & Sockets.IFF_LOOPBACK) != 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ioctl.siocgifaddr(u, "lo"));
            assertTrue(e.getMessage().contains("AF_INET socket"), e.getMessage());
        }
    }

    @Test
    void badInterfacesAreRefused() throws IOException {
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            SocketError e = assertThrows(SocketError.class, () -> Ioctl.siocgifindex(s, "nosuchif0"));
            assertEquals("ENODEV", e.errnoName());
            assertEquals("ioctl SIOCGIFINDEX(nosuchif0)", e.call());
            assertTrue(e.getMessage().startsWith("ioctl SIOCGIFINDEX(nosuchif0): [Errno " + e.errno() + " ENODEV]"),
                    e.getMessage());
            SocketError m = assertThrows(SocketError.class, () -> Ioctl.siocgifmtu(s, "nosuchif0"));
            assertEquals("ioctl SIOCGIFMTU(nosuchif0)", m.call());
            int unused = Integer.MAX_VALUE - 7;
            assertNull(io.jsock.internal.InetText.interfaceName(unused), "an interface has index " + unused);
            SocketError n = assertThrows(SocketError.class, () -> Ioctl.siocgifname(s, unused));
            assertEquals("ENODEV", n.errnoName());
            assertEquals("ioctl SIOCGIFNAME(" + unused + ")", n.call());
            assertThrows(IllegalArgumentException.class, () -> Ioctl.siocgifname(s, -1));
        }
        // Refused in Java: even a closed socket answers with the argument's fault, not the socket's.
        Socket closed = Socket.open(Family.INET, Type.DGRAM);
        closed.close();
        String tooLong = "x".repeat(Sockets.IFNAMSIZ);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ioctl.siocgifindex(closed, tooLong));
        assertTrue(e.getMessage().contains("at most " + (Sockets.IFNAMSIZ - 1)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ioctl.siocgifflags(closed, "lo\0"));
        assertThrows(NullPointerException.class, () -> Ioctl.siocgifmtu(closed, null));
        assertThrows(SocketClosedException.class, () -> Ioctl.siocgifindex(closed, "x".repeat(Sockets.IFNAMSIZ - 1)));
        assertThrows(SocketClosedException.class, () -> Ioctl.fionread(closed));
    }

    @Test
    void queueSizesOfAStreamPair() throws IOException {
        Socket[] p = Socket.pair();
        try (Socket a = p[0]; Socket b = p[1]) {
            assertEquals(0, Ioctl.fionread(b));
            assertEquals(0, Ioctl.siocoutq(a));
            byte[] data = "eleven byte".getBytes(StandardCharsets.US_ASCII);
            a.sendAll(data);
            a.sendAll(data);
            assertEquals(22, Ioctl.fionread(b));
            assertEquals(22, Ioctl.siocinq(b));
            assertTrue(Ioctl.siocoutq(a) >= 22, "AF_UNIX counts the memory of what is queued: " + Ioctl.siocoutq(a));
            assertEquals(5, b.recv(5).length);
            assertEquals(17, Ioctl.fionread(b));
            assertEquals(17, b.recv(100).length);
            assertEquals(0, Ioctl.siocinq(b));
            assertEquals(0, Ioctl.siocoutq(a), "the peer took everything");
        }
    }

    @Test
    void fionreadOfADatagramSocketIsTheNextDatagram() throws IOException {
        Socket[] p = Socket.pair(Family.UNIX, Type.DGRAM);
        try (Socket a = p[0]; Socket b = p[1]) {
            a.send(new byte[3]);
            a.send(new byte[5]);
            assertEquals(3, Ioctl.fionread(b));
            b.recv(100);
            assertEquals(5, Ioctl.fionread(b));
        }
    }

    @Test
    void fionbioChangesTheFdBehindTheTimeout() throws IOException {
        int nonBlock = Consts.get("O_NONBLOCK");
        Socket[] p = Socket.pair();
        try (Socket a = p[0]; Socket b = p[1]) {
            a.setBlocking(true);
            assertEquals(0, Native.SHIM.jsock_get_status_flags(a.fileno()) & nonBlock);
            Ioctl.fionbio(a, true);
            assertEquals(nonBlock, Native.SHIM.jsock_get_status_flags(a.fileno()) & nonBlock);
            assertNull(a.getTimeout(), "the socket's own setting is unchanged");
            assertThrows(WouldBlock.class, () -> a.recv(1)); // a blocking recv now fails at once
            Ioctl.fionbio(a, false);
            assertEquals(0, Native.SHIM.jsock_get_status_flags(a.fileno()) & nonBlock);
            b.send(new byte[] {1});
            assertEquals(1, a.recv(1).length);
        }
    }

    /** Runs iproute2's {@code ip} with these arguments and reads its JSON. */
    private static Object ip(String... args) throws Exception {
        Programs.Result ip = Iproute2.ip(null, args);
        assertEquals(0, ip.exit(), "ip " + String.join(" ", args) + ": " + ip.out() + ip.err());
        return Json.parse(ip.out());
    }
}
