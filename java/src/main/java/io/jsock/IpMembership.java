package io.jsock;

import io.jsock.internal.Consts;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An IPv4 multicast group membership, {@code struct ip_mreqn}: the value of
 * {@link SockOpt#IP_ADD_MEMBERSHIP} and {@link SockOpt#IP_DROP_MEMBERSHIP}. The interface is
 * named by its index or, when the index is 0, by one of its addresses (0.0.0.0 lets the kernel
 * choose by route).
 */
public record IpMembership(Inet4Address group, Inet4Address interfaceAddress, int interfaceIndex) {
    static final int SIZE = Consts.sizeOf("ip_mreqn");
    private static final int MULTIADDR = Consts.offsetOf("ip_mreqn", "imr_multiaddr");
    private static final int ADDRESS = Consts.offsetOf("ip_mreqn", "imr_address");
    private static final int IFINDEX = Consts.offsetOf("ip_mreqn", "imr_ifindex");
    private static final Inet4Address ANY = any();

    public IpMembership {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
        if (!group.isMulticastAddress()) throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast group");
        if (interfaceIndex < 0) throw new IllegalArgumentException("negative interface index: " + interfaceIndex);
    }

    /** The group on the interface of this index (0: the kernel chooses by route). */
    public static IpMembership onInterface(Inet4Address group, int interfaceIndex) {
        return new IpMembership(group, ANY, interfaceIndex);
    }

    /** The group on the interface that has this local address. */
    public static IpMembership onAddress(Inet4Address group, Inet4Address interfaceAddress) {
        return new IpMembership(group, interfaceAddress, 0);
    }

    void encode(ByteBuffer out, int offset) {
        out.put(offset + MULTIADDR, group.getAddress()).put(offset + ADDRESS, interfaceAddress.getAddress())
                .putInt(offset + IFINDEX, interfaceIndex);
    }

    private static Inet4Address any() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }
}
