package io.jsock.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * A list of netlink attributes as the kernel packs them: each an {@code nlattr} header and its
 * value, padded to the alignment. Lookups by type return the last attribute of that type, as
 * iproute2's parse_rtattr and the kernel's nla_parse keep it.
 */
public final class NetlinkAttributes implements Iterable<NetlinkAttribute> {
    private static final Field LEN = Field.of("nlattr", "nla_len");
    private static final Field TYPE = Field.of("nlattr", "nla_type");

    public static final NetlinkAttributes EMPTY = new NetlinkAttributes(List.of());

    private final List<NetlinkAttribute> list;

    private NetlinkAttributes(List<NetlinkAttribute> list) {
        this.list = list;
    }

    /**
     * The attributes in {@code length} bytes at {@code offset} of {@code in} (absolute; the buffer
     * is not moved). Fewer bytes than a header at the end are taken as padding, as nla_parse does.
     *
     * @throws NetlinkParseException if an attribute is shorter than its header or runs past the end
     */
    public static NetlinkAttributes parse(ByteBuffer in, int offset, int length) {
        if (offset < 0 || length < 0 || offset > in.limit() - length) {
            throw new NetlinkParseException("attributes at " + offset + " of length " + length + " outside a buffer of " + in.limit());
        }
        ByteBuffer area = in.slice(offset, length).order(ByteOrder.nativeOrder());
        List<NetlinkAttribute> out = new ArrayList<>();
        int at = 0;
        while (length - at >= NetlinkAttribute.HEADER_LENGTH) {
            int len = LEN.getInt(area, at);
            int rawType = TYPE.getInt(area, at);
            if (len < NetlinkAttribute.HEADER_LENGTH || len > length - at) {
                throw new NetlinkParseException("nla_len " + len + " of attribute type " + (rawType & NetlinkAttribute.TYPE_MASK)
                        + " at offset " + (offset + at) + " (" + (length - at) + " bytes left)");
            }
            ByteBuffer value = area.slice(at + NetlinkAttribute.HEADER_LENGTH, len - NetlinkAttribute.HEADER_LENGTH);
            out.add(new NetlinkAttribute(rawType & NetlinkAttribute.TYPE_MASK, (rawType & NetlinkAttribute.F_NESTED) != 0,
                    (rawType & NetlinkAttribute.F_NET_BYTEORDER) != 0, value));
            at += (int) Math.min(NetlinkMessage.align((long) len), length - at);
        }
        return new NetlinkAttributes(Collections.unmodifiableList(out));
    }

    /** Every attribute, in the order the kernel packed them. */
    public List<NetlinkAttribute> list() {
        return list;
    }

    public int size() {
        return list.size();
    }

    @Override
    public Iterator<NetlinkAttribute> iterator() {
        return list.iterator();
    }

    /** The last attribute of this type, or null. */
    public NetlinkAttribute get(int type) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).type() == type) return list.get(i);
        }
        return null;
    }

    /** Every attribute of this type, in order (for types the kernel repeats). */
    public List<NetlinkAttribute> getAll(int type) {
        List<NetlinkAttribute> out = new ArrayList<>();
        for (NetlinkAttribute a : list) {
            if (a.type() == type) out.add(a);
        }
        return out;
    }

    public boolean has(int type) {
        return get(type) != null;
    }

    /** The 8-bit value of this type, or null when absent. */
    public Integer u8(int type) {
        return valueOf(type, NetlinkAttribute::u8);
    }

    public Integer u16(int type) {
        return valueOf(type, NetlinkAttribute::u16);
    }

    /** The 32-bit value of this type (unsigned), or null when absent. */
    public Integer u32(int type) {
        return valueOf(type, NetlinkAttribute::u32);
    }

    public Long u64(int type) {
        return valueOf(type, NetlinkAttribute::u64);
    }

    /** The string of this type, or null when absent. */
    public String string(int type) {
        return valueOf(type, NetlinkAttribute::string);
    }

    /** A copy of the bytes of this type, or null when absent. */
    public byte[] bytes(int type) {
        return valueOf(type, NetlinkAttribute::bytes);
    }

    /** The IP address of this type, or null when absent. */
    public InetAddress address(int type) {
        return valueOf(type, NetlinkAttribute::address);
    }

    /** What {@code read} makes of the attribute of this type, or null when absent. */
    private <T> T valueOf(int type, Function<NetlinkAttribute, T> read) {
        NetlinkAttribute a = get(type);
        return a == null ? null : read.apply(a);
    }

    /** The attributes nested in this type, or {@link #EMPTY} when absent. */
    public NetlinkAttributes nested(int type) {
        NetlinkAttribute a = get(type);
        return a == null ? EMPTY : a.attributes();
    }

    @Override
    public String toString() {
        return "NetlinkAttributes" + list;
    }
}
