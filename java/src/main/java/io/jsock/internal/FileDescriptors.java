package io.jsock.internal;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * The fd behind a JDK FileChannel, for sendfile(2). How it is read is {@link ChannelFd}'s, per
 * Java version; where it cannot be read the answer is -1 and the caller copies through a buffer.
 */
public final class FileDescriptors {
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
        int fd = ChannelFd.peek(channel);
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
        return channel.isOpen() ? ChannelFd.peek(channel) : -1;
    }
}
