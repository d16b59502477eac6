package io.jsock.netlink;

import io.jsock.internal.Consts;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One netlink attribute ({@code struct nlattr} and its value): the type without its flag bits,
 * the two flags NLA_F_NESTED and NLA_F_NET_BYTEORDER, and the value's bytes (without padding).
 * The typed readers check the value's length and honour the byte-order flag.
 */
public record NetlinkAttribute(int type, boolean nested, boolean netByteOrder, ByteBuffer value) {
    /** NLA_F_NESTED: the value is itself a list of attributes. */
    public static final int F_NESTED = Consts.get("NLA_F_NESTED");
    /** NLA_F_NET_BYTEORDER: the value is in network (big-endian) byte order. */
    public static final int F_NET_BYTEORDER = Consts.get("NLA_F_NET_BYTEORDER");
    /** NLA_TYPE_MASK: the bits of nla_type that are the type. */
    public static final int TYPE_MASK = Consts.get("NLA_TYPE_MASK");
    /** NLA_HDRLEN: the aligned header length, where the value starts. */
    public static final int HEADER_LENGTH = Consts.get("NLA_HDRLEN");

    public NetlinkAttribute {
        value = value.slice().asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** The value from position 0 to its end; each call gives an independent, read-only view. */
    @Override
    public ByteBuffer value() {
        return value.duplicate().order(ByteOrder.nativeOrder());
    }

    /** The value's length in bytes. */
    public int length() {
        return value.remaining();
    }

    public int u8() {
        need(1);
        return Byte.toUnsignedInt(value.get(0));
    }

    /** A 16-bit value, big-endian when NLA_F_NET_BYTEORDER is set, else native. */
    public int u16() {
        need(2);
        return Short.toUnsignedInt(ordered().getShort(0));
    }

    /** A 32-bit value (unsigned: see {@link Integer#toUnsignedLong}), byte order as {@link #u16()}. */
    public int u32() {
        need(4);
        return ordered().getInt(0);
    }

    public long u64() {
        need(8);
        return ordered().getLong(0);
    }

    /** A 16-bit value in network byte order, whatever the flag says (ports, ethertypes). */
    public int be16() {
        need(2);
        return Short.toUnsignedInt(value.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(0));
    }

    /** A 32-bit value in network byte order, whatever the flag says. */
    public int be32() {
        need(4);
        return value.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    /** A string: the value up to its first NUL (or all of it), as UTF-8. */
    public String string() {
        int n = 0;
        int len = value.remaining();
        while (n < len && value.get(n) != 0) n++;
        byte[] b = new byte[n];
        value.get(0, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A copy of the value's bytes. */
    public byte[] bytes() {
        byte[] b = new byte[value.remaining()];
        value.get(0, b);
        return b;
    }

    /**
     * An IP address: 4 bytes are IPv4, 16 are IPv6 (an IPv4-mapped one stays IPv6).
     *
     * @throws NetlinkParseException for any other length
     */
    public InetAddress address() {
        int len = value.remaining();
        if (len != 4 && len != 16) throw new NetlinkParseException("attribute " + type + ": an IP address of " + len + " bytes");
        try {
            return len == 4 ? InetAddress.getByAddress(bytes()) : Inet6Address.getByAddress(null, bytes(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The attributes nested in the value. The NLA_F_NESTED flag is not required: the kernel
     * leaves it off many nests that predate it.
     *
     * @throws NetlinkParseException if the value is not a well-formed list of attributes
     */
    public NetlinkAttributes attributes() {
        return NetlinkAttributes.parse(value, 0, value.remaining());
    }

    private ByteBuffer ordered() {
        return netByteOrder ? value.duplicate().order(ByteOrder.BIG_ENDIAN) : value;
    }

    private void need(int size) {
        if (value.remaining() != size) {
            throw new NetlinkParseException("attribute " + type + " has " + value.remaining() + " bytes, not the " + size + " of its type");
        }
    }

    @Override
    public String toString() {
        return "NetlinkAttribute[type=" + type + (nested ? ", nested" : "") + (netByteOrder ? ", net byte order" : "")
                + ", " + value.remaining() + " bytes]";
    }
}
