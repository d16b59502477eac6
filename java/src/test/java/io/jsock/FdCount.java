package io.jsock;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The file descriptors this process holds, as {@code /proc/self/fd} lists them. */
final class FdCount {
    private static final Path FDS = Path.of("/proc/self/fd");

    private FdCount() {}

    /**
     * Every open fd and what it refers to ({@code socket:[inode]}, a path, {@code pipe:[..]}).
     * The directory handle used for the listing itself is left out: it is closed once read.
     */
    static Map<Integer, String> snapshot() {
        Map<Integer, String> fds = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
            for (Path entry : entries) fds.put(Integer.parseInt(entry.getFileName().toString()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fds.replaceAll((fd, none) -> target(fd));
        fds.values().removeIf(t -> t == null); // the listing's own handle, gone by now
        // The JVM reads its container limits from cgroup files now and then, on threads of its own.
        fds.values().removeIf(t -> t.startsWith("/sys/fs/cgroup/"));
        return fds;
    }

    private static String target(int fd) {
        try {
            return Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString();
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, naming each fd that appeared or disappeared, unless the two snapshots are the same. */
    static void assertSame(Map<Integer, String> before, Map<Integer, String> after, String what) {
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
}
