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
    public static final int MAX_ATTRIBUTE = 0xFFFF;
    /** The longest value an attribute can carry: {@link #MAX_ATTRIBUTE} less its header. */
    public static final int MAX_ATTRIBUTE_VALUE = MAX_ATTRIBUTE - NetlinkAttribute.HEADER_LENGTH;
    /**
     * The longest message this builder makes. nlmsg_len is a u32, but a message is built in one
     * Java buffer, whose size is an int (and the JVM keeps a few bytes of the largest arrays).
     */
    public static final int MAX_MESSAGE = Integer.MAX_VALUE - 8;

    private final int type;
    private final String name;
    private int flags;
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private int length = NetlinkMessage.HEADER_LENGTH;

    /**
     * A message of {@code type} with NLM_F_ flags (NLM_F_REQUEST is added when it is sent).
     *
     * @throws IllegalArgumentException a type or flags outside the 16 bits of nlmsg_type and nlmsg_flags
     */
    public MessageBuilder(int type, int flags) {
        this(type, flags, null);
    }

    /** As {@link #MessageBuilder(int, int)}, with a name for error messages, such as {@code "RTM_NEWADDR"}. */
    public MessageBuilder(int type, int flags, String name) {
        if (type < 0 || type > 0xFFFF) throw new IllegalArgumentException("type: nlmsg_type is 16 bits, not " + type);
        checkFlags(flags, "flags");
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
        checkFlags(more, "more");
        flags |= more;
        return this;
    }

    private static void checkFlags(int flags, String argument) {
        if ((flags & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(argument + ": nlmsg_flags is 16 bits, not 0x" + Integer.toHexString(flags));
        }
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
        if (size < 0) throw new IllegalArgumentException("size: negative (" + size + ")");
        int at = length;
        append(NetlinkMessage.align((long) size), "size");
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
        check(fieldAt(field, base), field.size());
        field.put(buf, base, value);
        return this;
    }

    MessageBuilder set(Field field, int base, byte[] value) {
        check(fieldAt(field, base), field.size());
        field.put(buf, base, value);
        return this;
    }

    // ---- attributes. A type may carry the flag bits NLA_F_NESTED and NLA_F_NET_BYTEORDER.

    /** An attribute with these bytes as its value: at most {@link #MAX_ATTRIBUTE_VALUE} of them. */
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
        checkValue(text.length + 1L); // and the NUL
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
        if (len > MAX_ATTRIBUTE) {
            throw new IllegalArgumentException("start: the attribute begun there is " + len + " bytes, more than the "
                    + MAX_ATTRIBUTE + " nla_len can say");
        }
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
        checkValue(valueLength);
        if (type < 0 || type > 0xFFFF) throw new IllegalArgumentException("type: nla_type is 16 bits, not " + type);
        int at = length;
        append(NetlinkMessage.align((long) NetlinkAttribute.HEADER_LENGTH + valueLength), "value");
        NLA_LEN.put(buf, at, NetlinkAttribute.HEADER_LENGTH + valueLength);
        NLA_TYPE.put(buf, at, type);
        return at;
    }

    /** nla_len is a u16 that counts the header: a longer value cannot be encoded. */
    private static void checkValue(long valueLength) {
        if (valueLength > MAX_ATTRIBUTE_VALUE) {
            throw new IllegalArgumentException("value: an attribute value of " + valueLength + " bytes, at most "
                    + MAX_ATTRIBUTE_VALUE + " (nla_len is 16 bits and counts the " + NetlinkAttribute.HEADER_LENGTH
                    + "-byte header)");
        }
    }

    /**
     * Appends {@code more} zero bytes, after checking that the message stays within
     * {@link #MAX_MESSAGE}; {@code argument} is the caller's argument that asked for them.
     */
    private void append(long more, String argument) {
        long need = length + more;
        if (more < 0 || need > MAX_MESSAGE) {
            throw new IllegalArgumentException(argument + ": " + more + " more bytes make a message of " + need
                    + " bytes, more than the " + MAX_MESSAGE + " a message can have");
        }
        if (need > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(need, Math.min(MAX_MESSAGE, 2L * buf.capacity())))
                    .order(ByteOrder.nativeOrder());
            bigger.put(0, buf, 0, length);
            buf = bigger;
        }
        for (int i = length; i < need; i++) buf.put(i, (byte) 0);
        length = (int) need;
    }

    /** Where {@code field} of the struct reserved at {@code base} starts; outside the message is refused by check. */
    private int fieldAt(Field field, int base) {
        long at = (long) base + field.offset();
        return at > Integer.MAX_VALUE ? -1 : (int) at;
    }

    private void check(int offset, int size) {
        if (offset < NetlinkMessage.HEADER_LENGTH || size < 0 || offset > length - size) {
            throw new IndexOutOfBoundsException("bytes " + offset + ".." + (offset + size) + " are outside the reserved "
                    + NetlinkMessage.HEADER_LENGTH + ".." + length);
        }
    }
}
