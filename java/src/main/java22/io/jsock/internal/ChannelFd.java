package io.jsock.internal;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;

/**
 * Java 22+: the fd field of a JDK FileChannel, without sun.misc.Unsafe. The JDK
 * keeps it in private fields; they are read by reflection where the application opened their
 * packages to jsock ({@code --add-opens java.base/sun.nio.ch=io.jsock --add-opens
 * java.base/java.io=io.jsock}, or {@code =ALL-UNNAMED} on the class path). Without that the answer
 * is -1 and the caller copies through a buffer instead: slower, never wrong, and silent (no
 * warning is printed for a refused access).
 */
final class ChannelFd {
    private static final String IMPL = "sun.nio.ch.FileChannelImpl";
    private static final Field CHANNEL_FD = accessible(IMPL, "fd");
    private static final Field DESCRIPTOR_FD = accessible("java.io.FileDescriptor", "fd");

    private ChannelFd() {}

    static int peek(FileChannel channel) {
        if (CHANNEL_FD == null || DESCRIPTOR_FD == null || !channel.getClass().getName().equals(IMPL)) return -1;
        try {
            Object descriptor = CHANNEL_FD.get(channel);
            return descriptor instanceof FileDescriptor ? DESCRIPTOR_FD.getInt(descriptor) : -1;
        } catch (IllegalAccessException | RuntimeException e) {
            return -1;
        }
    }

    /** The field, made accessible, or null where its package is not open to this module. */
    private static Field accessible(String className, String name) {
        try {
            Field f = Class.forName(className).getDeclaredField(name);
            return f.trySetAccessible() ? f : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
