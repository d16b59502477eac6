package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A network interface as RTM_NEWLINK describes it: the {@code ifinfomsg} header and the common
 * IFLA_ attributes, typed; every attribute, the rest included, stays in {@link #attributes()}.
 * A number the kernel did not send is null; {@link #index()}, {@link #type()} and
 * {@link #flags()} are always there.
 *
 * @param type ARPHRD_ hardware type
 * @param flags IFF_ flags
 * @param master index of the master device (IFLA_MASTER)
 * @param link index of the device this one is tied to (IFLA_LINK: a veth's peer, a vlan's parent)
 * @param linkNetnsId namespace id of the {@code link} device when it lives in another namespace
 * @param operState IF_OPER_ operational state (RFC 2863)
 * @param linkMode IF_LINK_MODE_ mode
 * @param kind the driver's kind (IFLA_INFO_KIND: veth, dummy, bridge, ...)
 */
public record Link(int family, int type, int index, int flags, String name, Integer mtu, String qdisc,
                   Integer master, Integer link, Integer linkNetnsId, Integer operState, Integer linkMode,
                   Integer group, Integer txQueueLength, byte[] address, byte[] broadcast, byte[] permanentAddress,
                   String kind, String alias, List<String> alternativeNames, NetlinkAttributes attributes) {
    static final Field FAMILY = Field.of("ifinfomsg", "ifi_family");
    static final Field TYPE = Field.of("ifinfomsg", "ifi_type");
    static final Field INDEX = Field.of("ifinfomsg", "ifi_index");
    static final Field FLAGS = Field.of("ifinfomsg", "ifi_flags");
    static final Field CHANGE = Field.of("ifinfomsg", "ifi_change");
    static final int HEADER = io.jsock.internal.Consts.sizeOf("ifinfomsg");

    public Link {
        address = address == null ? null : address.clone();
        broadcast = broadcast == null ? null : broadcast.clone();
        permanentAddress = permanentAddress == null ? null : permanentAddress.clone();
        alternativeNames = List.copyOf(alternativeNames);
    }

    /**
     * The link an RTM_NEWLINK or RTM_DELLINK message describes.
     *
     * @throws NetlinkParseException if the message is too short or an attribute has the wrong size
     */
    public static Link decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (p.limit() < HEADER) throw new NetlinkParseException("ifinfomsg of " + p.limit() + " bytes, not " + HEADER);
        NetlinkAttributes a = NetlinkAttributes.parse(p, HEADER, p.limit() - HEADER);
        NetlinkAttributes info = a.nested(IFLA_LINKINFO);
        List<String> alt = new ArrayList<>();
        for (NetlinkAttribute name : a.nested(IFLA_PROP_LIST).getAll(IFLA_ALT_IFNAME)) alt.add(name.string());
        return new Link(FAMILY.getInt(p, 0), TYPE.getInt(p, 0), INDEX.getInt(p, 0), FLAGS.getInt(p, 0),
                a.string(IFLA_IFNAME), a.u32(IFLA_MTU), a.string(IFLA_QDISC), a.u32(IFLA_MASTER), a.u32(IFLA_LINK),
                a.u32(IFLA_LINK_NETNSID), a.u8(IFLA_OPERSTATE), a.u8(IFLA_LINKMODE), a.u32(IFLA_GROUP), a.u32(IFLA_TXQLEN),
                a.bytes(IFLA_ADDRESS), a.bytes(IFLA_BROADCAST), a.bytes(IFLA_PERM_ADDRESS), info.string(IFLA_INFO_KIND),
                a.string(IFLA_IFALIAS), alt, a);
    }

    /** IFF_UP: administratively up. */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    @Override public byte[] address() { return address == null ? null : address.clone(); }

    @Override public byte[] broadcast() { return broadcast == null ? null : broadcast.clone(); }

    @Override public byte[] permanentAddress() { return permanentAddress == null ? null : permanentAddress.clone(); }

    @Override
    public String toString() {
        return "Link[" + index + ": " + name + ", type " + type + ", flags 0x" + Integer.toHexString(flags)
                + (mtu != null ? ", mtu " + mtu : "") + (kind != null ? ", " + kind : "") + "]";
    }
}
