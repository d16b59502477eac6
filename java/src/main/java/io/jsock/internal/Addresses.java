package io.jsock.internal;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import jnr.ffi.provider.jffi.NativeRuntime;
import sun.misc.Unsafe;

/**
 * The native address of a direct ByteBuffer, for the hot path. Reading {@code Buffer.address}
 * through Unsafe costs a field load; the portable route (JNI GetDirectBufferAddress through
 * jffi) costs a native call, so it is only the fallback where Unsafe cannot see the field.
 */
public final class Addresses {
    private static final Unsafe UNSAFE;
    private static final long ADDRESS_OFFSET;

    static {
        Unsafe unsafe = null;
        long offset = -1;
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = (Unsafe) f.get(null);
            Field address = Buffer.class.getDeclaredField("address");
            offset = unsafe.objectFieldOffset(address);
            ByteBuffer probe = ByteBuffer.allocateDirect(1);
            if (unsafe.getLong(probe, offset) != fallback(probe)) offset = -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            offset = -1;
        }
        UNSAFE = unsafe;
        ADDRESS_OFFSET = offset;
    }

    private Addresses() {}

    /** The address of the first byte of a direct buffer (not of its position). */
    public static long of(ByteBuffer direct) {
        if (ADDRESS_OFFSET >= 0) return UNSAFE.getLong(direct, ADDRESS_OFFSET);
        return fallback(direct);
    }

    private static long fallback(ByteBuffer direct) {
        return NativeRuntime.getInstance().getMemoryManager().newPointer(direct).address();
    }
}
