package io.jsock;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short python3 program and returns what it printed: the tests ask CPython itself what
 * its socket module does, instead of assuming. Tests that need it are skipped without python3.
 */
final class PySnippet {
    static final String PYTHON = System.getProperty("jsock.test.python", "python3");

    private PySnippet() {}

    private static final Map<List<String>, String> OUTPUTS = new ConcurrentHashMap<>();

    /**
     * The program's standard output, trimmed; fails the test if the program fails. A program is
     * run once per test run: parameterized tests ask the same question many times.
     */
    static String run(String program, String... args) throws IOException, InterruptedException {
        List<String> key = new ArrayList<>(List.of(program));
        key.addAll(List.of(args));
        String known = OUTPUTS.get(key);
        if (known != null) return known;
        String out = runOnce(program, args);
        OUTPUTS.put(key, out);
        return out;
    }

    private static String runOnce(String program, String... args) throws IOException, InterruptedException {
        Process p = start(program, args);
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish:\n" + program);
        }
        if (p.exitValue() != 0) {
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("python3 failed (" + p.exitValue() + "):\n" + program + "\n" + err);
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }

    /** Starts the program (for a peer that talks to the test); skips the test without python3. */
    static Process start(String program, String... args) throws IOException {
        assumeTrue(available(), "python3 is not installed: no CPython to compare with");
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", program));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    private static Boolean available;

    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import socket").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }
}
