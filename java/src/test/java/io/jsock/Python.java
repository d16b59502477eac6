package io.jsock;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * CPython as a peer: runs the scripts of the test resources' {@code python/} folder with the
 * {@code python3} named by {@code -Djsock.test.python}. A peer speaks through its stdout, one
 * line per event, so a test waits for a line instead of sleeping.
 */
final class Python {
    static final String EXECUTABLE = System.getProperty("jsock.test.python", "python3");
    /** Generous: a line that has not come within this time is never coming. */
    static final long LINE_TIMEOUT_SECONDS = 30;

    private Python() {}

    /** Starts {@code python/<script>} with arguments; the caller reads its lines and closes it. */
    static Peer start(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE, "-u", "-c", source(script)));
        command.addAll(List.of(args));
        try {
            return new Peer(script, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + EXECUTABLE + " (the interop tests need CPython 3): " + e, e);
        }
    }

    /** Runs {@code python/<script>} to its end and returns its stdout lines; a non-zero exit fails. */
    static List<String> run(String script, String... args) {
        try (Peer p = start(script, args)) {
            List<String> lines = new ArrayList<>();
            for (String line = p.nextLineOrEnd(); line != null; line = p.nextLineOrEnd()) lines.add(line);
            p.finish();
            return lines;
        }
    }

    private static String source(String script) {
        try (InputStream in = Python.class.getResourceAsStream("/python/" + script)) {
            if (in == null) throw new IllegalStateException("no test resource python/" + script);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running python3: its stdout as lines, its stderr kept for failure messages. */
    static final class Peer implements AutoCloseable {
        private final String name;
        private final Process process;
        private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        private final StringBuffer stderr = new StringBuffer();

        Peer(String name, Process process) {
            this.name = name;
            this.process = process;
            drain(process.getInputStream(), line -> lines.add(Optional.of(line)), () -> lines.add(Optional.empty()));
            drain(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { });
        }

        private void drain(InputStream in, java.util.function.Consumer<String> sink, Runnable atEnd) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) sink.accept(line);
                } catch (IOException ignored) {
                    // the process is gone; the end marker below says so
                } finally {
                    atEnd.run();
                }
            }, "python-" + name);
            t.setDaemon(true);
            t.start();
        }

        /** The next line, or null at the end of the peer's output. */
        String nextLineOrEnd() {
            Optional<String> line;
            try {
                line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + name, e);
            }
            if (line == null) fail(name + " printed nothing for " + LINE_TIMEOUT_SECONDS + " s" + stderrText());
            if (line.isEmpty()) lines.add(line); // keep the end marker for later calls
            return line.orElse(null);
        }

        /** The next line, which must exist. */
        String nextLine() {
            String line = nextLineOrEnd();
            if (line == null) fail(name + " ended before the expected line (exit " + exitCode() + ")" + stderrText());
            return line;
        }

        /** Reads the next line, which must be {@code word} and its fields; returns the fields. */
        String[] expect(String word) {
            String line = nextLine();
            String[] fields = line.split(" ");
            if (!fields[0].equals(word)) fail(name + " said '" + line + "' where '" + word + " ...' was expected" + stderrText());
            return java.util.Arrays.copyOfRange(fields, 1, fields.length);
        }

        /** Waits for the peer to exit, which it must do with status 0. */
        void finish() {
            try {
                if (!process.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    fail(name + " did not exit within " + LINE_TIMEOUT_SECONDS + " s" + stderrText());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (process.exitValue() != 0) fail(name + " exited with status " + process.exitValue() + stderrText());
        }

        private String exitCode() {
            return process.isAlive() ? "pending" : String.valueOf(process.exitValue());
        }

        private String stderrText() {
            try {
                process.waitFor(1, TimeUnit.SECONDS); // let the traceback arrive, if one is coming
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stderr.length() == 0 ? "" : "; its stderr:\n" + stderr;
        }

        @Override
        public void close() {
            if (process.isAlive()) process.destroyForcibly();
        }
    }

    // ---- addresses as peer.py writes them: unix,<hex> abstract,<hex> unnamed inet,<host>,<port>
    //      inet6,<host>,<port>,<flowinfo>,<scope id>

    static String spec(SockAddr address) {
        if (address == null) return "unnamed";
        if (address instanceof SockAddr.Unix u) {
            switch (u.kind()) {
                case UNNAMED: return "unnamed";
                case ABSTRACT: return "abstract," + HexFormat.of().formatHex(u.name());
                default: return "unix," + HexFormat.of().formatHex(u.name());
            }
        }
        if (address instanceof SockAddr.Inet i) return "inet," + i.host() + "," + i.port();
        if (address instanceof SockAddr.Inet6 i) {
            return "inet6," + i.host() + "," + i.port() + "," + i.flowInfo() + "," + Integer.toUnsignedString(i.scopeId());
        }
        throw new IllegalArgumentException("no spec for " + address);
    }

    static SockAddr parse(String spec) {
        String[] f = spec.split(",", -1);
        switch (f[0]) {
            case "unnamed": return SockAddr.unixUnnamed();
            case "unix": return new SockAddr.Unix(SockAddr.Unix.Kind.PATH, HexFormat.of().parseHex(f[1]));
            case "abstract": return SockAddr.unixAbstract(HexFormat.of().parseHex(f[1]));
            case "inet": return SockAddr.inet(f[1], Integer.parseInt(f[2]));
            case "inet6":
                return SockAddr.inet6(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseUnsignedInt(f[4]));
            default: throw new IllegalArgumentException("not an address spec: " + spec);
        }
    }
}
