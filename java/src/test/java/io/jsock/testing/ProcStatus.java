package io.jsock.testing;

import io.jsock.Ucred;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this process is, as {@code /proc/self/status} says: its real and effective user and group ids. */
public final class ProcStatus {
    private ProcStatus() {}

    /** The real uid. */
    public static int uid() {
        return id("Uid:", 0);
    }

    /** The real gid. */
    public static int gid() {
        return id("Gid:", 0);
    }

    public static int effectiveUid() {
        return id("Uid:", 1);
    }

    public static int effectiveGid() {
        return id("Gid:", 1);
    }

    /** This process's pid and real uid and gid, as SO_PEERCRED and SCM_CREDENTIALS carry them. */
    public static Ucred credentials() {
        return new Ucred((int) ProcessHandle.current().pid(), uid(), gid());
    }

    /** Whether the effective uid is 0. */
    public static boolean isRoot() {
        return effectiveUid() == 0;
    }

    /** Field {@code which} (0 real, 1 effective, 2 saved, 3 file system) of a line "Uid: real effective saved fs". */
    private static int id(String line, int which) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(line)) return Integer.parseInt(l.substring(line.length()).trim().split("\\s+")[which]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no " + line + " in /proc/self/status");
    }
}
