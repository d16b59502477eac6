package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process for the end-to-end tests: the jsock tool on the module path, or a python3
 * peer. Its stdout is collected as bytes, its stderr as lines; every wait is generous and
 * fails the test when it runs out.
 */
final class ChildProcess implements AutoCloseable {
    static final long WAIT_SECONDS = 60;

    private final String name;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderrLines = new LinkedBlockingQueue<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildProcess(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).start();
        this.stdoutReader = daemon(this::readStdout);
        this.stderrReader = daemon(this::readStderr);
    }

    /** {@code jsock ARGS}: the tool's module on the module path Maven built for the tests. */
    static ChildProcess jsock(String... args) throws IOException {
        String modulePath = System.getProperty("jsock.tools.modulepath");
        assertNotNull(modulePath, "-Djsock.tools.modulepath is set by tools/pom.xml");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "-m", "io.jsock.tools/io.jsock.tools.Main"));
        command.addAll(Arrays.asList(args));
        return new ChildProcess("jsock " + String.join(" ", args), command);
    }

    /** {@code python3 -c SCRIPT ARGS}: a peer no one here wrote the socket code of. */
    static ChildProcess python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("jsock.test.python", "python3"), "-c", script));
        command.addAll(Arrays.asList(args));
        return new ChildProcess("python3", command);
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r);
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
                for (int i = 0; i < n; i++) { // lines too, for the peers that report in lines
                    if (buffer[i] == '\n') {
                        stdoutLines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
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

    /** Writes {@code data} to stdin in the background (the process may need to read it first), then closes stdin. */
    CompletableFuture<Void> feed(byte[] data) {
        return feed(data, true);
    }

    CompletableFuture<Void> feed(byte[] data, boolean close) {
        return CompletableFuture.runAsync(() -> {
            try {
                OutputStream in = process.getOutputStream();
                in.write(data);
                in.flush();
                if (close) in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    String nextStdoutLine() throws InterruptedException {
        return next(stdoutLines, "a line on stdout");
    }

    String nextStderrLine() throws InterruptedException {
        return next(stderrLines, "a line on stderr");
    }

    private String next(BlockingQueue<String> lines, String what) throws InterruptedException {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) fail(name + ": no " + what + " in " + WAIT_SECONDS + " s; stderr: " + stderr());
        return line;
    }

    /** Waits until stdout holds at least {@code length} bytes. */
    void awaitStdout(int length) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (stdout) {
            while (stdout.size() < length) {
                long left = deadline - System.nanoTime();
                if (left <= 0) fail(name + ": " + stdout.size() + " of " + length + " bytes on stdout; stderr: " + stderr());
                TimeUnit.NANOSECONDS.timedWait(stdout, left);
            }
        }
    }

    /** Waits for the process to exit and for its output to be read; returns the exit code. */
    int waitFor() throws InterruptedException {
        boolean exited = process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(exited, name + " still running after " + WAIT_SECONDS + " s; stderr: " + stderr());
        stdoutReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        stderrReader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or kill would stop it; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return waitFor();
    }

    byte[] stdout() {
        synchronized (stdout) {
            return stdout.toByteArray();
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
