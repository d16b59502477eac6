package io.jsock;

import io.jsock.internal.Consts;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An IPv6 multicast group membership, {@code struct ipv6_mreq}: the value of
 * {@link SockOpt#IPV6_JOIN_GROUP} and {@link SockOpt#IPV6_LEAVE_GROUP}. The interface is named by
 * its index (0: the kernel chooses by route).
 */
public record Ipv6Membership(Inet6Address group, int interfaceIndex) {
    static final int SIZE = Consts.sizeOf("ipv6_mreq");
    private static final int MULTIADDR = Consts.offsetOf("ipv6_mreq", "ipv6mr_multiaddr");
    private static final int IFINDEX = Consts.offsetOf("ipv6_mreq", "ipv6mr_interface");

    public Ipv6Membership {
        Objects.requireNonNull(group, "group");
        if (!group.isMulticastAddress()) throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast group");
        if (interfaceIndex < 0) throw new IllegalArgumentException("negative interface index: " + interfaceIndex);
    }

    void encode(ByteBuffer out, int offset) {
        out.put(offset + MULTIADDR, group.getAddress()).putInt(offset + IFINDEX, interfaceIndex);
    }
}
