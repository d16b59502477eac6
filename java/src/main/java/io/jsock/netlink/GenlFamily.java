package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import java.util.ArrayList;
import java.util.List;

/**
 * A generic netlink family as the controller (nlctrl) describes it: the id to send its requests
 * to, its name and version, the size of its own header, its operations and multicast groups.
 *
 * @param headerSize bytes of the family's own header after the genlmsghdr (usually 0)
 * @param maxAttribute the highest attribute type the family knows
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttribute,
                         List<Operation> operations, List<MulticastGroup> groups) {

    /** A command the family accepts, and its GENL_ flags (GENL_ADMIN_PERM, GENL_CMD_CAP_DO, ...). */
    public record Operation(int id, int flags) {}

    /** A multicast group: join it by its id with {@link NetlinkConnection#joinGroup}. */
    public record MulticastGroup(String name, int id) {}

    public GenlFamily {
        operations = List.copyOf(operations);
        groups = List.copyOf(groups);
    }

    /**
     * The family a CTRL_CMD_NEWFAMILY message (a reply of CTRL_CMD_GETFAMILY) describes.
     *
     * @throws NetlinkParseException if the message is malformed or lacks the family's id or name
     */
    public static GenlFamily decode(NetlinkMessage m) {
        GenlMessage g = GenlMessage.decode(m, 0);
        NetlinkAttributes a = g.attributes();
        Integer id = a.u16(CTRL_ATTR_FAMILY_ID);
        String name = a.string(CTRL_ATTR_FAMILY_NAME);
        if (id == null || name == null) throw new NetlinkParseException("a family description without its id or name");
        List<Operation> ops = new ArrayList<>();
        for (NetlinkAttribute op : a.nested(CTRL_ATTR_OPS)) {
            NetlinkAttributes o = op.attributes();
            Integer opId = o.u32(CTRL_ATTR_OP_ID);
            Integer flags = o.u32(CTRL_ATTR_OP_FLAGS);
            if (opId != null) ops.add(new Operation(opId, flags == null ? 0 : flags));
        }
        List<MulticastGroup> groups = new ArrayList<>();
        for (NetlinkAttribute grp : a.nested(CTRL_ATTR_MCAST_GROUPS)) {
            NetlinkAttributes o = grp.attributes();
            String groupName = o.string(CTRL_ATTR_MCAST_GRP_NAME);
            Integer groupId = o.u32(CTRL_ATTR_MCAST_GRP_ID);
            if (groupName != null && groupId != null) groups.add(new MulticastGroup(groupName, groupId));
        }
        int headerSize = orZero(a.u32(CTRL_ATTR_HDRSIZE));
        if (headerSize < 0) {
            throw new NetlinkParseException("CTRL_ATTR_HDRSIZE " + Integer.toUnsignedString(headerSize) + ": no message holds such a header");
        }
        return new GenlFamily(id, name, orZero(a.u32(CTRL_ATTR_VERSION)), headerSize, orZero(a.u32(CTRL_ATTR_MAXATTR)), ops, groups);
    }

    /** The multicast group of this name, or null. */
    public MulticastGroup group(String groupName) {
        for (MulticastGroup g : groups) {
            if (g.name().equals(groupName)) return g;
        }
        return null;
    }

    /** The operation with this command id, or null. */
    public Operation operation(int command) {
        for (Operation o : operations) {
            if (o.id() == command) return o;
        }
        return null;
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
