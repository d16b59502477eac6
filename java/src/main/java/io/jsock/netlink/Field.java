package io.jsock.netlink;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;

/**
 * One field of a kernel struct: its offset and width as the shim read them from the headers
 * ({@code ifinfomsg.ifi_type} is two bytes at offset 2), so no layout is typed by hand here.
 * Reads are unsigned and in native byte order, and checked against the buffer's limit.
 */
record Field(String name, int offset, int size) {

    static Field of(String struct, String field) {
        return new Field(struct + "." + field, Consts.offsetOf(struct, field), Consts.layout("sizeof(" + struct + "." + field + ")"));
    }

    /** The field as an unsigned number, in the struct that starts at {@code base}. */
    long get(ByteBuffer in, int base) {
        int at = within(in, base);
        switch (size) {
            case 1: return Byte.toUnsignedLong(in.get(at));
            case 2: return Short.toUnsignedLong(in.getShort(at));
            case 4: return Integer.toUnsignedLong(in.getInt(at));
            case 8: return in.getLong(at);
            default: throw new IllegalStateException(name + " is " + size + " bytes, not a number");
        }
    }

    int getInt(ByteBuffer in, int base) {
        return (int) get(in, base);
    }

    /** The field's raw bytes (an array field such as {@code inet_diag_sockid.idiag_src}). */
    byte[] bytes(ByteBuffer in, int base) {
        int at = within(in, base);
        byte[] out = new byte[size];
        in.get(at, out);
        return out;
    }

    /** Where the field of a struct at {@code base} starts, if all of it is inside {@code in}'s limit. */
    private int within(ByteBuffer in, int base) {
        long at = (long) base + offset;
        if (base < 0 || at + size > in.limit()) {
            throw new NetlinkParseException(name + " at " + at + " runs past the end of " + in.limit() + " bytes");
        }
        return (int) at;
    }

    void put(ByteBuffer out, int base, long value) {
        int at = base + offset;
        switch (size) {
            case 1: out.put(at, (byte) value); break;
            case 2: out.putShort(at, (short) value); break;
            case 4: out.putInt(at, (int) value); break;
            case 8: out.putLong(at, value); break;
            default: throw new IllegalStateException(name + " is " + size + " bytes, not a number");
        }
    }

    void put(ByteBuffer out, int base, byte[] value) {
        if (value.length > size) throw new IllegalArgumentException(name + " holds " + size + " bytes, not " + value.length);
        out.put(base + offset, value);
    }
}
