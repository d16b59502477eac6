package io.jsock;

import java.util.Arrays;

/** What {@code recvfrom} returns: the data and the sender's address (null for an unnamed sender). */
public record Datagram(byte[] data, SockAddr address) {
    public Datagram {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && Arrays.equals(d.data, data) && java.util.Objects.equals(d.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + java.util.Objects.hashCode(address);
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + address + "]";
    }
}
