package io.jsock;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.netlink.NetNamespace;
import io.jsock.testing.Namespaces;
import io.jsock.testing.ProcFds;
import io.jsock.testing.ProcStatus;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of the README, compiled and run.
 *
 * <p>The convention: a block that declares a class with {@code public static void main(String[]
 * args)} is a program. It is compiled on its own (its imports are its own; nothing is added)
 * against the library's classes, then its main runs in this JVM twice, each time with a fresh,
 * empty {@code java.io.tmpdir} of its own (so runs on one machine do not meet): each run must
 * end within a minute, throw nothing, leave its temporary directory empty and leave no socket,
 * pipe or epoll fd open, so a file or a socket left behind fails the test. A program whose text
 * says "Needs root" runs only as root, where a network namespace can be made (else it is skipped,
 * saying so). A block without a main is a fragment: in the README's "Examples" section that is a
 * failure (every example there must run); elsewhere (the reference sections show one call at a
 * time) it is reported as skipped. New blocks are found by reading README.md; nothing lists them.
 */
class ReadmeExamplesTest {
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*String\\s*(\\[\\]\\s*\\w+|\\w+\\s*\\[\\])\\s*\\)");
    private static final String EXAMPLES_SECTION = "Examples";
    private static final String NEEDS_ROOT = "Needs root";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    /** One fenced Java block: the line its fence opens on, the "## " section it is in, its text. */
    record Block(int line, String section, String code) {
        String className() {
            Matcher m = CLASS.matcher(code);
            return m.find() ? m.group(1) : null;
        }

        boolean isProgram() {
            return className() != null && MAIN.matcher(code).find();
        }
    }

    static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path r = dir.resolve("README.md");
            if (Files.isRegularFile(r) && Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("java"))) {
                return r;
            }
        }
        throw new AssertionError("no README.md above " + Path.of("").toAbsolutePath());
    }

    static List<Block> javaBlocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) section = line.substring(3).trim();
            String fence = line.strip();
            if (!fence.startsWith("```")) continue;
            int open = i;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) code.append(lines.get(i)).append('\n');
            if (i == lines.size()) fail("README.md line " + (open + 1) + ": the code block never closes");
            if (fence.substring(3).strip().equals("java")) blocks.add(new Block(open + 1, section, code.toString()));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadme() throws IOException {
        List<Block> blocks = javaBlocks(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        assertTrue(blocks.stream().anyMatch(b -> b.section().equals(EXAMPLES_SECTION) && b.isProgram()),
                "the README's Examples section has programs");
        return blocks.stream().map(b -> DynamicTest.dynamicTest(
                "README.md line " + b.line() + " (" + b.section() + ")" + (b.isProgram() ? ": " + b.className() : ""),
                () -> check(b)));
    }

    private static void check(Block b) throws Exception {
        if (!b.isProgram()) {
            assertNotEquals(EXAMPLES_SECTION, b.section(), "README.md line " + b.line()
                    + ": every block of the Examples section must be a program, a class with public static void main");
            assumeTrue(false, "README.md line " + b.line() + ": a fragment (no class with a main), shown, not run");
        }
        if (b.code().contains(NEEDS_ROOT)) {
            try (NetNamespace probe = Namespaces.privateNamespace()) { // skips, with the reason, where none can be made
                assertTrue(ProcStatus.isRoot());
            }
        }
        Path work = Files.createTempDirectory("jsock-readme-");
        try {
            Path classes = Files.createDirectory(work.resolve("classes"));
            compile(b, classes);
            for (int run = 1; run <= 2; run++) {
                Path tmp = Files.createDirectory(work.resolve("tmp" + run));
                runMain(b, classes, tmp, "run " + run);
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * javac through java.util.spi.ToolProvider (java.base's door to the JDK's tools, so the test
     * module needs no java.compiler), from the block written to a file of its class's name.
     */
    private static void compile(Block b, Path classes) throws IOException {
        java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow(() -> new AssertionError("the tests run on a JDK, which has javac"));
        Path source = Files.writeString(Files.createDirectories(classes.resolveSibling("src")).resolve(b.className() + ".java"),
                b.code(), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        int status = javac.run(writer, writer, "-classpath", libraryClassPath(), "-d", classes.toString(), "-proc:none",
                "-encoding", "UTF-8", "-Xlint:all,-try", "-Werror", source.toString());
        writer.flush();
        assertEquals(0, status, "README.md line " + b.line() + ": " + b.className() + " does not compile cleanly (the block's "
                + "line 1 is README.md line " + (b.line() + 1) + "):\n" + out);
    }

    /** Where the library's classes are (target/classes, or its jar): all a README example may use besides the JDK. */
    private static String libraryClassPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(Socket.class, NetNamespace.class)) {
            try {
                String path = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(path)) entries.add(path);
            } catch (java.net.URISyntaxException e) {
                throw new AssertionError(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void runMain(Block b, Path classes, Path tmp, String what) throws Exception {
        String where = "README.md line " + b.line() + " " + b.className() + ", " + what;
        String savedTmp = System.getProperty("java.io.tmpdir");
        Map<Integer, String> before = kernelObjects(ProcFds.snapshot());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeExamplesTest.class.getClassLoader())) {
            Method main = loader.loadClass(b.className()).getMethod("main", String[].class);
            System.setProperty("java.io.tmpdir", tmp.toString());
            assertTimeoutPreemptively(RUN_LIMIT, () -> {
                try {
                    main.invoke(null, (Object) new String[0]);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(where + " threw " + e.getCause(), e.getCause());
                }
            }, where + " did not end within " + RUN_LIMIT.toSeconds() + " s");
        } finally {
            System.setProperty("java.io.tmpdir", savedTmp);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), where + " left files in java.io.tmpdir");
        }
        assertNoKernelObjectLeft(before, where);
    }

    /** The fds that are sockets, pipes or anonymous inodes (epoll, eventfd): what an example opens. Jars and libraries the JVM opens are not. */
    private static Map<Integer, String> kernelObjects(Map<Integer, String> fds) {
        fds.values().removeIf(t -> !(t.startsWith("socket:") || t.startsWith("pipe:") || t.startsWith("anon_inode:")));
        return fds;
    }

    /** Other threads of the JVM open and close fds of their own: a leaked one is one that stays, look after look. */
    private static void assertNoKernelObjectLeft(Map<Integer, String> before, String where) throws InterruptedException {
        Map<Integer, String> extra = Map.of();
        for (int look = 0; look < 30; look++) {
            extra = kernelObjects(ProcFds.snapshot());
            extra.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
            if (extra.isEmpty()) return;
            Thread.sleep(100);
        }
        fail(where + " left fds open: " + extra);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
