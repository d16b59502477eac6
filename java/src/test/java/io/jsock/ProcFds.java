package io.jsock;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The fds this process holds, as /proc/self/fd lists them: to prove that nothing leaked. */
final class ProcFds {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private ProcFds() {}

    /**
     * Every open fd and what it is. The listing's own fds (the /proc directory) are left out: they
     * take the lowest free numbers, which are the very numbers a leaked fd would get later.
     */
    static Map<Integer, String> open() throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(FD_DIR)) {
            for (Path p : s) {
                int fd = Integer.parseInt(p.getFileName().toString());
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (!target.startsWith("/proc/")) fds.put(fd, target);
                } catch (NoSuchFileException gone) {
                    // closed while we listed: not ours to count
                }
            }
        }
        return fds;
    }

    /**
     * Fails if fds beyond {@code before} stay open. Other threads of the JVM (the test runner's
     * among them) open and close fds of their own at any moment, so a new fd counts as leaked
     * only if it is still there after a few looks over several seconds; a leaked one never goes.
     */
    static void assertNoneLeaked(Map<Integer, String> before, String what) throws IOException, InterruptedException {
        Map<Integer, String> extra = Map.of();
        for (int look = 0; look < 50; look++) {
            extra = open();
            extra.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
            if (extra.isEmpty()) return;
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": fds leaked: " + extra);
    }

    /** What the fd is, as the kernel names it: a path, {@code pipe:[...]}, {@code socket:[...]}. */
    static String target(int fd) throws IOException {
        return Files.readSymbolicLink(FD_DIR.resolve(String.valueOf(fd))).toString();
    }
}
