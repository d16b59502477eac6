package io.jsock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The fds this process holds, as /proc/self/fd lists them: to prove that nothing leaked. */
final class ProcFds {
    private ProcFds() {}

    static Set<Integer> open() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            // The directory stream's own fd shows up in every listing alike.
            return s.map(p -> Integer.parseInt(p.getFileName().toString())).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** What the fd is, as the kernel names it: a path, {@code pipe:[...]}, {@code socket:[...]}. */
    static String target(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    }
}
