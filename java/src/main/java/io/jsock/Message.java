package io.jsock;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@code recvmsg} returns: the data, the ancillary items, the message flags (MSG_TRUNC when
 * the datagram was longer than the buffer, MSG_CTRUNC when the ancillary data did not fit) and
 * the sender's address (null where there is none). For {@code recvMsgInto} the data went into
 * the caller's buffers and {@link #data()} is empty; {@link #nbytes()} tells how many bytes came.
 */
public record Message(int nbytes, byte[] data, List<Ancillary> ancillary, int flags, SockAddr address) {
    public Message {
        data = Objects.requireNonNull(data, "data").clone();
        ancillary = List.copyOf(ancillary);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** MSG_TRUNC: the message was longer than the buffers. */
    public boolean truncated() {
        return (flags & Sockets.MSG_TRUNC) != 0;
    }

    /** MSG_CTRUNC: the ancillary data did not fit (fds that did arrive were closed). */
    public boolean controlTruncated() {
        return (flags & Sockets.MSG_CTRUNC) != 0;
    }

    /** Every fd of the SCM_RIGHTS items, in order. */
    public int[] fds() {
        return ancillary.stream()
                .filter(a -> a.is(Sockets.SOL_SOCKET, Sockets.SCM_RIGHTS))
                .flatMapToInt(a -> Arrays.stream(a.fds()))
                .toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.nbytes == nbytes && Arrays.equals(m.data, data)
                && m.ancillary.equals(ancillary) && m.flags == flags && Objects.equals(m.address, address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nbytes, Arrays.hashCode(data), ancillary, flags, address);
    }

    @Override
    public String toString() {
        return "Message[" + nbytes + " bytes, ancillary=" + ancillary + ", flags=0x" + Integer.toHexString(flags)
                + ", address=" + address + "]";
    }
}
