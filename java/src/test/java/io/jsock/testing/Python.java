package io.jsock.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.SockAddr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPython as a peer, the {@code python3} named by {@code -Djsock.test.python}: the scripts of the
 * test resources' {@code python/} folder, and short programs a test writes to ask CPython itself
 * what its socket module does, instead of assuming.
 */
public final class Python {
    public static final String EXECUTABLE = System.getProperty("jsock.test.python", "python3");

    private static final Map<List<String>, String> OUTPUTS = new ConcurrentHashMap<>();
    private static Boolean available;

    private Python() {}

    /** Starts {@code python/<script>} with arguments; the caller reads its lines and closes it. */
    public static ChildProcess start(String script, String... args) {
        return launch(script, source(script), args);
    }

    /** Starts {@code python3 -c code} with arguments: a peer a test writes in place. */
    public static ChildProcess startCode(String code, String... args) {
        return launch("python3", code, args);
    }

    private static ChildProcess launch(String name, String code, String... args) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE, "-u", "-c", code));
        command.addAll(List.of(args));
        try {
            return ChildProcess.start(name, command);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + EXECUTABLE + " (the interop tests need CPython 3): " + e, e);
        }
    }

    /** Runs {@code python/<script>} to its end and returns its stdout lines; a non-zero exit fails. */
    public static List<String> lines(String script, String... args) {
        try (ChildProcess p = start(script, args)) {
            List<String> lines = new ArrayList<>();
            for (String line = p.nextLineOrEnd(); line != null; line = p.nextLineOrEnd()) lines.add(line);
            p.finish();
            return lines;
        }
    }

    /** Runs {@code python/<script>} with {@code input} on its stdin and returns its stdout; a non-zero exit fails. */
    public static String run(String script, byte[] input) throws IOException {
        Programs.Result r = Programs.run(List.of(EXECUTABLE, "-c", source(script)), input);
        if (r.exit() != 0) fail(script + " failed (" + r.exit() + "): " + r.err());
        return r.out();
    }

    /**
     * What {@code python3 -c program} prints, trimmed; fails the test if the program fails, and
     * skips it where there is no python3. A program is run once per test run: parameterized
     * tests ask the same question many times.
     */
    public static String output(String program, String... args) throws IOException {
        assumeAvailable();
        List<String> key = new ArrayList<>(List.of(program));
        key.addAll(List.of(args));
        String known = OUTPUTS.get(key);
        if (known != null) return known;
        List<String> command = new ArrayList<>(List.of(EXECUTABLE, "-c", program));
        command.addAll(List.of(args));
        Programs.Result r = Programs.run(command);
        if (r.exit() != 0) throw new AssertionError("python3 failed (" + r.exit() + "):\n" + program + "\n" + r.err());
        String out = r.out().trim();
        OUTPUTS.put(key, out);
        return out;
    }

    /** Skips the test where there is no python3 with a socket module to compare with. */
    public static void assumeAvailable() {
        assumeTrue(available(), "python3 is not installed: no CPython to compare with");
    }

    private static synchronized boolean available() {
        if (available == null) available = Programs.succeeds(EXECUTABLE, "-c", "import socket");
        return available;
    }

    private static String source(String script) {
        try (InputStream in = Python.class.getResourceAsStream("/python/" + script)) {
            if (in == null) throw new IllegalStateException("no test resource python/" + script);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- addresses as peer.py writes them: unix,<hex> abstract,<hex> unnamed inet,<host>,<port>
    //      inet6,<host>,<port>,<flowinfo>,<scope id>   tipc,<addr_type>,<v1>,<v2>,<v3>,<scope> (CPython's tuple)

    public static String spec(SockAddr address) {
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
        if (address instanceof SockAddr.Tipc t) {
            StringBuilder b = new StringBuilder("tipc");
            for (long v : t.toPythonTuple()) b.append(',').append(v);
            return b.toString();
        }
        throw new IllegalArgumentException("no spec for " + address);
    }

    public static SockAddr parse(String spec) {
        String[] f = spec.split(",", -1);
        switch (f[0]) {
            case "unnamed": return SockAddr.unixUnnamed();
            case "unix": return new SockAddr.Unix(SockAddr.Unix.Kind.PATH, HexFormat.of().parseHex(f[1]));
            case "abstract": return SockAddr.unixAbstract(HexFormat.of().parseHex(f[1]));
            case "inet": return SockAddr.inet(f[1], Integer.parseInt(f[2]));
            case "inet6":
                return SockAddr.inet6(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseUnsignedInt(f[4]));
            case "tipc": {
                long[] tuple = new long[f.length - 1];
                for (int i = 1; i < f.length; i++) tuple[i - 1] = Long.parseLong(f[i]);
                return SockAddr.tipcFromPython(tuple);
            }
            default: throw new IllegalArgumentException("not an address spec: " + spec);
        }
    }
}
