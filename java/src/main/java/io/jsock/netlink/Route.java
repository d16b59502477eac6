package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.internal.Consts;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A route as RTM_NEWROUTE describes it: the {@code rtmsg} header and the common RTA_ attributes,
 * typed; every attribute (RTA_MULTIPATH, RTA_METRICS, ...) stays in {@link #attributes()}. A value
 * the kernel did not send is null. Addresses are decoded for AF_INET and AF_INET6 routes only.
 *
 * @param table the table (RTA_TABLE when present: the header holds only 8 bits)
 * @param protocol RTPROT_ origin of the route
 * @param scope RT_SCOPE_ scope
 * @param type RTN_ type
 * @param flags RTM_F_ and RTNH_F_ flags
 * @param destination RTA_DST; null for the default route
 * @param outputInterface RTA_OIF, the index of the outgoing interface
 * @param priority RTA_PRIORITY, the metric
 */
public record Route(int family, int destinationLength, int sourceLength, int tos, int table, int protocol, int scope,
                    int type, int flags, InetAddress destination, InetAddress source, InetAddress gateway,
                    InetAddress preferredSource, Integer outputInterface, Integer inputInterface, Integer priority,
                    NetlinkAttributes attributes) {
    static final Field FAMILY = Field.of("rtmsg", "rtm_family");
    static final Field DST_LEN = Field.of("rtmsg", "rtm_dst_len");
    static final Field SRC_LEN = Field.of("rtmsg", "rtm_src_len");
    static final Field TOS = Field.of("rtmsg", "rtm_tos");
    static final Field TABLE = Field.of("rtmsg", "rtm_table");
    static final Field PROTOCOL = Field.of("rtmsg", "rtm_protocol");
    static final Field SCOPE = Field.of("rtmsg", "rtm_scope");
    static final Field TYPE = Field.of("rtmsg", "rtm_type");
    static final Field FLAGS = Field.of("rtmsg", "rtm_flags");
    static final int HEADER = Consts.sizeOf("rtmsg");

    /**
     * The route an RTM_NEWROUTE or RTM_DELROUTE message describes.
     *
     * @throws NetlinkParseException if the message is too short or an attribute has the wrong size
     */
    public static Route decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (p.limit() < HEADER) throw new NetlinkParseException("rtmsg of " + p.limit() + " bytes, not " + HEADER);
        NetlinkAttributes a = NetlinkAttributes.parse(p, HEADER, p.limit() - HEADER);
        int family = FAMILY.getInt(p, 0);
        boolean ip = Address.isIp(family);
        Integer table = a.u32(RTA_TABLE);
        return new Route(family, DST_LEN.getInt(p, 0), SRC_LEN.getInt(p, 0), TOS.getInt(p, 0),
                table != null ? table : TABLE.getInt(p, 0), PROTOCOL.getInt(p, 0), SCOPE.getInt(p, 0), TYPE.getInt(p, 0),
                FLAGS.getInt(p, 0), ip ? a.address(RTA_DST) : null, ip ? a.address(RTA_SRC) : null,
                ip ? a.address(RTA_GATEWAY) : null, ip ? a.address(RTA_PREFSRC) : null, a.u32(RTA_OIF), a.u32(RTA_IIF),
                a.u32(RTA_PRIORITY), a);
    }

    @Override
    public String toString() {
        return "Route[" + (destination == null ? "default" : destination.getHostAddress()) + "/" + destinationLength
                + (gateway != null ? " via " + gateway.getHostAddress() : "") + (outputInterface != null ? " dev " + outputInterface : "")
                + ", table " + Integer.toUnsignedString(table) + ", type " + type + "]";
    }
}
