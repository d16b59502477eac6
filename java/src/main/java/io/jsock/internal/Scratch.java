package io.jsock.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory owned by one thread, reused by every call it makes: a sockaddr area, a socklen_t,
 * an area for options and ioctl structs, and a data area through which byte[] and heap buffers
 * are copied (a copy of a few bytes is cheaper than pinning an array through FFI).
 */
public final class Scratch {
    public static final int ADDR = 0;          // struct sockaddr_storage (128 bytes)
    public static final int ADDR_LEN = 128;    // socklen_t for the address
    public static final int AUX_LEN = 136;     // socklen_t or int for the aux area
    public static final int AUX = 256;         // options, ioctl structs, small out-values
    public static final int AUX_SIZE = 1024;   // Python's bound on getsockopt's buflen
    private static final int DATA = 2048;
    private static final int INITIAL_DATA = 64 * 1024;
    /**
     * The most data one call stages through a thread's area (the area grows to this and stays).
     * Scratch memory is bounded: a call asked to move more through byte[] or heap buffers moves
     * at most this much (a stream receive or send may move fewer bytes anyway) or, where fewer
     * bytes would change the message, refuses; it never allocates memory of the size asked.
     */
    public static final int MAX_DATA = 4 * 1024 * 1024;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private ByteBuffer buffer;
    private long address;
    private int dataCapacity;

    private Scratch() {
        allocate(INITIAL_DATA);
    }

    public static Scratch get() {
        return PER_THREAD.get();
    }

    private void allocate(int dataSize) {
        buffer = ByteBuffer.allocateDirect(DATA + dataSize).order(ByteOrder.nativeOrder());
        address = Addresses.of(buffer);
        dataCapacity = dataSize;
    }

    /** The whole scratch area, in native byte order; absolute indexes only. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public long address() {
        return address;
    }

    public long addr() {
        return address + ADDR;
    }

    public long addrLen() {
        return address + ADDR_LEN;
    }

    public long aux() {
        return address + AUX;
    }

    public long auxLen() {
        return address + AUX_LEN;
    }

    /**
     * This thread's data area, grown to hold at least {@code size} bytes, 0 to {@link #MAX_DATA}.
     * Callers bound their sizes first; a size outside that range is a bug of jsock's.
     */
    public Area data(int size) {
        if (size < 0 || size > MAX_DATA) {
            throw new IllegalArgumentException("jsock: a staged transfer of " + size + " bytes (0 to " + MAX_DATA + ")");
        }
        if (size > dataCapacity) allocate(Math.max(size, Math.min(MAX_DATA, dataCapacity * 2)));
        return new Area(buffer, DATA, address + DATA);
    }

    /** Native bytes at {@code address}, also reachable as {@code buffer} from {@code offset}. */
    public record Area(ByteBuffer buffer, int offset, long address) {
        public void put(byte[] src, int off, int len) {
            buffer.put(offset, src, off, len);
        }

        public void get(byte[] dst, int off, int len) {
            buffer.get(offset, dst, off, len);
        }
    }
}
