package io.jsock.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * errno as the FFM linker captures it ({@code Linker.Option.captureCallState("errno")}): into a
 * segment of the calling thread's, one per thread (a virtual thread has its own), made once and
 * reused, so a call allocates nothing. {@link Native#errno()} reads it back.
 */
final class FfmErrno {
    private static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(LAYOUT));

    /** {@code () -> MemorySegment}: this thread's capture segment, the first argument of a capturing downcall. */
    static final MethodHandle STATE_OF_THIS_THREAD;

    static {
        try {
            STATE_OF_THIS_THREAD = MethodHandles.lookup().findStatic(FfmErrno.class, "state", MethodType.methodType(MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FfmErrno() {}

    static Linker.Option option() {
        return Linker.Option.captureCallState("errno");
    }

    private static MemorySegment state() {
        return STATE.get();
    }

    /** errno after this thread's last capturing call. */
    static int last() {
        return STATE.get().get(ValueLayout.JAVA_INT, ERRNO);
    }
}
