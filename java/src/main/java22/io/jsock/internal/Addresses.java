package io.jsock.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Java 22+: the native address of a direct ByteBuffer through the FFM API, without
 * sun.misc.Unsafe. The segment that {@code MemorySegment.ofBuffer} makes does not escape, so
 * the JIT removes it: the call costs a field load, as Unsafe's read did.
 */
public final class Addresses {
    private Addresses() {}

    /** The address of the first byte of a direct buffer of jsock's own (not of its position). */
    public static long of(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address();
    }

    /**
     * The address of a direct buffer a caller gave, after checking that its memory is still
     * there: one whose arena was closed is refused with IllegalStateException ("Already closed"),
     * as the JDK's own channels refuse it. The check is made before the call; an arena closed by
     * another thread during the call is the caller's race, as with any memory it frees in use.
     */
    public static long ofCallers(ByteBuffer direct) {
        MemorySegment segment = MemorySegment.ofBuffer(direct);
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("Already closed: the buffer's memory segment belongs to a closed arena");
        }
        return segment.address();
    }
}
