package io.jsock;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link Sockets#recvFds} returns, Python's {@code recv_fds}: the data, the fds received
 * (close-on-exec, the caller's to close), the message flags and the sender's address.
 */
public record FdMessage(byte[] data, int[] fds, int flags, SockAddr address) {
    public FdMessage {
        data = data.clone();
        fds = fds.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int[] fds() {
        return fds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdMessage m && Arrays.equals(m.data, data) && Arrays.equals(m.fds, fds)
                && m.flags == flags && Objects.equals(m.address, address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), Arrays.hashCode(fds), flags, address);
    }

    @Override
    public String toString() {
        return "FdMessage[" + data.length + " bytes, fds=" + Arrays.toString(fds) + ", flags=0x"
                + Integer.toHexString(flags) + ", address=" + address + "]";
    }
}
