package io.jsock.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.SocketError;
import io.jsock.netlink.NetNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tool tests share: running iproute2 (on the host or in a namespace) and running a command of the tool. */
final class Iproute2 {
    private Iproute2() {}

    record Result(int exit, String out, String err) {}

    interface Entry {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** A command of the tool, called on this thread, its output captured. */
    static Result tool(Entry command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = command.run(args, o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A program no one here wrote, with its exit status and output. */
    static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code ip ARGS} on the host, or in {@code ns} through nsenter when it is not null. */
    static Result ip(NetNamespace ns, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (ns != null) cmd.addAll(List.of("nsenter", "--net=" + ns.path()));
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static boolean isRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
        }
        return false;
    }

    /** A network namespace of the test's own, or the test is skipped with the reason. */
    static NetNamespace privateNamespace() throws IOException {
        assumeTrue(isRoot(), "skipped: making a network namespace needs root (CAP_SYS_ADMIN)");
        try {
            return NetNamespace.create();
        } catch (SocketError e) {
            assumeTrue(false, "skipped: this kernel or container refuses unshare(CLONE_NEWNET): " + e.getMessage());
            throw e;
        }
    }
}
