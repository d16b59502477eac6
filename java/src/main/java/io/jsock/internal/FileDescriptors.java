package io.jsock.internal;

import java.io.FileDescriptor;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * The fd behind a JDK FileChannel, for sendfile(2). The JDK keeps it private; where it cannot be
 * read (another JDK, no Unsafe) the answer is -1 and the caller copies through a buffer instead.
 */
public final class FileDescriptors {
    private static final String IMPL = "sun.nio.ch.FileChannelImpl";
    private static final long CHANNEL_FD = UnsafeAccess.fieldOffset(IMPL, "fd");
    private static final long DESCRIPTOR_FD = UnsafeAccess.fieldOffset("java.io.FileDescriptor", "fd");

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
        if (CHANNEL_FD < 0 || DESCRIPTOR_FD < 0 || !channel.getClass().getName().equals(IMPL)) return -1;
        Object descriptor = UnsafeAccess.UNSAFE.getObject(channel, CHANNEL_FD);
        return descriptor instanceof FileDescriptor ? UnsafeAccess.UNSAFE.getInt(descriptor, DESCRIPTOR_FD) : -1;
    }
}
