package io.jsock;

import io.jsock.internal.Consts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What the kernel says about this process's fds, through /proc: an observer jsock does not control. */
final class ProcFd {
    static final int O_NONBLOCK = Consts.get("O_NONBLOCK");
    static final int O_CLOEXEC = Consts.get("O_CLOEXEC");

    private ProcFd() {}

    /** The open flags of an fd as /proc/self/fdinfo shows them (O_CLOEXEC stands for FD_CLOEXEC there). */
    static int flags(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) return Integer.parseInt(line.substring(6).trim(), 8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no flags line in /proc/self/fdinfo/" + fd);
    }

    static boolean nonBlocking(int fd) {
        return (flags(fd) & O_NONBLOCK) != 0;
    }

    static boolean closeOnExec(int fd) {
        return (flags(fd) & O_CLOEXEC) != 0;
    }

    static boolean isOpen(int fd) {
        return fd >= 0 && Files.exists(Path.of("/proc/self/fd/" + fd), LinkOption.NOFOLLOW_LINKS);
    }

    /** What the fd is, such as {@code socket:[12345]}: two fds on one socket show the same. */
    static String target(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
