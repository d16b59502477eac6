package io.jsock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Programs no one here wrote (iproute2, python3, cc), run to their end: exit status and output. */
public final class Programs {
    /** Generous: a program that has not ended by then never will. */
    public static final long WAIT_SECONDS = 60;

    private Programs() {}

    /** What a program did: its exit status, its stdout and its stderr. */
    public record Result(int exit, String out, String err) {}

    public static Result run(String... command) throws IOException {
        return run(List.of(command), new byte[0]);
    }

    public static Result run(List<String> command) throws IOException {
        return run(command, new byte[0]);
    }

    /**
     * Runs {@code command} with {@code input} on its stdin. An IOException if it cannot be
     * started (not installed) or does not end within {@link #WAIT_SECONDS}.
     */
    public static Result run(List<String> command, byte[] input) throws IOException {
        Process p = new ProcessBuilder(command).start();
        try {
            // Both outputs and the input at once, so that no full pipe stops the program.
            CompletableFuture<byte[]> out = inBackground(() -> {
                try (InputStream stdout = p.getInputStream()) {
                    return stdout.readAllBytes();
                }
            });
            CompletableFuture<byte[]> err = inBackground(() -> {
                try (InputStream stderr = p.getErrorStream()) {
                    return stderr.readAllBytes();
                }
            });
            CompletableFuture<Object> in = inBackground(() -> {
                try (OutputStream stdin = p.getOutputStream()) {
                    stdin.write(input);
                }
                return null;
            });
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + WAIT_SECONDS + " s");
            }
            in.exceptionally(ignored -> null).get(WAIT_SECONDS, TimeUnit.SECONDS); // one that ended unread is fine
            return new Result(p.exitValue(), text(out), text(err));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": its output could not be read", e);
        }
    }

    /** Whether {@code command} can be run and exits with status 0. */
    public static boolean succeeds(String... command) {
        try {
            return run(command).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code work} on a daemon thread of its own: a blocked pipe must hold up no pool that other
     * tests share, nor keep the JVM alive.
     */
    static <T> CompletableFuture<T> inBackground(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "child-process-io");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private static String text(CompletableFuture<byte[]> output)
            throws InterruptedException, ExecutionException, TimeoutException {
        return new String(output.get(WAIT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }
}
