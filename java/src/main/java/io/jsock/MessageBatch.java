package io.jsock;

import io.jsock.internal.Addresses;
import io.jsock.internal.DirectMemory;
import io.jsock.internal.MsgLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A batch of datagrams for {@link Socket#sendMmsg} and {@link Socket#recvMmsg}: {@code count}
 * messages, each with a direct buffer of {@code bufferSize} bytes and room for an address, laid
 * out once as an array of {@code struct mmsghdr}. One native call moves a whole batch and
 * nothing is allocated per message; {@link #address(int)} decodes (and allocates) only when asked.
 *
 * <p>To send: fill {@link #buffer(int)} from 0 to its limit and, on an unconnected socket, set
 * {@link #setAddress(int, SockAddr)} (it stays until set again). After a receive, message i's
 * bytes are {@code buffer(i)} from 0 to its limit, so a batch received can be sent on as it is.
 * Not thread-safe.
 */
public final class MessageBatch {
    private static final int ALIGN = 8;

    private final int count;
    private final int bufferSize;
    private final ByteBuffer mem;
    private final long address;
    private final ByteBuffer[] buffers;
    private final int iovAt;
    private final int namesAt;
    private final int nameSize;
    private final int dataAt;
    /** Per message: the length of the address to send to, 0 for none. */
    private final int[] sendNameLength;

    public MessageBatch(int count, int bufferSize) {
        if (count < 1) throw new IllegalArgumentException("a batch holds at least 1 message, not " + count);
        if (bufferSize < 0) throw new IllegalArgumentException("negative buffer size: " + bufferSize);
        this.count = count;
        this.bufferSize = bufferSize;
        nameSize = align(SockAddr.MAX_LENGTH);
        // Every size in long: count times a header, an iovec, a name and a buffer must fit in one ByteBuffer.
        long iov = alignLong((long) count * MsgLayout.MMSGHDR_SIZE);
        long names = alignLong(iov + (long) count * MsgLayout.IOVEC_SIZE);
        long data = alignLong(names + (long) count * nameSize);
        long total = data + (long) count * alignLong(bufferSize);
        iovAt = (int) iov;
        namesAt = (int) names;
        dataAt = (int) data;
        mem = DirectMemory.allocate(total, "a batch of " + count + " messages of " + bufferSize + " bytes");
        address = Addresses.of(mem);
        buffers = new ByteBuffer[count];
        sendNameLength = new int[count];
        for (int i = 0; i < count; i++) {
            int at = dataAt + i * align(bufferSize);
            buffers[i] = mem.slice(at, bufferSize).order(ByteOrder.nativeOrder());
            MsgLayout.writeIovec(mem, iovAt + i * MsgLayout.IOVEC_SIZE, address + at, bufferSize);
            MsgLayout.writeMsghdr(mem, header(i), address + namesAt + i * nameSize, nameSize,
                    address + iovAt + i * MsgLayout.IOVEC_SIZE, 1, 0, 0);
        }
    }

    private static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    private static long alignLong(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    private static int header(int i) {
        return MsgLayout.mmsgHeader(i * MsgLayout.MMSGHDR_SIZE);
    }

    public int count() {
        return count;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Message i's buffer (direct, {@code bufferSize} bytes). */
    public ByteBuffer buffer(int i) {
        return buffers[java.util.Objects.checkIndex(i, count)];
    }

    /** After a receive: the bytes message i brought (more than bufferSize with MSG_TRUNC). After a send: the bytes sent. */
    public int length(int i) {
        return MsgLayout.mmsgLength(mem, java.util.Objects.checkIndex(i, count) * MsgLayout.MMSGHDR_SIZE);
    }

    /** After a receive: message i's flags (MSG_TRUNC when it was longer than the buffer). */
    public int flags(int i) {
        return MsgLayout.flags(mem, header(java.util.Objects.checkIndex(i, count)));
    }

    /** After a receive: message i's sender (null for an unnamed one). Decodes, so it allocates. */
    public SockAddr address(int i) {
        int len = Math.min(MsgLayout.nameLength(mem, header(java.util.Objects.checkIndex(i, count))), SockAddr.MAX_LENGTH);
        return SockAddr.decode(mem, namesAt + i * nameSize, len);
    }

    /** For sending on an unconnected socket: where message i goes (null: the connected peer). */
    public void setAddress(int i, SockAddr to) {
        java.util.Objects.checkIndex(i, count);
        sendNameLength[i] = to == null ? 0 : to.encode(mem, namesAt + i * nameSize);
    }

    /** Lays out messages from..from+n-1 for sending: each buffer from 0 to its limit, to its address. */
    void prepareSend(int from, int n, Socket s) {
        for (int i = from; i < from + n; i++) {
            if (sendNameLength[i] != 0) {
                int af = Short.toUnsignedInt(mem.getShort(namesAt + i * nameSize + SockAddr.OFFSET_FAMILY));
                if (af != s.family().value()) {
                    throw new IllegalArgumentException("sendmmsg: message " + i + " is addressed to family " + af
                            + ", the socket is " + s.family());
                }
            }
            MsgLayout.setIovecLength(mem, iovAt + i * MsgLayout.IOVEC_SIZE, buffers[i].limit());
            MsgLayout.writeMsghdr(mem, header(i), sendNameLength[i] == 0 ? 0 : address + namesAt + i * nameSize,
                    sendNameLength[i], address + iovAt + i * MsgLayout.IOVEC_SIZE, 1, 0, 0);
        }
    }

    /** Lays out messages from..from+n-1 for receiving: whole buffers, room for any address. */
    void prepareReceive(int from, int n) {
        for (int i = from; i < from + n; i++) {
            MsgLayout.setIovecLength(mem, iovAt + i * MsgLayout.IOVEC_SIZE, bufferSize);
            MsgLayout.writeMsghdr(mem, header(i), address + namesAt + i * nameSize, nameSize,
                    address + iovAt + i * MsgLayout.IOVEC_SIZE, 1, 0, 0);
        }
    }

    /** After a receive: each buffer that got a message holds its bytes from 0 to its limit. */
    void received(int from, int n) {
        for (int i = from; i < from + n; i++) {
            buffers[i].position(0).limit(Math.min(length(i), bufferSize));
        }
    }

    /** The address of message i's mmsghdr, where a call over messages i.. starts. */
    long headerAddress(int i) {
        return address + (long) i * MsgLayout.MMSGHDR_SIZE;
    }
}
