package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A python3 peer: one of the scripts under {@code io/jsock/python/} run as a child process. It
 * speaks on stdout in lines of words, which the test reads as they come.
 */
final class PythonScript implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final List<String> lines = new ArrayList<>();

    private PythonScript(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static PythonScript start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("jsock.test.python", "python3"));
        command.add(path(script).toString());
        command.addAll(List.of(args));
        return new PythonScript(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    private static Path path(String script) {
        try {
            return Path.of(PythonScript.class.getResource("python/" + script).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test script " + script, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The next line's words; fails when the script ended without one. */
    String[] next() throws IOException {
        String line = out.readLine();
        if (line == null) throw new IllegalStateException("python ended early; it said " + lines);
        lines.add(line);
        return line.trim().split(" ");
    }

    /** The next line, which must start with {@code key}: its other words. */
    String[] expect(String key) throws IOException {
        String[] words = next();
        assertEquals(key, words[0], "python said " + String.join(" ", words));
        return java.util.Arrays.copyOfRange(words, 1, words.length);
    }

    /** Waits for the script to end well. */
    void finish() throws IOException, InterruptedException {
        String rest;
        while ((rest = out.readLine()) != null) lines.add(rest);
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("python did not end");
        assertEquals(0, process.exitValue(), "python failed; it said " + lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
