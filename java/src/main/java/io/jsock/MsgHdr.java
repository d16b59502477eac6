package io.jsock;

import io.jsock.internal.Addresses;
import io.jsock.internal.Consts;
import io.jsock.internal.DirectMemory;
import io.jsock.internal.MsgLayout;
import io.jsock.internal.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable {@code struct msghdr} in native memory, with room for the sender's address, up to
 * {@code maxBuffers} iovecs and {@code controlCapacity} bytes of ancillary data. Used with
 * {@link Socket#recvMsgInto(ByteBuffer[], MsgHdr, int)} and
 * {@link Socket#sendMsg(ByteBuffer[], MsgHdr, int, SockAddr)}, it lets scatter/gather I/O over
 * direct buffers run without allocating anything per call; the accessors that return objects
 * ({@link #address()}, {@link #ancillary()}) allocate only when called.
 *
 * <p>Not thread-safe: one MsgHdr per thread at a time.
 */
public final class MsgHdr {
    /** IOV_MAX: the most buffers one sendmsg or recvmsg can take (the kernel refuses more). */
    public static final int MAX_BUFFERS = Consts.get("IOV_MAX");
    private static final int ALIGN = 8;
    /** How many cmsgs one receive reports at most through the zero-allocation accessors. */
    private static final int MAX_CMSGS = 64;
    private static final int CMSG_RECORD = 4 * Long.BYTES;

    final ByteBuffer mem;
    final long address;
    final int maxBuffers;
    final int controlCapacity;
    final int nameAt;
    final int iovAt;
    final int recordsAt;
    final int controlAt;
    /** Bytes of ancillary data prepared for the next sends (they stay until cleared or a receive). */
    private int sendLength;
    /** Bytes of ancillary data the last receive brought. */
    private int receivedLength;
    /** cmsgs parsed from the last receive, or -1 when not yet parsed. */
    private int cmsgCount = -1;

    /** Room for {@code maxBuffers} buffers and {@code controlCapacity} bytes of ancillary data. */
    public MsgHdr(int maxBuffers, int controlCapacity) {
        if (maxBuffers < 1 || maxBuffers > MAX_BUFFERS) {
            throw new IllegalArgumentException("maxBuffers must be 1 to IOV_MAX (" + MAX_BUFFERS + "), not " + maxBuffers);
        }
        if (controlCapacity < 0) throw new IllegalArgumentException("negative controlCapacity: " + controlCapacity);
        this.maxBuffers = maxBuffers;
        this.controlCapacity = controlCapacity;
        nameAt = align(MsgLayout.MSGHDR_SIZE);
        iovAt = align(nameAt + SockAddr.MAX_LENGTH);
        recordsAt = align(iovAt + maxBuffers * MsgLayout.IOVEC_SIZE);
        controlAt = align(recordsAt + MAX_CMSGS * CMSG_RECORD);
        mem = DirectMemory.allocate((long) controlAt + controlCapacity + ALIGN,
                "a MsgHdr with controlCapacity " + controlCapacity);
        address = Addresses.of(mem);
    }

    private static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    public int maxBuffers() {
        return maxBuffers;
    }

    public int controlCapacity() {
        return controlCapacity;
    }

    // ---- preparing ancillary data to send

    /** Forgets the ancillary data prepared for sending. */
    public MsgHdr clearAncillary() {
        sendLength = 0;
        return this;
    }

    /**
     * Appends an ancillary item for the following sends. The control area is shared: a receive
     * replaces the items prepared (add them again after it), and adding forgets what a receive brought.
     */
    public MsgHdr addAncillary(Ancillary item) {
        byte[] data = item.data();
        int start = sendLength;
        long next = put(item.level(), item.type(), data.length);
        mem.put(controlAt + start + MsgLayout.CMSG_DATA_OFFSET, data);
        sendLength = (int) next;
        return this;
    }

    /** Appends an SCM_RIGHTS item carrying one fd, without allocating. */
    public MsgHdr addFd(int fd) {
        if (fd < 0) throw new IllegalArgumentException("negative file descriptor: " + fd);
        int start = sendLength;
        long next = put(Sockets.SOL_SOCKET, Sockets.SCM_RIGHTS, Integer.BYTES);
        mem.putInt(controlAt + start + MsgLayout.CMSG_DATA_OFFSET, fd);
        sendLength = (int) next;
        return this;
    }

    private long put(int level, int type, int len) {
        long next = Native.SHIM.jsock_cmsg_put(address + controlAt, controlCapacity, sendLength, level, type, 0, len);
        if (next < 0) {
            throw new IllegalArgumentException("ancillary data does not fit in " + controlCapacity + " bytes");
        }
        forgetReceived();
        return next;
    }

    private void forgetReceived() {
        receivedLength = 0;
        cmsgCount = -1;
    }

    // ---- reading what the last receive brought

    /** The message flags of the last receive (MSG_TRUNC, MSG_CTRUNC, MSG_EOR, ...). */
    public int flags() {
        return MsgLayout.flags(mem, 0);
    }

    /** The sender's address of the last receive, or null (decodes, so it allocates). */
    public SockAddr address() {
        return SockAddr.decode(mem, nameAt, Math.min(MsgLayout.nameLength(mem, 0), SockAddr.MAX_LENGTH));
    }

    /**
     * The sender's address of the last receive as the kernel wrote it, all {@code msg_namelen}
     * bytes of it (at most {@link SockAddr#MAX_LENGTH}): where a family writes more than one
     * sockaddr, such as TIPC for a group message (the sender's socket address, then the
     * member's service address), {@link #address()} decodes the first alone.
     */
    public byte[] addressBytes() {
        byte[] raw = new byte[Math.max(0, Math.min(MsgLayout.nameLength(mem, 0), SockAddr.MAX_LENGTH))];
        mem.get(nameAt, raw);
        return raw;
    }

    /** The number of ancillary items the last receive brought. */
    public int ancillaryCount() {
        if (cmsgCount < 0) {
            int n = Native.SHIM.jsock_cmsg_parse(address + controlAt, receivedLength, address + recordsAt, MAX_CMSGS);
            cmsgCount = Math.min(n, MAX_CMSGS);
        }
        return cmsgCount;
    }

    public int ancillaryLevel(int i) {
        return (int) record(i, 0);
    }

    public int ancillaryType(int i) {
        return (int) record(i, 1);
    }

    public int ancillaryLength(int i) {
        return (int) record(i, 3);
    }

    /** The {@code index}th int of ancillary item {@code i}'s data: an fd of SCM_RIGHTS, say. */
    public int ancillaryInt(int i, int index) {
        if (index < 0 || (index + 1L) * Integer.BYTES > ancillaryLength(i)) {
            throw new IndexOutOfBoundsException("int " + index + " of an item of " + ancillaryLength(i) + " bytes");
        }
        return mem.getInt(controlAt + (int) record(i, 2) + index * Integer.BYTES);
    }

    private long record(int i, int field) {
        if (i < 0 || i >= ancillaryCount()) {
            throw new IndexOutOfBoundsException("ancillary item " + i + " of " + ancillaryCount());
        }
        return mem.getLong(recordsAt + i * CMSG_RECORD + field * Long.BYTES);
    }

    /** The ancillary items of the last receive as objects (allocates). */
    public List<Ancillary> ancillary() {
        int n = ancillaryCount();
        List<Ancillary> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[ancillaryLength(i)];
            mem.get(controlAt + (int) record(i, 2), data);
            items.add(new Ancillary(ancillaryLevel(i), ancillaryType(i), data));
        }
        return items;
    }

    // ---- used by the socket around a call

    /** Lays out the msghdr for a call over {@code iovCount} iovecs already written. */
    void prepare(int iovCount, int nameLength, boolean receiving) {
        long control = controlCapacity == 0 ? 0 : address + controlAt;
        long controlLen = receiving ? controlCapacity : sendLength;
        MsgLayout.writeMsghdr(mem, 0, nameLength == 0 && !receiving ? 0 : address + nameAt,
                receiving ? SockAddr.MAX_LENGTH : nameLength, address + iovAt, iovCount,
                controlLen == 0 ? 0 : control, controlLen);
        if (receiving) {
            sendLength = 0; // the receive writes over them
            forgetReceived();
            // An empty first header: a failed call, which writes nothing, then shows no stale items.
            for (int i = 0; i + Long.BYTES <= Math.min(controlCapacity, MsgLayout.CMSG_DATA_OFFSET); i += Long.BYTES) {
                mem.putLong(controlAt + i, 0);
            }
        }
    }

    /** After a receive: how much ancillary data came. */
    void received() {
        receivedLength = (int) MsgLayout.controlLength(mem, 0);
        cmsgCount = -1;
    }

    void setIovec(int i, long base, long len) {
        MsgLayout.writeIovec(mem, iovAt + i * MsgLayout.IOVEC_SIZE, base, len);
    }

    /** Closes the fds of the SCM_RIGHTS items received; each then reads -1. */
    int closeReceivedFds() {
        return Native.SHIM.jsock_cmsg_close_fds(address + controlAt, receivedLength);
    }
}
