package io.jsock.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged io.jsock:jsock as its users get it. A program outside the tree (src/it/demo, copied
 * into a temporary directory: the README's AF_UNIX socketpair and AF_INET UDP loopback examples) is
 * compiled with javac --release 17 against the jar and the jars its pom brings, once as a named
 * module that requires io.jsock and once for the class path, then run by a new JVM on JDK 17 and on
 * JDK 25 (with the documented --enable-native-access grant there).
 *
 * <p>Its dependencies are the runtime class path the failsafe run gets from Maven (the java
 * module's packaged jar in the reactor, the local repository's otherwise): javac and java run
 * directly on those jars, with no Maven build of the program, so the test needs no repository of
 * its own and no network, and takes seconds.
 */
class ConsumerIT {
    private static final String VERSION = required("jsock.version");
    private static final List<Path> RUNTIME = Stream.of(required("jsock.consumer.classpath")
            .split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
    private static final Path SOURCES = Path.of(required("jsock.consumer.sources"));

    @TempDir
    static Path work;
    private static Path modularClasses;
    private static Path plainClasses;

    @BeforeAll
    static void compileTheProgram() throws IOException {
        // The program, as a user's project would hold it, outside this repository.
        Path project = work.resolve("consumer");
        copyTree(SOURCES, project.resolve("src"));
        Path mainClass = project.resolve("src/demo/Demo.java");
        String path = RUNTIME.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        modularClasses = project.resolve("target/modular");
        javac("--release", "17", "-d", modularClasses.toString(), "--module-path", path,
                project.resolve("src/module-info.java").toString(), mainClass.toString());
        plainClasses = project.resolve("target/plain");
        javac("--release", "17", "-d", plainClasses.toString(), "--class-path", path,
                mainClass.toString());
    }

    @Test
    void theLibrarysPomBringsJnrFfiAndNothingElse() {
        Path jar = libraryJar();
        for (Path p : RUNTIME) {
            String name = p.getFileName().toString();
            assertTrue(p.equals(jar) || name.startsWith("jnr-") || name.startsWith("jffi-")
                    || name.startsWith("asm-"), "a runtime dependency a consumer gets: " + p + " in " + RUNTIME);
        }
        assertTrue(RUNTIME.stream().anyMatch(p -> p.getFileName().toString().startsWith("jnr-ffi-")), RUNTIME.toString());
    }

    @Test
    void theJarCarriesTheModuleTheNativeLibraryAndTheLicense() throws IOException {
        assertEntries(libraryJar(), "module-info.class", "io/jsock/Socket.class",
                "io/jsock/native/linux-" + System.getProperty("os.arch") + "/libjsock.so", "META-INF/LICENSE");
    }

    @Test
    void theSourcesJarAndTheJavadocJarAreBesideIt() throws IOException {
        assertEntries(beside("sources"), "module-info.java", "io/jsock/Socket.java",
                "io/jsock/netlink/RtNetlink.java", "io/jsock/internal/Loader.java");
        assertEntries(beside("javadoc"), "index.html", "io.jsock/module-summary.html",
                "io.jsock/io/jsock/Socket.html", "io.jsock/io/jsock/netlink/RtNetlink.html");
    }

    /**
     * {@code path}: modules (the program a named module, jsock and its dependencies on the module
     * path) or classes (all on the class path). On 25 the grant names what the documentation
     * says: io.jsock on the module path, ALL-UNNAMED on the class path.
     */
    @ParameterizedTest(name = "JDK {0}, {1} path")
    @CsvSource({"17, module", "17, class", "25, module", "25, class"})
    void theReadmeExamplesRun(int feature, String path) throws Exception {
        Path java = jdk(feature).resolve("bin/java");
        String jars = RUNTIME.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java.toString()));
        boolean modular = path.equals("module");
        if (feature >= 22) command.add("--enable-native-access=" + (modular ? "io.jsock" : "ALL-UNNAMED"));
        if (modular) {
            command.addAll(List.of("--module-path", modularClasses + File.pathSeparator + jars, "-m", "demo/demo.Demo"));
        } else {
            command.addAll(List.of("--class-path", plainClasses + File.pathSeparator + jars, "demo.Demo"));
        }

        Run run = run(command);
        String said = "\n$ " + String.join(" ", command) + "\nstdout:\n" + run.stdout + "stderr:\n" + run.stderr;
        assertEquals(0, run.exit, "the program failed" + said);
        assertEquals(List.of("jsock module: " + (modular ? "io.jsock" : "unnamed"), "unix socketpair: ok",
                "udp loopback: ok"), run.stdout.lines().toList(), said);
        // On 22+ the FFM backend runs, and with the documented flag nothing may be printed.
        assertEquals("", run.stderr, "stderr must be empty" + said);
    }

    // ---- helpers

    private record Run(int exit, String stdout, String stderr) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        // The launcher announces these on stderr ("Picked up ..."): the program's stderr is its own.
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("no exit within 60 s: " + command + "\n" + Files.readString(out) + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The JDK of that feature release: 17 is the one running this test, or jsock.test.jdk17. */
    private static Path jdk(int feature) throws IOException {
        String configured = System.getProperty("jsock.test.jdk" + feature, "");
        Path home;
        if (!configured.isEmpty()) {
            home = Path.of(configured);
        } else if (Runtime.version().feature() == feature) {
            home = Path.of(System.getProperty("java.home"));
        } else {
            home = Path.of(feature == 17 ? "/usr/lib/jvm/java-17-openjdk-amd64" : "/nonexistent");
        }
        assumeTrue(Files.isExecutable(home.resolve("bin/java")),
                "no JDK " + feature + " at " + home + " (-Djsock.test.jdk" + feature + "=JAVA_HOME)");
        Properties release = new Properties();
        try (var in = Files.newInputStream(home.resolve("release"))) {
            release.load(in);
        }
        String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
        assertTrue(version.equals(String.valueOf(feature)) || version.startsWith(feature + "."),
                home + " is JDK " + version + ", not " + feature);
        return home;
    }

    /** The library's jar on the runtime path: packaged, not a classes folder. */
    private static Path libraryJar() {
        String name = "jsock-" + VERSION + ".jar";
        Path jar = RUNTIME.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " on " + RUNTIME
                        + " (io.jsock:jsock resolved to a classes folder? this test runs after package)"));
        assertTrue(Files.isRegularFile(jar), jar.toString());
        return jar;
    }

    /** The jar of that classifier beside the library's: target/ and a repository name them alike. */
    private static Path beside(String classifier) {
        Path jar = libraryJar().resolveSibling("jsock-" + VERSION + "-" + classifier + ".jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar);
        return jar;
    }

    private static void assertEntries(Path jar, String... names) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : names) {
                ZipEntry e = zip.getEntry(name);
                assertTrue(e != null && e.getSize() > 0, jar.getFileName() + " has no " + name);
            }
        }
    }

    private static void javac(String... args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args);
        assertEquals(0, rc, "javac " + String.join(" ", args) + "\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty() || value.startsWith("${")) {
            throw new IllegalStateException("-D" + property + " is not set: run through Maven (mvn verify)");
        }
        return value;
    }
}
