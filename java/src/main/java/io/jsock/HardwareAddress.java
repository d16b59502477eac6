package io.jsock;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An interface's hardware address as {@link Ioctl#siocgifhwaddr} reports it: the ARPHRD_ type
 * of the link ({@link Sockets#ARPHRD_ETHER}, {@link Sockets#ARPHRD_LOOPBACK}, ...) and the
 * address bytes.
 *
 * <p>The ioctl does not say how long the address is: for Ethernet and loopback links the bytes are
 * cut to an Ethernet address's length, for links without an address (ARPHRD_NONE, ARPHRD_VOID)
 * there are none, and for other links they are the whole 14-byte field, zero-padded after the
 * address (and cut there, for an address longer than that).
 */
public record HardwareAddress(int type, byte[] address) {
    public HardwareAddress {
        address = Objects.requireNonNull(address, "address").clone();
    }

    /** A copy of the address bytes. */
    @Override public byte[] address() {
        return address.clone();
    }

    @Override public boolean equals(Object o) {
        return o instanceof HardwareAddress h && h.type == type && Arrays.equals(h.address, address);
    }

    @Override public int hashCode() {
        return type * 31 + Arrays.hashCode(address);
    }

    /** The address as {@code ip link} writes it: lower-case hex bytes joined by colons. */
    public String text() {
        return HexFormat.ofDelimiter(":").formatHex(address);
    }

    @Override public String toString() {
        return "HardwareAddress[type=" + type + ", address=" + text() + "]";
    }
}
