package io.jsock.internal;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * sun.misc.Unsafe (module jdk.unsupported), for the two reads the JDK offers no cheap public way
 * to make: a direct buffer's address and a FileChannel's fd. Null where it cannot be had; every
 * user has a portable fallback.
 */
final class UnsafeAccess {
    static final Unsafe UNSAFE = find();

    private UnsafeAccess() {}

    private static Unsafe find() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The offset of a declared field for Unsafe reads, or -1 where it cannot be found. */
    static long fieldOffset(String className, String field) {
        if (UNSAFE == null) return -1;
        try {
            return UNSAFE.objectFieldOffset(Class.forName(className).getDeclaredField(field));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
