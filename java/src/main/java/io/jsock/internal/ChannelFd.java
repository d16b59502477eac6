package io.jsock.internal;

import java.io.FileDescriptor;
import java.nio.channels.FileChannel;

/**
 * Java 17-21: the fd field of a JDK FileChannel, read through sun.misc.Unsafe (the JDK keeps it
 * private); -1 on another JDK or without Unsafe. Java 22+ has its own version, without Unsafe.
 */
final class ChannelFd {
    private static final String IMPL = "sun.nio.ch.FileChannelImpl";
    private static final long CHANNEL_FD = UnsafeAccess.fieldOffset(IMPL, "fd");
    private static final long DESCRIPTOR_FD = UnsafeAccess.fieldOffset("java.io.FileDescriptor", "fd");

    private ChannelFd() {}

    static int peek(FileChannel channel) {
        if (CHANNEL_FD < 0 || DESCRIPTOR_FD < 0 || !channel.getClass().getName().equals(IMPL)) return -1;
        Object descriptor = UnsafeAccess.UNSAFE.getObject(channel, CHANNEL_FD);
        return descriptor instanceof FileDescriptor ? UnsafeAccess.UNSAFE.getInt(descriptor, DESCRIPTOR_FD) : -1;
    }
}
