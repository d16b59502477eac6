package io.jsock.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds one netlink request: the header (whose length, sequence number and port id the
 * connection fills when it sends), a fixed struct reserved with {@link #reserve}, and attributes,
 * nested ones included. Every attribute starts aligned, and its padding is zero.
 *
 * <pre>{@code
 * MessageBuilder m = new MessageBuilder(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, "RTM_NEWLINK");
 * m.reserve(sizeOfIfinfomsg);
 * m.attrString(IFLA_IFNAME, "dummy0");
 * int info = m.beginNested(IFLA_LINKINFO);
 * m.attrString(IFLA_INFO_KIND, "dummy");
 * m.end(info);
 * }</pre>
 */
public final class MessageBuilder {
    private static final Field NLA_LEN = Field.of("nlattr", "nla_len");
    private static final Field NLA_TYPE = Field.of("nlattr", "nla_type");
    /** nla_len is 16 bits: no attribute, nest included, can be longer. */
    private static final int MAX_ATTRIBUTE = 0xFFFF;

    private final int type;
    private final String name;
    private int flags;
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private int length = NetlinkMessage.HEADER_LENGTH;

    /** A message of {@code type} with NLM_F_ flags (NLM_F_REQUEST is added when it is sent). */
    public MessageBuilder(int type, int flags) {
        this(type, flags, null);
    }

    /** As {@link #MessageBuilder(int, int)}, with a name for error messages, such as {@code "RTM_NEWADDR"}. */
    public MessageBuilder(int type, int flags, String name) {
        if (type < 0 || type > 0xFFFF) throw new IllegalArgumentException("nlmsg_type is 16 bits, not " + type);
        this.type = type;
        this.flags = flags;
        this.name = name;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    /** Adds NLM_F_ flags. */
    public MessageBuilder addFlags(int more) {
        flags |= more;
        return this;
    }

    /** The name given, or {@code "netlink message type N"}. */
    public String name() {
        return name != null ? name : "netlink message type " + type;
    }

    /** The message's length so far, header included. */
    public int length() {
        return length;
    }

    /**
     * Appends {@code size} zero bytes (and zero padding up to the alignment) for a fixed struct,
     * and returns their offset in the message, for the {@code put} methods.
     */
    public int reserve(int size) {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        int at = length;
        grow(NetlinkMessage.align(size));
        length += NetlinkMessage.align(size);
        return at;
    }

    public MessageBuilder putU8(int offset, int value) {
        check(offset, 1);
        buf.put(offset, (byte) value);
        return this;
    }

    public MessageBuilder putU16(int offset, int value) {
        check(offset, 2);
        buf.putShort(offset, (short) value);
        return this;
    }

    public MessageBuilder putU32(int offset, int value) {
        check(offset, 4);
        buf.putInt(offset, value);
        return this;
    }

    public MessageBuilder putU64(int offset, long value) {
        check(offset, 8);
        buf.putLong(offset, value);
        return this;
    }

    public MessageBuilder putBytes(int offset, byte[] value) {
        check(offset, value.length);
        buf.put(offset, value);
        return this;
    }

    /** A field of a struct reserved at {@code base}, at the offset and width the headers give. */
    MessageBuilder set(Field field, int base, long value) {
        check(base + field.offset(), field.size());
        field.put(buf, base, value);
        return this;
    }

    MessageBuilder set(Field field, int base, byte[] value) {
        check(base + field.offset(), field.size());
        field.put(buf, base, value);
        return this;
    }

    // ---- attributes. A type may carry the flag bits NLA_F_NESTED and NLA_F_NET_BYTEORDER.

    /** An attribute with these bytes as its value. */
    public MessageBuilder attr(int type, byte[] value) {
        Objects.requireNonNull(value, "value");
        int at = header(type, value.length);
        buf.put(at + NetlinkAttribute.HEADER_LENGTH, value);
        return this;
    }

    /** An attribute with no value: a flag whose presence is the meaning. */
    public MessageBuilder attrFlag(int type) {
        header(type, 0);
        return this;
    }

    public MessageBuilder attrU8(int type, int value) {
        int at = header(type, 1);
        buf.put(at + NetlinkAttribute.HEADER_LENGTH, (byte) value);
        return this;
    }

    /** A 16-bit value in native byte order. */
    public MessageBuilder attrU16(int type, int value) {
        int at = header(type, 2);
        buf.putShort(at + NetlinkAttribute.HEADER_LENGTH, (short) value);
        return this;
    }

    /** A 32-bit value in native byte order. */
    public MessageBuilder attrU32(int type, int value) {
        int at = header(type, 4);
        buf.putInt(at + NetlinkAttribute.HEADER_LENGTH, value);
        return this;
    }

    public MessageBuilder attrU64(int type, long value) {
        int at = header(type, 8);
        buf.putLong(at + NetlinkAttribute.HEADER_LENGTH, value);
        return this;
    }

    /** A 16-bit value in network byte order (the NLA_F_NET_BYTEORDER flag only if {@code type} carries it). */
    public MessageBuilder attrBe16(int type, int value) {
        return attr(type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** A 32-bit value in network byte order (the NLA_F_NET_BYTEORDER flag only if {@code type} carries it). */
    public MessageBuilder attrBe32(int type, int value) {
        return attr(type, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** A string as the kernel reads one: UTF-8 and a terminating NUL. */
    public MessageBuilder attrString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : text) {
            if (b == 0) throw new IllegalArgumentException("string attribute " + type + " contains a NUL byte");
        }
        byte[] z = new byte[text.length + 1];
        System.arraycopy(text, 0, z, 0, text.length);
        return attr(type, z);
    }

    /** An IP address: its 4 or 16 bytes. */
    public MessageBuilder attrAddress(int type, InetAddress address) {
        return attr(type, address.getAddress());
    }

    /**
     * Opens a nested attribute (NLA_F_NESTED set): the attributes added until {@link #end} are its
     * value. Returns the handle for {@code end}.
     */
    public int beginNested(int type) {
        return begin(type | NetlinkAttribute.F_NESTED);
    }

    /**
     * Opens an attribute whose value is whatever is appended until {@link #end} (a struct and
     * attributes, as VETH_INFO_PEER), without the NLA_F_NESTED flag.
     */
    public int begin(int type) {
        return header(type, 0);
    }

    /** Closes the attribute opened at {@code start}: its length becomes everything appended since. */
    public MessageBuilder end(int start) {
        if (start < NetlinkMessage.HEADER_LENGTH || start + NetlinkAttribute.HEADER_LENGTH > length) {
            throw new IllegalArgumentException("no attribute was begun at " + start);
        }
        int len = length - start;
        if (len > MAX_ATTRIBUTE) throw new IllegalArgumentException("nested attribute of " + len + " bytes, at most " + MAX_ATTRIBUTE);
        NLA_LEN.put(buf, start, len);
        return this;
    }

    /**
     * The message's bytes with its header filled in: a new buffer in native byte order, position
     * 0, limit the message's length.
     */
    public ByteBuffer build(int seq, int portId) {
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        out.put(0, buf, 0, length);
        NetlinkMessage.putHeader(out, 0, length, type, flags, seq, portId);
        return out;
    }

    private int header(int type, int valueLength) {
        if (valueLength > MAX_ATTRIBUTE - NetlinkAttribute.HEADER_LENGTH) {
            throw new IllegalArgumentException("attribute value of " + valueLength + " bytes, at most "
                    + (MAX_ATTRIBUTE - NetlinkAttribute.HEADER_LENGTH));
        }
        if (type < 0 || type > 0xFFFF) throw new IllegalArgumentException("nla_type is 16 bits, not " + type);
        int at = length;
        int total = NetlinkMessage.align(NetlinkAttribute.HEADER_LENGTH + valueLength);
        grow(total);
        NLA_LEN.put(buf, at, NetlinkAttribute.HEADER_LENGTH + valueLength);
        NLA_TYPE.put(buf, at, type);
        length += total;
        return at;
    }

    private void grow(int more) {
        long need = (long) length + more;
        if (need > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("netlink message too long");
        if (need > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, 2L * buf.capacity())))
                    .order(ByteOrder.nativeOrder());
            bigger.put(0, buf, 0, length);
            buf = bigger;
        }
        for (int i = length; i < need; i++) buf.put(i, (byte) 0);
    }

    private void check(int offset, int size) {
        if (offset < NetlinkMessage.HEADER_LENGTH || size < 0 || offset > length - size) {
            throw new IndexOutOfBoundsException("bytes " + offset + ".." + (offset + size) + " are outside the reserved "
                    + NetlinkMessage.HEADER_LENGTH + ".." + length);
        }
    }
}
