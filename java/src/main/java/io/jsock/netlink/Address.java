package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.internal.Consts;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * An interface address as RTM_NEWADDR describes it: the {@code ifaddrmsg} header and the common
 * IFA_ attributes, typed; every attribute stays in {@link #attributes()}. A value the kernel did
 * not send is null.
 *
 * @param flags IFA_F_ flags (from IFA_FLAGS when present: the header holds only the low 8)
 * @param scope RT_SCOPE_ scope
 * @param index the interface's index
 * @param address IFA_ADDRESS: the prefix address, or the peer on a point-to-point link
 * @param local IFA_LOCAL: the interface's own address (IPv4)
 * @param validLifetime seconds (unsigned; 0xFFFFFFFF is forever), from IFA_CACHEINFO
 * @param preferredLifetime seconds (unsigned; 0xFFFFFFFF is forever), from IFA_CACHEINFO
 */
public record Address(int family, int prefixLength, int flags, int scope, int index, InetAddress address,
                      InetAddress local, InetAddress broadcast, InetAddress anycast, String label,
                      Integer validLifetime, Integer preferredLifetime, NetlinkAttributes attributes) {
    static final Field FAMILY = Field.of("ifaddrmsg", "ifa_family");
    static final Field PREFIXLEN = Field.of("ifaddrmsg", "ifa_prefixlen");
    static final Field FLAGS = Field.of("ifaddrmsg", "ifa_flags");
    static final Field SCOPE = Field.of("ifaddrmsg", "ifa_scope");
    static final Field INDEX = Field.of("ifaddrmsg", "ifa_index");
    static final Field PREFERRED = Field.of("ifa_cacheinfo", "ifa_prefered");
    static final Field VALID = Field.of("ifa_cacheinfo", "ifa_valid");
    private static final int CACHEINFO = Consts.sizeOf("ifa_cacheinfo");
    static final int HEADER = Consts.sizeOf("ifaddrmsg");

    /**
     * The address an RTM_NEWADDR or RTM_DELADDR message describes.
     *
     * @throws NetlinkParseException if the message is too short or an attribute has the wrong size
     */
    public static Address decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (p.limit() < HEADER) throw new NetlinkParseException("ifaddrmsg of " + p.limit() + " bytes, not " + HEADER);
        NetlinkAttributes a = NetlinkAttributes.parse(p, HEADER, p.limit() - HEADER);
        Integer flags = a.u32(IFA_FLAGS);
        Integer valid = null;
        Integer preferred = null;
        NetlinkAttribute cache = a.get(IFA_CACHEINFO);
        if (cache != null) {
            ByteBuffer c = cache.value();
            if (c.limit() < CACHEINFO) throw new NetlinkParseException("ifa_cacheinfo of " + c.limit() + " bytes");
            valid = VALID.getInt(c, 0);
            preferred = PREFERRED.getInt(c, 0);
        }
        boolean ip = isIp(FAMILY.getInt(p, 0));
        return new Address(FAMILY.getInt(p, 0), PREFIXLEN.getInt(p, 0), flags != null ? flags : FLAGS.getInt(p, 0),
                SCOPE.getInt(p, 0), INDEX.getInt(p, 0), ip ? a.address(IFA_ADDRESS) : null, ip ? a.address(IFA_LOCAL) : null,
                ip ? a.address(IFA_BROADCAST) : null, ip ? a.address(IFA_ANYCAST) : null, a.string(IFA_LABEL),
                valid, preferred, a);
    }

    /** The interface's own address: IFA_LOCAL where there is one, else IFA_ADDRESS (as iproute2 shows it). */
    public InetAddress localOrAddress() {
        return local != null ? local : address;
    }

    static boolean isIp(int family) {
        return family == io.jsock.Sockets.AF_INET || family == io.jsock.Sockets.AF_INET6;
    }

    @Override
    public String toString() {
        InetAddress own = localOrAddress();
        return "Address[" + (own == null ? "?" : own.getHostAddress()) + "/" + prefixLength + " on " + index + ", scope " + scope + "]";
    }
}
