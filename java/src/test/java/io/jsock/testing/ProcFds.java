package io.jsock.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.jsock.internal.Consts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fds this process holds and what the kernel says of each, through {@code /proc/self/fd} and
 * {@code /proc/self/fdinfo}: an observer jsock does not control, to prove that nothing leaked.
 */
public final class ProcFds {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final int O_NONBLOCK = Consts.get("O_NONBLOCK");
    private static final int O_CLOEXEC = Consts.get("O_CLOEXEC");

    private ProcFds() {}

    /**
     * Every open fd and what it refers to ({@code socket:[inode]}, a path, {@code pipe:[..]}).
     * The directory handle used for the listing itself is left out: it is closed once read, and
     * it takes the lowest free number, the very number a leaked fd would get later.
     */
    public static Map<Integer, String> snapshot() {
        Map<Integer, String> fds = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
            for (Path entry : entries) fds.put(Integer.parseInt(entry.getFileName().toString()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fds.replaceAll((fd, none) -> targetOrNull(fd));
        fds.values().removeIf(t -> t == null); // the listing's own handle, gone by now
        // The JVM reads its container limits from cgroup files now and then, on threads of its own.
        fds.values().removeIf(t -> t.startsWith("/sys/fs/cgroup/"));
        return fds;
    }

    /** The fds open on {@code target} (a path as the kernel names it, or {@code socket:[inode]}), lowest first. */
    public static List<Integer> on(String target) {
        return snapshot().entrySet().stream().filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey).toList();
    }

    /** Fails, naming each fd that appeared or disappeared, unless the two snapshots are the same. */
    public static void assertSame(Map<Integer, String> before, Map<Integer, String> after, String what) {
        StringBuilder diff = new StringBuilder();
        after.forEach((fd, t) -> {
            if (!t.equals(before.get(fd))) diff.append("\n  opened: fd ").append(fd).append(" -> ").append(t);
        });
        before.forEach((fd, t) -> {
            if (!t.equals(after.get(fd))) diff.append("\n  closed: fd ").append(fd).append(" -> ").append(t);
        });
        if (diff.length() > 0) {
            fail(what + ": the open fds changed (" + before.size() + " before, " + after.size() + " after):" + diff);
        }
    }

    /**
     * Fails if fds beyond {@code before} stay open. Other threads of the JVM (the test runner's
     * among them) open and close fds of their own at any moment, so a new fd counts as leaked
     * only if it is still there after a few looks over several seconds; a leaked one never goes.
     */
    public static void assertNoneLeaked(Map<Integer, String> before, String what) throws InterruptedException {
        Map<Integer, String> extra = Map.of();
        for (int look = 0; look < 50; look++) {
            extra = snapshot();
            extra.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
            if (extra.isEmpty()) return;
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": fds leaked: " + extra);
    }

    /** What the fd is, as the kernel names it: a path, {@code pipe:[...]}, {@code socket:[12345]}; two fds on one socket show the same. */
    public static String target(int fd) {
        try {
            return Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String targetOrNull(int fd) {
        try {
            return Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString();
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isOpen(int fd) {
        return fd >= 0 && Files.exists(FDS.resolve(Integer.toString(fd)), LinkOption.NOFOLLOW_LINKS);
    }

    /** The open flags of an fd as /proc/self/fdinfo shows them (O_CLOEXEC stands for FD_CLOEXEC there). */
    public static int flags(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) return Integer.parseInt(line.substring(6).trim(), 8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no flags line in /proc/self/fdinfo/" + fd);
    }

    public static boolean nonBlocking(int fd) {
        return (flags(fd) & O_NONBLOCK) != 0;
    }

    public static boolean closeOnExec(int fd) {
        return (flags(fd) & O_CLOEXEC) != 0;
    }
}
