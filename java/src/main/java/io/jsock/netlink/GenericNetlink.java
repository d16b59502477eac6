package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Generic netlink over a {@link NetlinkConnection}: families resolved by name through the
 * controller (nlctrl), and requests to a family as command plus attributes.
 *
 * <pre>{@code
 * try (GenericNetlink genl = GenericNetlink.open()) {
 *     GenlFamily f = genl.family("nlctrl");
 *     List<GenlMessage> r = genl.request(f, CTRL_CMD_GETFAMILY, m -> m.attrString(CTRL_ATTR_FAMILY_NAME, "nlctrl"));
 * }
 * }</pre>
 */
public final class GenericNetlink implements Closeable {
    /**
     * The version sent in requests to the controller. The kernel does not check a request's
     * version; 1 is what libnl and pyroute2 send.
     */
    private static final int CTRL_REQUEST_VERSION = 1;

    /** Where a family's own header starts in a request: after the nlmsghdr and the genlmsghdr. */
    public static final int FAMILY_HEADER_OFFSET = NetlinkMessage.HEADER_LENGTH + GenlMessage.HEADER;

    private final NetlinkConnection connection;

    private GenericNetlink(NetlinkConnection connection) {
        this.connection = connection;
    }

    /** A NETLINK_GENERIC connection of its own. */
    public static GenericNetlink open() throws IOException {
        return new GenericNetlink(NetlinkConnection.open(NETLINK_GENERIC));
    }

    /** Over an existing NETLINK_GENERIC connection; closing this closes it. */
    public static GenericNetlink over(NetlinkConnection connection) {
        if (connection.protocol() != NETLINK_GENERIC) {
            throw new IllegalArgumentException("generic netlink needs a NETLINK_GENERIC connection, not protocol " + connection.protocol());
        }
        return new GenericNetlink(connection);
    }

    public NetlinkConnection connection() {
        return connection;
    }

    /** The family of this name (CTRL_CMD_GETFAMILY): ENOENT when the kernel has none by that name. */
    public GenlFamily family(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        List<NetlinkMessage> replies = connection.execute(message(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_REQUEST_VERSION, 0,
                "CTRL_CMD_GETFAMILY", m -> m.attrString(CTRL_ATTR_FAMILY_NAME, name)));
        for (NetlinkMessage m : replies) {
            if (m.type() == GENL_ID_CTRL) return GenlFamily.decode(m);
        }
        throw new java.net.ProtocolException("CTRL_CMD_GETFAMILY: the kernel acknowledged without a reply");
    }

    /** Every family the kernel has (a CTRL_CMD_GETFAMILY dump). */
    public List<GenlFamily> families() throws IOException {
        List<GenlFamily> out = new ArrayList<>();
        for (NetlinkMessage m : connection.execute(message(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_REQUEST_VERSION, NLM_F_DUMP,
                "CTRL_CMD_GETFAMILY", m -> { }))) {
            if (m.type() == GENL_ID_CTRL) out.add(GenlFamily.decode(m));
        }
        return out;
    }

    /**
     * Sends {@code command} to {@code family} (at the family's version) with the attributes
     * {@code attributes} adds, and returns the replies the kernel sends before its ACK. A family
     * with a header of its own finds it reserved, zeroed, at {@link #FAMILY_HEADER_OFFSET}.
     */
    public List<GenlMessage> request(GenlFamily family, int command, Consumer<MessageBuilder> attributes) throws IOException {
        return exchange(family, command, 0, attributes);
    }

    /** As {@link #request}, as a dump (NLM_F_DUMP): every message of the dump. */
    public List<GenlMessage> dump(GenlFamily family, int command, Consumer<MessageBuilder> attributes) throws IOException {
        return exchange(family, command, NLM_F_DUMP, attributes);
    }

    /** Joins the family's multicast group of this name: its notifications come with {@link NetlinkConnection#receive()}. */
    public void joinGroup(GenlFamily family, String group) throws IOException {
        GenlFamily.MulticastGroup g = family.group(group);
        if (g == null) throw new IllegalArgumentException("family " + family.name() + " has no multicast group '" + group + "'");
        connection.joinGroup(g.id());
    }

    private List<GenlMessage> exchange(GenlFamily family, int command, int flags, Consumer<MessageBuilder> attributes) throws IOException {
        List<NetlinkMessage> replies = connection.execute(message(family.id(), command, family.version(), flags,
                family.name() + " command " + command, m -> {
                    m.reserve(family.headerSize());
                    attributes.accept(m);
                }));
        List<GenlMessage> out = new ArrayList<>(replies.size());
        for (NetlinkMessage m : replies) {
            if (m.type() == family.id()) out.add(GenlMessage.decode(m, family.headerSize()));
        }
        return out;
    }

    private static MessageBuilder message(int familyId, int command, int version, int flags, String name,
                                          Consumer<MessageBuilder> attributes) {
        MessageBuilder m = new MessageBuilder(familyId, flags, name);
        int h = m.reserve(GenlMessage.HEADER);
        m.set(GenlMessage.CMD, h, command);
        m.set(GenlMessage.VERSION, h, version);
        attributes.accept(m);
        return m;
    }

    @Override
    public void close() {
        connection.close();
    }
}
