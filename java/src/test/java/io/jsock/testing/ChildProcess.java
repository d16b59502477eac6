package io.jsock.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process a test talks to while it runs: a python3 peer, the jsock tool. A peer speaks
 * through its stdout, one line per event, so a test waits for a line instead of sleeping. Its
 * stdout is kept as bytes and as lines, its stderr as lines for the failure messages; every wait
 * is generous and fails the test when it runs out.
 */
public final class ChildProcess implements AutoCloseable {
    /** Generous: a line or an exit that has not come within this time is never coming. */
    public static final long WAIT_SECONDS = 60;

    private final String name;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    /** stdout's lines, then Optional.empty() at its end. */
    private final BlockingQueue<Optional<String>> stdoutLines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderrLines = new LinkedBlockingQueue<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdoutReader = daemon(this::readStdout);
        this.stderrReader = daemon(this::readStderr);
    }

    /** Starts {@code command}; {@code name} is what the failure messages call it. */
    public static ChildProcess start(String name, List<String> command) throws IOException {
        return new ChildProcess(name, new ProcessBuilder(command).start());
    }

    private Thread daemon(Runnable r) {
        Thread t = new Thread(r, "child-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void readStdout() {
        byte[] buffer = new byte[65536];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (stdout) {
                    stdout.write(buffer, 0, n);
                    stdout.notifyAll();
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        stdoutLines.add(Optional.of(line.toString(StandardCharsets.UTF_8)));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; the end marker below says so
        } finally {
            if (line.size() > 0) stdoutLines.add(Optional.of(line.toString(StandardCharsets.UTF_8)));
            stdoutLines.add(Optional.empty());
        }
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (stderr) {
                    stderr.add(line);
                }
                stderrLines.add(line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Writes {@code data} to stdin in the background (the process may need to read it first), then closes stdin. */
    public CompletableFuture<Void> feed(byte[] data) {
        return feed(data, true);
    }

    public CompletableFuture<Void> feed(byte[] data, boolean close) {
        return Programs.inBackground(() -> {
            OutputStream in = process.getOutputStream();
            in.write(data);
            in.flush();
            if (close) in.close();
            return null;
        });
    }

    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** The next line on stdout, or null at its end. */
    public String nextLineOrEnd() {
        Optional<String> line;
        try {
            line = stdoutLines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
        if (line == null) fail(name + " printed nothing for " + WAIT_SECONDS + " s" + said());
        if (line.isEmpty()) stdoutLines.add(line); // keep the end marker for later calls
        return line.orElse(null);
    }

    /** The next line on stdout, which must come. */
    public String nextLine() {
        String line = nextLineOrEnd();
        if (line == null) fail(name + " ended before the expected line (exit " + exitCode() + ")" + said());
        return line;
    }

    /** Reads the next line, which must be {@code word} and its fields; returns the fields. */
    public String[] expect(String word) {
        String line = nextLine();
        String[] fields = line.trim().split(" ");
        if (!fields[0].equals(word)) fail(name + " said '" + line + "' where '" + word + " ...' was expected" + said());
        return Arrays.copyOfRange(fields, 1, fields.length);
    }

    /** The next line on stderr, which must come. */
    public String nextStderrLine() throws InterruptedException {
        String line = stderrLines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) fail(name + ": no line on stderr in " + WAIT_SECONDS + " s" + said());
        return line;
    }

    /** Waits until stdout holds at least {@code length} bytes. */
    public void awaitStdout(int length) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (stdout) {
            while (stdout.size() < length) {
                long left = deadline - System.nanoTime();
                if (left <= 0) fail(name + ": " + stdout.size() + " of " + length + " bytes on stdout" + said());
                TimeUnit.NANOSECONDS.timedWait(stdout, left);
            }
        }
    }

    /** Waits for the process to exit and for its output to be read; returns the exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) fail(name + " still running after " + WAIT_SECONDS + " s" + said());
        stdoutReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        stderrReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return process.exitValue();
    }

    /** Waits for the process to exit, which it must do with status 0. */
    public void finish() {
        int exit;
        try {
            exit = waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (exit != 0) fail(name + " exited with status " + exit + said());
    }

    /** SIGTERM, as Ctrl-C or kill would stop it; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return waitFor();
    }

    public byte[] stdout() {
        synchronized (stdout) {
            return stdout.toByteArray();
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    private String exitCode() {
        return process.isAlive() ? "pending" : String.valueOf(process.exitValue());
    }

    /** What the process wrote on stderr, for a failure message; a traceback that is on its way is waited for. */
    private String said() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = stderr();
        return lines.isEmpty() ? "" : "; its stderr:\n" + String.join("\n", lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
