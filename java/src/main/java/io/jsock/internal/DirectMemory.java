package io.jsock.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory of a size a caller asked for (a batch, a message header): refused with an
 * IllegalArgumentException that names it when it cannot be had, rather than an Error. Direct
 * memory is reserved before it is allocated, so a refusal leaves the JVM as it was.
 */
public final class DirectMemory {
    private DirectMemory() {}

    /** A direct buffer of {@code size} bytes in native byte order, for {@code what} (the message's subject). */
    public static ByteBuffer allocate(long size, String what) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " takes " + size + " bytes, more than a ByteBuffer holds");
        }
        try {
            return ByteBuffer.allocateDirect((int) size).order(ByteOrder.nativeOrder());
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException(what + " takes " + size + " bytes of direct memory, more than the JVM"
                    + " has left (-XX:MaxDirectMemorySize)", e);
        }
    }
}
