package io.jsock.internal;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * Java 22+: the fd behind a JDK FileChannel, for sendfile(2), without sun.misc.Unsafe. The JDK
 * keeps it in private fields; they are read by reflection where the application opened their
 * packages to jsock ({@code --add-opens java.base/sun.nio.ch=io.jsock --add-opens
 * java.base/java.io=io.jsock}, or {@code =ALL-UNNAMED} on the class path). Without that the answer
 * is -1 and the caller copies through a buffer instead: slower, never wrong, and silent (no
 * warning is printed for a refused access).
 */
public final class FileDescriptors {
    private static final String IMPL = "sun.nio.ch.FileChannelImpl";
    private static final Field CHANNEL_FD = accessible(IMPL, "fd");
    private static final Field DESCRIPTOR_FD = accessible("java.io.FileDescriptor", "fd");

    private FileDescriptors() {}

    /**
     * A close-on-exec duplicate of the channel's fd, which the caller closes; -1 when the fd
     * cannot be read. The channel's own fd number is never used past this call: the channel
     * may be closed at any time and its number given to another file. The duplicate is checked
     * to be the channel's: the channel reads as closed before its fd is closed, so a channel
     * still open after the dup was open during it.
     */
    public static int duplicate(FileChannel channel) throws ClosedChannelException {
        if (!channel.isOpen()) throw new ClosedChannelException();
        int fd = peek(channel);
        if (fd < 0) return -1;
        int dup = Native.SHIM.jsock_dup_cloexec(fd);
        if (!channel.isOpen()) {
            if (dup >= 0) Native.LIBC.close(dup);
            throw new ClosedChannelException();
        }
        return dup < 0 ? -1 : dup;
    }

    /**
     * The channel's fd number as it is now, or -1 when it cannot be read or the channel is closed:
     * valid only while the caller keeps the channel open (jsock itself uses {@link #duplicate}).
     */
    public static int of(FileChannel channel) {
        return channel.isOpen() ? peek(channel) : -1;
    }

    private static int peek(FileChannel channel) {
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
