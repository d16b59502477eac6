package io.jsock.internal;

import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * Java 22+: the native address of a direct ByteBuffer through the FFM API, without
 * sun.misc.Unsafe. {@code MemorySegment.ofBuffer} allocates a segment and, for a buffer of
 * {@code allocateDirect}, a scope, which the JIT does not remove; so a caller's buffers are looked
 * up once and remembered, a few per thread, and the hot path allocates nothing.
 */
public final class Addresses {
    /** Buffers remembered per thread: the buffers of a gather or scatter and a few more. */
    private static final int REMEMBERED = 8;
    private static final ThreadLocal<Seen> SEEN = ThreadLocal.withInitial(Seen::new);

    private Addresses() {}

    /** The address of the first byte of a direct buffer of jsock's own (not of its position). */
    public static long of(ByteBuffer direct) {
        // The segment starts at the buffer's position.
        return MemorySegment.ofBuffer(direct).address() - direct.position();
    }

    /**
     * The address of a direct buffer a caller gave, after checking that its memory is still
     * there: one whose arena was closed is refused with IllegalStateException ("Already closed"),
     * as the JDK's own channels refuse it. The check is made before the call; an arena closed by
     * another thread during the call is the caller's race, as with any memory it frees in use.
     */
    public static long ofCallers(ByteBuffer direct) {
        Seen seen = SEEN.get();
        int i = seen.indexOf(direct);
        if (i < 0) i = seen.add(direct);
        MemorySegment.Scope scope = seen.scopes[i];
        if (scope != null && !scope.isAlive()) {
            throw new IllegalStateException("Already closed: the buffer's memory segment belongs to a closed arena");
        }
        return seen.addresses[i];
    }

    /**
     * A thread's remembered buffers (held weakly: remembering keeps no buffer alive), their
     * addresses and, for a buffer over an arena's memory, the arena's scope, whose liveness is
     * checked at each use. A buffer of allocateDirect has no such scope: its memory lives as long
     * as the buffer, which the caller holds.
     */
    private static final class Seen {
        final WeakReference<?>[] buffers = new WeakReference<?>[REMEMBERED];
        final long[] addresses = new long[REMEMBERED];
        final MemorySegment.Scope[] scopes = new MemorySegment.Scope[REMEMBERED];
        int next;

        int indexOf(ByteBuffer b) {
            for (int i = 0; i < REMEMBERED; i++) {
                WeakReference<?> r = buffers[i];
                if (r != null && r.get() == b) return i;
            }
            return -1;
        }

        int add(ByteBuffer b) {
            MemorySegment segment = MemorySegment.ofBuffer(b);
            MemorySegment.Scope scope = segment.scope();
            if (!scope.isAlive()) {
                throw new IllegalStateException("Already closed: the buffer's memory segment belongs to a closed arena");
            }
            // An arena's scope is one object, seen again on a second look; a buffer of allocateDirect
            // gets a new scope at each look, always alive, which would hold the buffer: not kept.
            boolean arena = MemorySegment.ofBuffer(b).scope() == scope;
            int i = next;
            next = (next + 1) % REMEMBERED;
            buffers[i] = new WeakReference<>(b);
            addresses[i] = segment.address() - b.position();
            scopes[i] = arena ? scope : null;
            return i;
        }
    }
}
