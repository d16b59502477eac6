package io.jsock.internal;

import java.nio.ByteBuffer;
import jnr.ffi.provider.jffi.NativeRuntime;

/**
 * The native address of a direct ByteBuffer, for the hot path. Reading {@code Buffer.address}
 * through Unsafe costs a field load; the portable route (JNI GetDirectBufferAddress through
 * jffi) costs a native call, so it is only the fallback where Unsafe cannot see the field.
 */
public final class Addresses {
    private static final long ADDRESS_OFFSET = checked(UnsafeAccess.fieldOffset("java.nio.Buffer", "address"));

    private Addresses() {}

    /** The address of the first byte of a direct buffer (not of its position). */
    public static long of(ByteBuffer direct) {
        if (ADDRESS_OFFSET >= 0) return UnsafeAccess.UNSAFE.getLong(direct, ADDRESS_OFFSET);
        return fallback(direct);
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
