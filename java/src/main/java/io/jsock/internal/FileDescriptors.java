package io.jsock.internal;

import java.io.FileDescriptor;
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

    /** The channel's fd, or -1 when it cannot be read or the channel is closed. */
    public static int of(FileChannel channel) {
        if (CHANNEL_FD < 0 || DESCRIPTOR_FD < 0 || !channel.isOpen() || !channel.getClass().getName().equals(IMPL)) {
            return -1;
        }
        Object descriptor = UnsafeAccess.UNSAFE.getObject(channel, CHANNEL_FD);
        return descriptor instanceof FileDescriptor ? UnsafeAccess.UNSAFE.getInt(descriptor, DESCRIPTOR_FD) : -1;
    }
}
