package io.jsock;

import static org.junit.jupiter.api.Assertions.fail;

import io.jsock.testing.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A C program a test writes, compiles with the system's {@code cc} and runs: the tests' own,
 * independent reading of the system headers, so that no number in a test is typed by hand.
 */
final class CProgram {
    static final String COMPILER = System.getProperty("jsock.test.cc", "cc");

    /**
     * The headers of the socket API: the system headers native/consts.c includes (the ones the
     * shim's tables were compiled from), read from that file so the two cannot drift apart.
     */
    static final String SOCKET_HEADERS = socketHeaders();

    private static String socketHeaders() {
        try {
            StringBuilder b = new StringBuilder("#define _GNU_SOURCE\n#include <stddef.h>\n#include <stdio.h>\n");
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "native", "consts.c"));
            int last = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("#include <")) last = i;
            }
            // the includes, and the #define/#undef among them that make two headers agree
            for (String line : lines.subList(0, last + 1)) {
                if (line.startsWith("#include <") || line.startsWith("#define ") || line.startsWith("#undef ")) b.append(line).append('\n');
            }
            return b.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the tests run from java/ and read ../native/consts.c", e);
        }
    }

    private CProgram() {}

    /** Compiles and runs {@code source}; returns its stdout lines. Fails with the compiler's words. */
    static List<String> run(String source) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jsock-cc-");
            Path c = dir.resolve("probe.c");
            Path exe = dir.resolve("probe");
            Files.writeString(c, source);
            Programs.Result cc = exec(List.of(COMPILER, "-std=gnu11", "-o", exe.toString(), c.toString()));
            if (cc.exit() != 0) fail(COMPILER + " rejected the test's C program:\n" + cc.err() + cc.out() + "\n---- program:\n" + numbered(source));
            Programs.Result r = exec(List.of(exe.toString()));
            if (r.exit() != 0) fail("the test's C program exited with " + r.exit() + ":\n" + r.out() + r.err());
            return r.out().lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteAll(dir);
        }
    }

    /** Whether {@code source} compiles (used to prove the headers lack a name). */
    static boolean compiles(String source) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jsock-cc-");
            Path c = dir.resolve("probe.c");
            Files.writeString(c, source);
            return exec(List.of(COMPILER, "-std=gnu11", "-fsyntax-only", c.toString())).exit() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteAll(dir);
        }
    }

    /**
     * The value of each C expression, evaluated by a program that includes {@code headers}:
     * {@code values(SOCKET_HEADERS, List.of("IPV6_FL_A_GET", "offsetof(struct in6_flowlabel_req, flr_label)"))}.
     */
    static Map<String, Long> values(String headers, List<String> expressions) {
        StringBuilder src = new StringBuilder(headers).append("\nint main(void) {\n");
        for (String e : expressions) src.append("    printf(\"%lld\\n\", (long long) (").append(e).append("));\n");
        src.append("    return 0;\n}\n");
        List<String> out = run(src.toString());
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = 0; i < expressions.size(); i++) values.put(expressions.get(i), Long.parseLong(out.get(i)));
        return values;
    }

    private static Programs.Result exec(List<String> command) {
        try {
            return Programs.run(command);
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + command.get(0) + "' to its end: these tests compile C against the system"
                    + " headers and need a C compiler (cc, or -Djsock.test.cc=...) and the kernel headers: " + e, e);
        }
    }

    private static String numbered(String source) {
        List<String> lines = new ArrayList<>();
        List<String> src = source.lines().toList();
        for (int i = 0; i < src.size(); i++) lines.add(String.format("%4d  %s", i + 1, src.get(i)));
        return String.join("\n", lines);
    }

    private static void deleteAll(Path dir) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
