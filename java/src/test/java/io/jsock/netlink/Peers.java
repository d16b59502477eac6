package io.jsock.netlink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.SocketError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the netlink tests share: a private namespace to change, and iproute2 run inside it. */
final class Peers {
    private Peers() {}

    /** Whether the effective uid is 0, as /proc/self/status says ("Uid: real effective saved fs"). */
    static boolean isRoot() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
        }
        return false;
    }

    /** A new network namespace, or the test is skipped (with the reason) where none can be made. */
    static NetNamespace privateNamespace() throws IOException {
        assumeTrue(isRoot(), "skipped: making a network namespace needs root (CAP_SYS_ADMIN)");
        try {
            return NetNamespace.create();
        } catch (SocketError e) {
            assumeTrue(false, "skipped: this kernel or container refuses unshare(CLONE_NEWNET): " + e.getMessage());
            throw e;
        }
    }

    record Result(int exit, String out, String err) {}

    /** Runs a program no one here wrote and returns its exit status and output. */
    static Result run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code ip ARGS} inside the namespace, through nsenter. */
    static Result ipIn(NetNamespace ns, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + ns.path(), "ip"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(new String[0]));
    }
}
