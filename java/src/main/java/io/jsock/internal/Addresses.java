package io.jsock.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import jnr.ffi.provider.jffi.NativeRuntime;

/**
 * The native address of a direct ByteBuffer, for the hot path. Reading {@code Buffer.address}
 * through Unsafe costs a field load; the portable route (JNI GetDirectBufferAddress through
 * jffi) costs a native call, so it is only the fallback where Unsafe cannot see the field.
 */
public final class Addresses {
    private static final long ADDRESS_OFFSET = checked(UnsafeAccess.fieldOffset("java.nio.Buffer", "address"));
    /**
     * On Java 22+, {@code (ByteBuffer) -> boolean}: whether the memory behind a direct buffer is
     * still alive. A buffer made from a MemorySegment of an Arena ({@code segment.asByteBuffer()})
     * outlives the arena's close as an object, but its memory is freed: writing there would
     * corrupt the native heap. Null before 22, where no buffer can have such a scope.
     */
    private static final MethodHandle ALIVE = aliveCheck();

    private Addresses() {}

    /** The address of the first byte of a direct buffer of jsock's own (not of its position). */
    public static long of(ByteBuffer direct) {
        if (ADDRESS_OFFSET >= 0) return UnsafeAccess.UNSAFE.getLong(direct, ADDRESS_OFFSET);
        return fallback(direct);
    }

    /**
     * The address of a direct buffer a caller gave, after checking that its memory is still
     * there: one whose arena was closed is refused with IllegalStateException ("Already closed"),
     * as the JDK's own channels refuse it. The check is made before the call; an arena closed by
     * another thread during the call is the caller's race, as with any memory it frees in use.
     */
    public static long ofCallers(ByteBuffer direct) {
        if (ALIVE != null) checkAlive(direct);
        return of(direct);
    }

    private static void checkAlive(ByteBuffer direct) {
        boolean alive;
        try {
            alive = (boolean) ALIVE.invokeExact(direct);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (!alive) throw new IllegalStateException("Already closed: the buffer's memory segment belongs to a closed arena");
    }

    private static MethodHandle aliveCheck() {
        if (Runtime.version().feature() < 22) return null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> scope = Class.forName("java.lang.foreign.MemorySegment$Scope");
            MethodHandle ofBuffer = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, java.nio.Buffer.class));
            MethodHandle scopeOf = lookup.findVirtual(segment, "scope", MethodType.methodType(scope));
            MethodHandle isAlive = lookup.findVirtual(scope, "isAlive", MethodType.methodType(boolean.class));
            MethodHandle h = MethodHandles.filterReturnValue(MethodHandles.filterReturnValue(ofBuffer, scopeOf), isAlive);
            return h.asType(MethodType.methodType(boolean.class, ByteBuffer.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static long fallback(ByteBuffer direct) {
        return NativeRuntime.getInstance().getMemoryManager().newPointer(direct).address();
    }

    /** Uses the Unsafe offset only if it reads the same address as the portable route. */
    private static long checked(long offset) {
        if (offset < 0) return -1;
        ByteBuffer probe = ByteBuffer.allocateDirect(1);
        return UnsafeAccess.UNSAFE.getLong(probe, offset) == fallback(probe) ? offset : -1;
    }
}
