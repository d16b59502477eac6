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
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of the README, compiled and run; none is skipped.
 *
 * <p>The convention: a block that declares a class with {@code public static void main(String[]
 * args)} is a program. It is compiled on its own (its imports are its own; nothing is added)
 * against the library's classes, then its main runs in this JVM twice, each time with a fresh,
 * empty {@code java.io.tmpdir} of its own (so runs on one machine do not meet): each run must
 * end within a minute, throw nothing, leave its temporary directory empty, leave no socket,
 * pipe or epoll fd open and leave {@link Sockets#getDefaultTimeout()} as it found it, so a file,
 * a socket or a setting left behind fails the test. A block whose text says "Needs root" runs
 * only as root, where a network namespace can be made (else it is skipped, saying so: the only
 * skip there is). New blocks are found by reading README.md; nothing lists them.
 *
 * <p>Every example of the README's "Examples" section is a program. Any other block without a
 * main is a fragment: the statements of one call, as the reference sections show them. The test
 * puts a fragment, as it stands, in the body of {@code public static void main(String[] args)
 * throws Exception} of a generated class {@code ReadmeLineN} (N: the README line its fence opens
 * on) with the imports of {@link #FRAGMENT_IMPORTS} (the {@code java.net} classes by name, since
 * {@code java.net.Socket} would clash with {@code io.jsock.Socket}), and compiles and runs that
 * as a program: with -Xlint:all -Werror, twice, under the same bounds. So a fragment is
 * self-contained: it declares what it uses, and whatever it connects to it opens itself.
 *
 * <p>A fragment's result comments are checked. A comment after a one-line declaration
 * {@code Type name = ...;}, on its line or alone on the next, that states a value is compared
 * with {@code name} when that statement has run, and every run must reach every such check:
 * <ul>
 * <li>a Java literal: {@code // "127.0.0.1"}, {@code // 6}, {@code // 0x5000}, {@code // true}
 * (numbers by value, whatever their type); it may be followed by {@code on a little-endian
 * machine} or {@code on 64-bit Linux}, then checked only on such a machine, and by
 * {@code ": "} and prose;
 * <li>a toString: {@code // NameInfo[host=localhost, service=ssh]}, {@code // [AddrInfo[...]]}
 * written out in full (no "..."), compared with {@code String.valueOf(name)};
 * <li>an array: {@code // {127, 0, 0, 1}}, compared with {@code Arrays.toString(name)}.
 * </ul>
 * Any other comment is prose for the reader. The results of a fragment that looks up
 * {@code localhost} or {@code 127.0.0.1} are those of the machine the README states (its
 * /etc/hosts maps localhost to 127.0.0.1 only, and 127.0.0.1 to localhost first); on another,
 * the fragment still runs, and those results are not compared.
 */
class ReadmeExamplesTest {
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*String\\s*(\\[\\]\\s*\\w+|\\w+\\s*\\[\\])\\s*\\)");
    private static final String EXAMPLES_SECTION = "Examples";
    private static final String NEEDS_ROOT = "Needs root";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    /** What a fragment is compiled with, one import a line. */
    static final List<String> FRAGMENT_IMPORTS = List.of(
            "io.jsock.*", "io.jsock.netlink.*", "java.io.*",
            "java.net.BindException", "java.net.ConnectException", "java.net.Inet4Address", "java.net.Inet6Address",
            "java.net.InetAddress", "java.net.InetSocketAddress", "java.net.NetworkInterface", "java.net.SocketAddress",
            "java.net.SocketException", "java.net.SocketTimeoutException", "java.net.UnixDomainSocketAddress",
            "java.net.UnknownHostException",
            "java.nio.*", "java.nio.charset.StandardCharsets", "java.nio.file.*", "java.time.*", "java.util.*");

    /** A one-line declaration: group 1 is the name declared; the match ends at its semicolon. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(?:final\\s+)?[A-Za-z_][\\w.]*(?:<[^=;]*>)?(?:\\[\\])*\\s+(\\w+)\\s*=[^;]*;");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*//\\s*(.*?)\\s*");
    private static final Pattern COMMENT_LINE = Pattern.compile("(\\s*)//\\s*(.*?)\\s*");
    private static final Pattern LITERAL_RESULT = Pattern.compile(
            "(\"(?:[^\"\\\\]|\\\\.)*\"|-?(?:0[xX][0-9a-fA-F]+|\\d+)[lL]?|true|false)"
                    + "(?: on (a little-endian machine|64-bit Linux))?(?:[:;,] .*)?");
    private static final Pattern SHOWN_RESULT = Pattern.compile("\\w*\\[.*\\]");
    private static final Pattern ARRAY_RESULT = Pattern.compile("\\{(.*)\\}");
    /** Where a fragment's results depend on /etc/hosts. */
    private static final Pattern HOSTS_LOOKUP = Pattern.compile("\"(localhost|127\\.0\\.0\\.1)\"");

    /** One fenced Java block: the line its fence opens on, the "## " section it is in, its text. */
    record Block(int line, String section, String code) {
        String className() {
            if (!isProgram()) return "ReadmeLine" + line;
            Matcher m = CLASS.matcher(code);
            return m.find() ? m.group(1) : null;
        }

        boolean isProgram() {
            Matcher m = CLASS.matcher(code);
            return m.find() && MAIN.matcher(code).find();
        }
    }

    /**
     * What javac compiles for a block: its text, the README line of its line 0 (README line = source
     * line + offset) and the README lines whose result comment it checks.
     */
    record Source(String text, int offset, Set<Integer> checks, String note) {}

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
        boolean hostsAsStated = hostsAsStated();
        return blocks.stream().map(b -> {
            Source source = source(b, hostsAsStated);
            String what = b.isProgram() ? b.className() : "fragment, " + source.checks().size() + " result(s) checked";
            return DynamicTest.dynamicTest("README.md line " + b.line() + " (" + b.section() + "): " + what,
                    () -> check(b, source));
        });
    }

    private static void check(Block b, Source source) throws Exception {
        if (!b.isProgram()) {
            assertNotEquals(EXAMPLES_SECTION, b.section(), "README.md line " + b.line()
                    + ": every block of the Examples section must be a program, a class with public static void main");
            System.out.println("README.md line " + b.line() + ": a fragment, results compared on lines " + source.checks()
                    + (source.note() == null ? "" : "; it " + source.note()));
        }
        if (b.code().contains(NEEDS_ROOT)) {
            try (NetNamespace probe = Namespaces.privateNamespace()) { // skips, with the reason, where none can be made
                assertTrue(ProcStatus.isRoot());
            }
        }
        Path work = Files.createTempDirectory("jsock-readme-");
        try {
            Path classes = Files.createDirectory(work.resolve("classes"));
            compile(b, source, classes);
            for (int run = 1; run <= 2; run++) {
                Path tmp = Files.createDirectory(work.resolve("tmp" + run));
                runMain(b, source, classes, tmp, "run " + run);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** A program as it stands; a fragment in a generated class, its result comments turned into checks. */
    static Source source(Block b, boolean hostsAsStated) {
        if (b.isProgram()) return new Source(b.code(), b.line(), Set.of(), null);
        StringBuilder text = new StringBuilder();
        for (String i : FRAGMENT_IMPORTS) text.append("import ").append(i).append(";\n");
        text.append("\npublic final class ").append(b.className()).append(" {\n");
        text.append("    public static void main(String[] args) throws Exception {\n");
        int offset = b.line() - (int) text.chars().filter(c -> c == '\n').count();
        boolean compare = hostsAsStated || !HOSTS_LOOKUP.matcher(b.code()).find();
        Set<Integer> checks = new TreeSet<>();
        List<String> lines = b.code().lines().toList();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            int readmeLine = b.line() + 1 + k;
            Matcher decl = DECLARATION.matcher(line);
            if (compare && decl.find()) {
                String name = decl.group(1);
                String rest = line.substring(decl.end());
                Matcher trailing = TRAILING_COMMENT.matcher(rest);
                String check;
                if (trailing.matches() && (check = checkOf(name, trailing.group(1), readmeLine)) != null) {
                    line = line.substring(0, decl.end()) + " " + check + rest;
                    checks.add(readmeLine);
                } else if (rest.isBlank() && k + 1 < lines.size()) {
                    Matcher next = COMMENT_LINE.matcher(lines.get(k + 1));
                    if (next.matches() && (check = checkOf(name, next.group(2), readmeLine + 1)) != null) {
                        text.append(line).append('\n');
                        line = next.group(1) + check + " " + lines.get(++k).strip();
                        checks.add(readmeLine + 1);
                    }
                }
            }
            text.append(line).append('\n');
        }
        text.append("    }\n\n");
        text.append("    /** The README lines whose result this run has compared. */\n");
        text.append("    public static final java.util.Set<Integer> CHECKED = new java.util.TreeSet<>();\n\n");
        text.append("""
                    private static void expect(int readmeLine, String comment, Object actual, Object expected) {
                        CHECKED.add(readmeLine);
                        boolean same = actual instanceof Number a && expected instanceof Number e
                                ? a.longValue() == e.longValue() : java.util.Objects.equals(actual, expected);
                        if (!same) {
                            String value = actual instanceof Number n ? n + " (0x" + Long.toHexString(n.longValue()) + ")" : String.valueOf(actual);
                            throw new AssertionError("README.md line " + readmeLine + " says " + comment + ", and the value is " + value);
                        }
                    }
                }
                """);
        String note = compare ? null : "looks up localhost, and this machine's /etc/hosts is not the README's "
                + "(localhost to 127.0.0.1 only, 127.0.0.1 to localhost first): runs, its results are not compared";
        return new Source(text.toString(), offset, checks, note);
    }

    /** The rules of the class comment, on the forms the README uses: what is a value, what is prose. */
    @Test
    void resultCommentsAreValuesOrProse() {
        assertEquals("expect(7, \"6\", tcp, 6L);", checkOf("tcp", "6", 7));
        assertEquals("expect(7, \"\\\"lo\\\"\", name, \"lo\");", checkOf("name", "\"lo\"", 7));
        assertEquals("expect(7, \"true\", v6, true);", checkOf("v6", "true", 7));
        assertEquals("expect(7, \"20 on 64-bit Linux: one int\", len, 20L);", checkOf("len", "20 on 64-bit Linux: one int", 7));
        assertEquals("expect(7, \"NameInfo[host=localhost, service=ssh]\", String.valueOf(n), \"NameInfo[host=localhost, service=ssh]\");",
                checkOf("n", "NameInfo[host=localhost, service=ssh]", 7));
        assertEquals("expect(7, \"{127, 0, 0, 1}\", java.util.Arrays.toString(a), \"[127, 0, 0, 1]\");",
                checkOf("a", "{127, 0, 0, 1}", 7));
        for (String prose : List.of("16 bytes", "PT5S", "[NetInterface[index=1, name=lo], ...]", "HOST_NOT_FOUND, TRY_AGAIN, ...",
                "inet6:[::ffff:127.0.0.1]:51234 for an IPv4 client", "this machine's name", "20 on x86-64")) {
            assertNull(checkOf("x", prose, 7), prose);
        }
        Block lookup = new Block(10, "Module functions", "String ip = Sockets.getHostByName(\"localhost\"); // \"127.0.0.1\"\n");
        assertEquals(Set.of(11), source(lookup, true).checks());
        assertEquals(Set.of(), source(lookup, false).checks(), "not compared where /etc/hosts is another");
        assertNotNull(source(lookup, false).note());
        Block nextLine = new Block(20, "Module functions", "HostEntry e = Sockets.getHostByNameEx(\"localhost\");\n// HostEntry[name=localhost]\n");
        assertEquals(Set.of(22), source(nextLine, true).checks());
        Source generated = source(nextLine, true);
        int firstLine = 1 + (int) generated.text().lines().takeWhile(l -> !l.startsWith("HostEntry e")).count();
        assertEquals(21, firstLine + generated.offset(), "the fragment's line 1 is README line 21");
    }

    /** The statement that compares {@code name} with what the comment says, or null where the comment is prose. */
    static String checkOf(String name, String comment, int readmeLine) {
        String expected;
        String actual = name;
        Matcher literal = LITERAL_RESULT.matcher(comment);
        Matcher array = ARRAY_RESULT.matcher(comment);
        if (literal.matches()) {
            if (literal.group(2) != null && !holdsHere(literal.group(2))) return null;
            expected = literal.group(1);
            if (Character.isDigit(expected.charAt(expected.length() - 1)) && !expected.equals("true")) expected += "L";
        } else if (comment.contains("...")) {
            return null;
        } else if (array.matches()) {
            actual = "java.util.Arrays.toString(" + name + ")";
            expected = javaString("[" + array.group(1) + "]");
        } else if (SHOWN_RESULT.matcher(comment).matches()) {
            actual = "String.valueOf(" + name + ")";
            expected = javaString(comment);
        } else {
            return null;
        }
        return "expect(" + readmeLine + ", " + javaString(comment) + ", " + actual + ", " + expected + ");";
    }

    private static boolean holdsHere(String qualifier) {
        return switch (qualifier) {
            case "a little-endian machine" -> ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
            case "64-bit Linux" -> "64".equals(System.getProperty("sun.arch.data.model"));
            default -> throw new AssertionError(qualifier);
        };
    }

    private static String javaString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Whether /etc/hosts is what the README's look-up results assume: localhost maps to 127.0.0.1
     * only, and 127.0.0.1's first name is localhost. Read from the file, not through the library
     * under test.
     */
    static boolean hostsAsStated() throws IOException {
        Path hosts = Path.of("/etc/hosts");
        if (!Files.isReadable(hosts)) return false;
        Set<String> localhost = new HashSet<>();
        String first127 = null;
        for (String line : Files.readAllLines(hosts, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            List<String> words = Arrays.asList((hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+"));
            if (words.size() < 2) continue;
            if (words.subList(1, words.size()).contains("localhost")) localhost.add(words.get(0));
            if (first127 == null && words.get(0).equals("127.0.0.1")) first127 = words.get(1);
        }
        return localhost.equals(Set.of("127.0.0.1")) && "localhost".equals(first127);
    }

    /**
     * javac through java.util.spi.ToolProvider (java.base's door to the JDK's tools, so the test
     * module needs no java.compiler), from the block written to a file of its class's name.
     */
    private static void compile(Block b, Source source, Path classes) throws IOException {
        java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow(() -> new AssertionError("the tests run on a JDK, which has javac"));
        Path file = Files.writeString(Files.createDirectories(classes.resolveSibling("src")).resolve(b.className() + ".java"),
                source.text(), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        int status = javac.run(writer, writer, "-classpath", libraryClassPath(), "-d", classes.toString(), "-proc:none",
                "-encoding", "UTF-8", "-Xlint:all,-try", "-Werror", file.toString());
        writer.flush();
        // javac names lines of the file it compiled; say which README lines they are.
        Matcher at = Pattern.compile(Pattern.quote(file.toString()) + ":(\\d+):").matcher(out.toString());
        StringBuilder diagnostics = new StringBuilder();
        while (at.find()) {
            int n = Integer.parseInt(at.group(1));
            at.appendReplacement(diagnostics, Matcher.quoteReplacement("README.md:" + (n + source.offset()) + " ("
                    + b.className() + ".java:" + n + "):"));
        }
        at.appendTail(diagnostics);
        assertEquals(0, status, "README.md line " + b.line() + ": " + b.className() + " does not compile cleanly:\n" + diagnostics
                + (b.isProgram() ? "" : "\nas generated:\n" + source.text()));
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

    private static void runMain(Block b, Source source, Path classes, Path tmp, String what) throws Exception {
        String where = "README.md line " + b.line() + " " + b.className() + ", " + what;
        String savedTmp = System.getProperty("java.io.tmpdir");
        Duration savedTimeout = Sockets.getDefaultTimeout();
        Duration leftTimeout;
        Map<Integer, String> before = kernelObjects(ProcFds.snapshot());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeExamplesTest.class.getClassLoader())) {
            Class<?> program = loader.loadClass(b.className());
            Method main = program.getMethod("main", String[].class);
            System.setProperty("java.io.tmpdir", tmp.toString());
            assertTimeoutPreemptively(RUN_LIMIT, () -> {
                try {
                    main.invoke(null, (Object) new String[0]);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(where + " threw " + e.getCause()
                            + (b.isProgram() ? "" : " (line N of " + b.className() + ".java is README.md line N + " + source.offset() + ")"),
                            e.getCause());
                }
            }, where + " did not end within " + RUN_LIMIT.toSeconds() + " s");
            if (!b.isProgram()) {
                Object reached = program.getField("CHECKED").get(null);
                assertEquals(source.checks(), reached, where + ": the README lines whose result was compared");
            }
        } finally {
            System.setProperty("java.io.tmpdir", savedTmp);
            leftTimeout = Sockets.getDefaultTimeout();
            Sockets.setDefaultTimeout(savedTimeout);
        }
        assertEquals(savedTimeout, leftTimeout, where + " left Sockets' default timeout changed");
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
