package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.internal.Consts;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A neighbour table entry (ARP, NDP, bridge FDB) as RTM_NEWNEIGH describes it: the {@code ndmsg}
 * header and the common NDA_ attributes, typed; every attribute stays in {@link #attributes()}.
 *
 * @param state NUD_ state bits
 * @param flags NTF_ flags
 * @param type RTN_ type
 * @param destination NDA_DST, for AF_INET and AF_INET6 entries
 * @param linkLayerAddress NDA_LLADDR, or null
 */
public record Neighbour(int family, int index, int state, int flags, int type, InetAddress destination,
                        byte[] linkLayerAddress, Integer probes, NetlinkAttributes attributes) {
    static final Field FAMILY = Field.of("ndmsg", "ndm_family");
    static final Field INDEX = Field.of("ndmsg", "ndm_ifindex");
    static final Field STATE = Field.of("ndmsg", "ndm_state");
    static final Field FLAGS = Field.of("ndmsg", "ndm_flags");
    static final Field TYPE = Field.of("ndmsg", "ndm_type");
    static final int HEADER = Consts.sizeOf("ndmsg");

    public Neighbour {
        linkLayerAddress = linkLayerAddress == null ? null : linkLayerAddress.clone();
    }

    /**
     * The entry an RTM_NEWNEIGH or RTM_DELNEIGH message describes.
     *
     * @throws NetlinkParseException if the message is too short or an attribute has the wrong size
     */
    public static Neighbour decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (p.limit() < HEADER) throw new NetlinkParseException("ndmsg of " + p.limit() + " bytes, not " + HEADER);
        NetlinkAttributes a = NetlinkAttributes.parse(p, HEADER, p.limit() - HEADER);
        int family = FAMILY.getInt(p, 0);
        return new Neighbour(family, INDEX.getInt(p, 0), STATE.getInt(p, 0), FLAGS.getInt(p, 0), TYPE.getInt(p, 0),
                Address.isIp(family) ? a.address(NDA_DST) : null, a.bytes(NDA_LLADDR), a.u32(NDA_PROBES), a);
    }

    @Override public byte[] linkLayerAddress() { return linkLayerAddress == null ? null : linkLayerAddress.clone(); }

    @Override
    public String toString() {
        return "Neighbour[" + (destination == null ? "?" : destination.getHostAddress()) + " on " + index
                + ", state 0x" + Integer.toHexString(state) + "]";
    }
}
