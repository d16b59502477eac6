package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Multicast memberships for real, on the loopback interface only: the kernel's own lists
 * (/proc/net/igmp, /proc/net/igmp6) show a group joined and then gone, and a datagram sent to the
 * group through lo arrives. Each run takes a random group, so no other program's membership can
 * make a check pass.
 */
class MulticastTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final int lo = Loopback.INDEX;
    private final Inet4Address group4 = (Inet4Address) address(new byte[] {(byte) 239, (byte) 255, random(), random()});
    private final Inet6Address group6 = (Inet6Address) address(new byte[] {
            (byte) 0xff, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7a, random(), random()});

    @Test
    void ipv4GroupIsListedOnLoUntilDropped() throws IOException {
        IpMembership m = IpMembership.onInterface(group4, lo);
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            assertFalse(igmpGroups("lo").contains(igmpHex(group4)), "already joined: " + group4);
            s.set(SockOpt.IP_ADD_MEMBERSHIP, m);
            assertTrue(igmpGroups("lo").contains(igmpHex(group4)), group4 + " not in /proc/net/igmp for lo");
            s.set(SockOpt.IP_DROP_MEMBERSHIP, m);
            assertFalse(igmpGroups("lo").contains(igmpHex(group4)), group4 + " still in /proc/net/igmp");
        }
    }

    @Test
    void ipv4MembershipByAddressIsOnLo() throws IOException {
        IpMembership m = IpMembership.onAddress(group4, Loopback.ADDRESS4);
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            s.set(SockOpt.IP_ADD_MEMBERSHIP, m);
            assertTrue(igmpGroups("lo").contains(igmpHex(group4)), group4 + " not in /proc/net/igmp for lo");
        }
        assertFalse(igmpGroups("lo").contains(igmpHex(group4)), "close leaves the group");
    }

    @Test
    void ipv4DatagramToTheGroupArrivesThroughLo() throws IOException {
        try (Socket receiver = Socket.open(Family.INET, Type.DGRAM);
                Socket sender = Socket.open(Family.INET, Type.DGRAM)) {
            receiver.bind(SockAddr.inet(group4, 0));
            receiver.set(SockOpt.IP_ADD_MEMBERSHIP, IpMembership.onInterface(group4, lo));
            receiver.setTimeout(PATIENCE);
            sender.bind(SockAddr.inet("127.0.0.1", 0));
            sender.set(SockOpt.IP_MULTICAST_IF, Loopback.ADDRESS4);
            sender.set(SockOpt.IP_MULTICAST_LOOP, true);
            sender.set(SockOpt.IP_MULTICAST_TTL, 0); // this host only
            byte[] payload = ("to " + group4.getHostAddress()).getBytes(StandardCharsets.UTF_8);
            int port = ((SockAddr.Inet) receiver.getSockName()).port();
            sendOrSkip(sender, payload, SockAddr.inet(group4, port));
            Datagram d = receiver.recvFrom(1024);
            assertArrayEquals(payload, d.data());
            assertEquals(sender.getSockName(), d.address());
        }
    }

    @Test
    void ipv6GroupIsListedOnLoUntilLeft() throws IOException {
        Ipv6Membership m = new Ipv6Membership(group6, lo);
        try (Socket s = Socket.open(Family.INET6, Type.DGRAM)) {
            assertFalse(igmp6Groups("lo").contains(hex(group6)), "already joined: " + group6);
            s.set(SockOpt.IPV6_JOIN_GROUP, m);
            assertTrue(igmp6Groups("lo").contains(hex(group6)), group6 + " not in /proc/net/igmp6 for lo");
            s.set(SockOpt.IPV6_LEAVE_GROUP, m);
            assertFalse(igmp6Groups("lo").contains(hex(group6)), group6 + " still in /proc/net/igmp6");
        }
    }

    @Test
    void ipv6DatagramToTheGroupArrivesThroughLo() throws IOException {
        try (Socket receiver = Socket.open(Family.INET6, Type.DGRAM);
                Socket sender = Socket.open(Family.INET6, Type.DGRAM)) {
            receiver.bind(SockAddr.inet6("::", 0));
            receiver.set(SockOpt.IPV6_JOIN_GROUP, new Ipv6Membership(group6, lo));
            receiver.setTimeout(PATIENCE);
            sender.set(SockOpt.IPV6_MULTICAST_IF, lo);
            sender.set(SockOpt.IPV6_MULTICAST_LOOP, true);
            byte[] payload = ("to " + group6.getHostAddress()).getBytes(StandardCharsets.UTF_8);
            int port = ((SockAddr.Inet6) receiver.getSockName()).port();
            sendOrSkip(sender, payload, SockAddr.inet6(group6, port, 0, lo));
            Datagram d = receiver.recvFrom(1024);
            assertArrayEquals(payload, d.data());
        }
    }

    /**
     * Sends to the group through lo, or skips when the kernel has no multicast route through lo:
     * Linux adds its IPv6 multicast route (ff00::/8) only on links with IFF_MULTICAST, which lo
     * lacks, so IPv6 multicast through lo is unreachable on most machines.
     */
    private static void sendOrSkip(Socket sender, byte[] payload, SockAddr to) throws IOException {
        try {
            assertEquals(payload.length, sender.sendTo(payload, to));
        } catch (SocketError e) {
            if (!"ENETUNREACH".equals(e.errnoName())) throw e;
            Assumptions.abort("no multicast route through lo on this machine, so delivery through lo cannot be"
                    + " tested: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- the kernel's lists

    /** The groups /proc/net/igmp lists for a device: its own hex form of each address. */
    private static Set<String> igmpGroups(String device) throws IOException {
        Set<String> groups = new HashSet<>();
        String current = null;
        for (String line : Files.readAllLines(Path.of("/proc/net/igmp"))) {
            if (line.startsWith("Idx") || line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            if (!Character.isWhitespace(line.charAt(0))) current = f[1]; // "1  lo  :  2  V3" opens a device
            else if (device.equals(current)) groups.add(f[0]);
        }
        return groups;
    }

    /** The groups /proc/net/igmp6 lists for a device ("1 lo ff02...0001 1 0000000C 0"). */
    private static Set<String> igmp6Groups(String device) throws IOException {
        Set<String> groups = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/igmp6"))) {
            List<String> f = List.of(line.trim().split("\\s+"));
            if (f.size() >= 3 && f.get(1).equals(device)) groups.add(f.get(2));
        }
        return groups;
    }

    /** /proc/net/igmp prints the address's 32 bits as the machine holds them, in upper-case hex. */
    private static String igmpHex(Inet4Address a) {
        int raw = ByteBuffer.wrap(a.getAddress()).order(ByteOrder.nativeOrder()).getInt();
        return String.format("%08X", raw);
    }

    private static String hex(InetAddress a) {
        return HexFormat.of().formatHex(a.getAddress());
    }

    private static byte random() {
        return (byte) ThreadLocalRandom.current().nextInt(1, 255);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
