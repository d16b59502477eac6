package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.Iproute2;
import io.jsock.testing.Programs;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./jsock} script and {@code prereqs.sh}, run as a user runs them. The
 * script runs from a copy of the repository's top (the two scripts) whose {@code tools/target}
 * holds the tool this build made, packed as the script's own build leaves it ({@link ScriptCopy}):
 * so it is the real script, and starting it never rebuilds the worktree that Maven is testing.
 * Its start-up archive is tested for what it must not do (break the tool, be used stale, say
 * more than one line) and for being used; how much time it saves is benchmarks/startup's
 * business, never a test's.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JsockScriptTest {
    private static final Path REPOSITORY = ScriptCopy.REPOSITORY;
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String BUILD = "mvn -q -B -DskipTests package -pl tools -am";

    @TempDir
    Path dir;

    /** What a script did. */
    private record Run(int exit, String out, List<String> err) {
        String said() {
            return "exit " + exit + ", stderr:\n" + String.join("\n", err);
        }
    }

    // ---- started through a symlink

    @Test
    void startedThroughASymlinkItFindsItsRepository() throws Exception {
        Path repo = ScriptCopy.built(dir.resolve("repo"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("jsock"), Path.of("../repo/jsock")); // relative, as ln -s makes it
        Path chain = Files.createSymbolicLink(bin.resolve("jsock-again"), link); // a link to the link
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));

        Run run = run(elsewhere, Map.of(), link.toString(), "ip", "-j", "link");
        assertEquals(0, run.exit(), run.said());
        assertEquals(List.of(ScriptCopy.archiveMessage(JAVA_HOME)), run.err(),
                "no build, no message but the start-up archive's: the tool is built, the archive not yet");
        Programs.Result ip = Iproute2.ip(null, "-j", "link");
        assertEquals(0, ip.exit(), ip.err());
        assertEquals(names(ip.out()), names(run.out()));

        Run again = run(elsewhere, Map.of(), chain.toString(), "--help");
        assertEquals(0, again.exit(), again.said());
        assertTrue(again.out().startsWith("usage: jsock COMMAND"), again.out());

        // found on PATH, as an installed command is: bash's BASH_SOURCE is then the link's path
        Run onPath = run(elsewhere, Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH")),
                "/usr/bin/env", "jsock", "--help"); // env looks jsock up on the PATH given here
        assertEquals(0, onPath.exit(), onPath.said());
        assertTrue(onPath.out().startsWith("usage: jsock COMMAND"), onPath.out());
    }

    // ---- the first use

    @Test
    void theFirstUseSaysWhatItBuildsOnStderrEvenWithoutATerminal() throws Exception {
        Run missing = run(dir, Map.of(), REPOSITORY.resolve("prereqs.sh").toString(), "--build", "--list");
        assertEquals(0, missing.exit(), missing.said());
        Assumptions.assumeTrue(missing.out().isBlank(),
                "skipped: this machine lacks what the build needs (" + missing.out().strip() + "), and the script would install it");
        Path repo = ScriptCopy.copyOfTheScripts(dir.resolve("repo"));
        // Maven's part, a stand-in: it leaves tools/target as the real build does and notes how it was called
        Path staged = dir.resolve("staged");
        ScriptCopy.installTheBuild(staged);
        Path stub = Files.createDirectory(dir.resolve("stub"));
        Path calls = dir.resolve("mvn-calls");
        Path mvn = stub.resolve("mvn");
        Files.writeString(mvn, String.join("\n",
                "#!/bin/sh",
                "echo \"$(pwd) $*\" >> '" + calls + "'",
                "echo 'some build output that only a failure shows'",
                "mkdir -p tools/target && cp -R '" + staged + "'/. tools/target/",
                ""));
        assertTrue(mvn.toFile().setExecutable(true));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("jsock"), repo.resolve("jsock"));
        Map<String, String> env = Map.of("PATH", stub + File.pathSeparator + System.getenv("PATH"));

        // stderr is a file here, not a terminal: the message must come all the same
        Run first = run(dir, env, link.toString(), "ip", "-j", "link");
        assertEquals(0, first.exit(), first.said());
        assertEquals(List.of("jsock: building the tool (first use, or its sources changed): " + BUILD), first.err(),
                "one line on stderr says what is built; nothing is missing, so nothing is installed");
        Programs.Result ip = Iproute2.ip(null, "-j", "link");
        assertEquals(names(ip.out()), names(first.out()), "stdout carries the tool's data only");
        assertEquals(List.of(repo.toRealPath() + " " + BUILD.substring("mvn ".length())),
                Files.readAllLines(calls), "the build runs once, in the repository the link leads to");

        Run second = run(dir, env, link.toString(), "--help");
        assertEquals(0, second.exit(), second.said());
        assertEquals(List.of(), second.err(), "built: no message the second time");
        assertEquals(1, Files.readAllLines(calls).size(), "and no second build");
    }

    // ---- the start-up archive

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theStartUpArchiveIsMadeOnceAndThenUsed() throws Exception {
        theArchiveIsMadeOnceAndThenUsed(JAVA_HOME);
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void onJdk25TheArchiveIsAnAotCache() throws Exception {
        Path jdk25 = jdk25();
        Assumptions.assumeTrue(jdk25 != null, "skipped: no JDK 25 where ./jsock looks for one (/usr/lib/jvm/temurin-25-jdk-ARCH, java-25-openjdk-ARCH)");
        Path archive = theArchiveIsMadeOnceAndThenUsed(jdk25);
        assertTrue(archive.getFileName().toString().endsWith(".aot"), archive.toString());

        // the JNR-FFI backend forced: an archive of its own, and still nothing on stderr (jffi has native access)
        Path repo = archive.getParent().getParent().getParent().getParent();
        Map<String, String> jnr = Map.of("JAVA_HOME", jdk25.toString(), "JSOCK_BACKEND", "jnr");
        Run first = run(dir, jnr, repo.resolve("jsock").toString(), "ip", "-j", "link");
        assertEquals(0, first.exit(), first.said());
        assertEquals(List.of(ScriptCopy.archiveMessage(jdk25)), first.err());
        assertTheLinksOfIp(first);
        assertTrue(Files.exists(archive.resolveSibling(archive.getFileName().toString().replace(".aot", "-jnr.aot"))),
                "the JNR backend's archive beside the FFM one");
        assertTheArchiveIsUsed(repo, jnr, "ip", "-j", "link");
    }

    /** The first run with {@code javaHome} makes the archive (one line says so), the next ones use it, silently. */
    private Path theArchiveIsMadeOnceAndThenUsed(Path javaHome) throws Exception {
        Path repo = ScriptCopy.built(dir.resolve("repo"));
        assertTrue(!Files.exists(ScriptCopy.archives(repo)));
        String jsock = repo.resolve("jsock").toString();
        Map<String, String> env = Map.of("JAVA_HOME", javaHome.toString());
        Run first = run(dir, env, jsock, "ip", "-j", "link");
        assertEquals(0, first.exit(), first.said());
        assertEquals(List.of(ScriptCopy.archiveMessage(javaHome)), first.err(), "one line, and nothing else on stderr (on 25 either)");
        assertTheLinksOfIp(first);
        Path archive = theArchive(repo);
        assertTrue(Files.readString(key(archive)).endsWith("\nnatives 1\n"),
                "the build's copies of libjsock.so and jffi's stub load, so the runs take them: " + Files.readString(key(archive)));
        for (String command : List.of("ip -j link", "--help")) { // a quick command, and one with the JVM's defaults
            assertTheArchiveIsUsed(repo, env, command.split(" "));
        }
        return archive;
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aCorruptTruncatedOrStaleArchiveIsMadeAgainAndNeverBreaksTheTool() throws Exception {
        Path repo = ScriptCopy.built(dir.resolve("repo"));
        String jsock = repo.resolve("jsock").toString();
        assertEquals(0, run(dir, Map.of(), jsock, "ip", "-j", "link").exit());
        String remade = ScriptCopy.archiveMessage(JAVA_HOME);

        Path archive = theArchive(repo);
        byte[] garbage = new byte[(int) Files.size(archive)]; // rewritten in place, the same size: the JVM could crash on it
        new Random(1).nextBytes(garbage);
        archive.toFile().setWritable(true);
        Files.write(archive, garbage);
        Run corrupt = run(dir, Map.of(), jsock, "ip", "-j", "link");
        assertEquals(0, corrupt.exit(), corrupt.said());
        assertEquals(List.of(remade), corrupt.err(), "a rewritten archive is made again, not used");
        assertTheLinksOfIp(corrupt);
        assertTheArchiveIsUsed(repo, Map.of(), "ip", "-j", "link");

        archive = theArchive(repo);
        archive.toFile().setWritable(true);
        try (FileChannel c = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            c.truncate(c.size() / 2); // as a full disk or a killed dump would leave it (the JVM of Java 17 crashes on it)
        }
        Run truncated = run(dir, Map.of(), jsock, "ip", "-j", "link");
        assertEquals(0, truncated.exit(), truncated.said());
        assertEquals(List.of(remade), truncated.err(), "a truncated archive is made again, not used");
        assertTheLinksOfIp(truncated);

        Path jar;
        try (Stream<Path> jars = Files.list(repo.resolve("tools/target/lib"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("jsock-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5))); // rebuilt behind the script's back
        Run stale = run(dir, Map.of(), jsock, "ip", "-j", "link");
        assertEquals(0, stale.exit(), stale.said());
        assertEquals(List.of(remade), stale.err(), "an archive of other jars is made again, not used");
        assertTheLinksOfIp(stale);

        Files.writeString(key(theArchive(repo)), "garbage\n");
        Run badKey = run(dir, Map.of(), jsock, "ip", "-j", "link");
        assertEquals(0, badKey.exit(), badKey.said());
        assertEquals(List.of(remade), badKey.err(), "an archive whose key does not match is made again, not used");
        assertTheLinksOfIp(badKey);
        assertTheArchiveIsUsed(repo, Map.of(), "ip", "-j", "link");
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aJvmThatRefusesTheArchiveIsNotedOnceAndTheToolRunsWithout() throws Exception {
        Path repo = ScriptCopy.built(dir.resolve("repo"));
        String jsock = repo.resolve("jsock").toString();
        // a JDK whose java has class data sharing off (an archive cannot be made or mapped without it)
        Path jdk = wrappedJdk("no-sharing", "-Xshare:off", null);
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString());

        Run first = run(dir, env, jsock, "ip", "-j", "link");
        assertEquals(0, first.exit(), first.said());
        assertEquals(List.of(ScriptCopy.archiveMessage(jdk)), first.err());
        assertTheLinksOfIp(first);
        try (Stream<Path> files = Files.list(ScriptCopy.archives(repo))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".key") && !n.equals(".lock")).toList(),
                    "no archive, and no file of the attempt left behind");
        }
        Run second = run(dir, env, jsock, "ip", "-j", "link");
        assertEquals(0, second.exit(), second.said());
        assertEquals(List.of(), second.err(), "the refusal is noted: not tried again, no message");
        assertTheLinksOfIp(second);
    }

    @Test
    void jsockJavaWinsOverJavaHomeAndArchiveZeroMakesNoArchive() throws Exception {
        Path repo = ScriptCopy.built(dir.resolve("repo"));
        Path ranA = dir.resolve("ran-a");
        Path ranB = dir.resolve("ran-b");
        Path a = wrappedJdk("a", null, ranA);
        Path b = wrappedJdk("b", null, ranB);
        for (String jsockJava : List.of(a.resolve("bin/java").toString(), a.toString())) { // the executable, or the home
            Run run = run(dir, Map.of("JSOCK_JAVA", jsockJava, "JAVA_HOME", b.toString(), "JSOCK_ARCHIVE", "0"),
                    repo.resolve("jsock").toString(), "ip", "-j", "link");
            assertEquals(0, run.exit(), run.said());
            assertEquals(List.of(), run.err(), "JSOCK_ARCHIVE=0: no archive, no message");
            assertTheLinksOfIp(run);
            assertTrue(Files.exists(ranA), "JSOCK_JAVA=" + jsockJava + " runs the tool");
            assertTrue(!Files.exists(ranB), "JAVA_HOME does not");
            Files.delete(ranA);
        }
        assertTrue(!Files.exists(ScriptCopy.archives(repo)), "JSOCK_ARCHIVE=0 makes no archive");
    }

    @Test
    void withNeitherJsockJavaNorJavaHomeJdk25IsTakenOnlyWhenTheLibraryHasItsFfmBackend() throws Exception {
        Path jdk25 = jdk25();
        Assumptions.assumeTrue(jdk25 != null, "skipped: no JDK 25 where ./jsock looks for one");
        Path repo = ScriptCopy.built(dir.resolve("repo"));
        Path library;
        try (Stream<Path> jars = Files.list(repo.resolve("tools/target/lib"))) {
            library = jars.filter(p -> p.getFileName().toString().startsWith("jsock-")).findFirst().orElseThrow();
        }
        boolean ffm;
        try (JarFile j = new JarFile(library.toFile())) {
            ffm = j.getEntry(FFM_BACKEND) != null;
        }
        // java on the PATH is this test's JDK; JAVA_HOME and JSOCK_JAVA unset
        Map<String, String> env = Map.of("JAVA_HOME", UNSET, "PATH", JAVA_HOME.resolve("bin") + File.pathSeparator + System.getenv("PATH"),
                "JSOCK_ARCHIVE", "0", "JDK_JAVA_OPTIONS", "-XshowSettings:properties");
        String jsock = repo.resolve("jsock").toString();
        if (!ffm) {
            assertEquals(JAVA_HOME.toRealPath(), javaHomeOf(run(dir, env, jsock, "ip", "-j", "link")),
                    "without the FFM backend, JNR would warn on JDK 25: java on the PATH");
            // the library as the FFM branch builds it: its jar names the backend's class (a multi-release entry)
            Path copy = library.resolveSibling("copy.tmp");
            try (JarFile in = new JarFile(library.toFile());
                 JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (var data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry(FFM_BACKEND));
                out.closeEntry();
            }
            Files.move(copy, library, StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(jdk25.toRealPath(), javaHomeOf(run(dir, env, jsock, "ip", "-j", "link")),
                "with the FFM backend, the JDK 25");
    }

    // ---- prereqs.sh: the build's part, and everything

    @Test
    void prereqsBuildNamesOnlyWhatTheBuildNeeds() throws Exception {
        // a PATH with bash alone: every program is missing, so each part names all its packages
        Path onlyBash = Files.createDirectory(dir.resolve("only-bash"));
        Path bash = onlyBash.resolve("bash");
        Files.writeString(bash, "#!" + onPath("bash") + "\nexec " + onPath("bash") + " \"$@\"\n");
        assertTrue(bash.toFile().setExecutable(true));
        Map<String, String> env = Map.of("PATH", onlyBash.toString());
        String prereqs = REPOSITORY.resolve("prereqs.sh").toString();

        Run build = run(dir, env, prereqs, "--build", "--list");
        assertEquals(0, build.exit(), build.said());
        List<String> forTheBuild = Arrays.asList(build.out().strip().split(" "));
        assertTrue(forTheBuild.containsAll(List.of("gcc", "libc6-dev", "cmake")), build.out());
        for (String testsOnly : List.of("python3", "iproute2", "openssl", "fontconfig", "fonts-dejavu-core")) {
            assertTrue(!forTheBuild.contains(testsOnly), "the build does not need " + testsOnly + ": " + build.out());
        }

        Run all = run(dir, env, prereqs, "--list");
        assertEquals(0, all.exit(), all.said());
        List<String> forEverything = Arrays.asList(all.out().strip().split(" "));
        assertTrue(forEverything.containsAll(forTheBuild), all.out());
        assertTrue(forEverything.containsAll(List.of("python3", "iproute2", "openssl")), all.out());
        assertEquals(forEverything.size(), forEverything.stream().distinct().count(), "each package once: " + all.out());

        Run wrong = run(dir, Map.of(), prereqs, "--bogus");
        assertEquals(2, wrong.exit(), wrong.said());
    }

    // ---- helpers

    private static final String UNSET = "\0unset";
    private static final String FFM_BACKEND = "META-INF/versions/22/io/jsock/internal/FfmBackend.class";

    /** The one start-up archive ./jsock made in {@code repo}. */
    private static Path theArchive(Path repo) throws IOException {
        try (Stream<Path> files = Files.list(ScriptCopy.archives(repo))) {
            List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot"))
                    .filter(p -> !p.toString().contains("-jnr.")).toList();
            assertEquals(1, archives.size(), "one archive: " + archives);
            return archives.get(0);
        }
    }

    private static Path key(Path archive) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".key");
    }

    /** {@code ./jsock ARGS} runs, says nothing, and its classes (the tool's, the library's) come from the archive. */
    private void assertTheArchiveIsUsed(Path repo, Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "class-load", ".txt");
        Map<String, String> logging = new HashMap<>(env);
        logging.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log);
        List<String> command = new ArrayList<>(List.of(repo.resolve("jsock").toString()));
        command.addAll(List.of(args));
        Run run = run(dir, logging, command.toArray(new String[0]));
        assertEquals(0, run.exit(), run.said());
        assertEquals(List.of(), run.err().stream().filter(l -> !l.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS")).toList(),
                "no message: the archive is made");
        List<String> loaded = Files.readAllLines(log);
        for (String cls : List.of("io.jsock.tools.Main", args[0].equals("ip") ? "io.jsock.Socket" : "io.jsock.tools.Args")) {
            String line = loaded.stream().filter(l -> l.contains(" " + cls + " source:")).findFirst().orElse("(not loaded)");
            assertTrue(line.contains("source: shared objects file"), String.join(" ", args) + ": " + cls + " from the archive: " + line);
        }
    }

    private static void assertTheLinksOfIp(Run run) throws IOException {
        Programs.Result ip = Iproute2.ip(null, "-j", "link");
        assertEquals(0, ip.exit(), ip.err());
        assertEquals(names(ip.out()), names(run.out()), "stdout: " + run.out());
    }

    /** The java.home of the JVM that ran, from -XshowSettings:properties on its stderr. */
    private static Path javaHomeOf(Run run) throws IOException {
        assertEquals(0, run.exit(), run.said());
        String home = run.err().stream().map(String::strip).filter(l -> l.startsWith("java.home = ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.said())).substring("java.home = ".length());
        return Path.of(home).toRealPath();
    }

    /**
     * A JDK of the test's own: its bin/java runs this test's java with {@code option} first (if
     * any), after touching {@code ran} (if any); its release file is this JDK's.
     */
    private Path wrappedJdk(String name, String option, Path ran) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + name).resolve("bin")).getParent();
        Files.copy(JAVA_HOME.resolve("release"), home.resolve("release"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n" + (ran == null ? "" : "touch '" + ran + "'\n")
                + "exec '" + JAVA_HOME.resolve("bin/java") + "'" + (option == null ? "" : " " + option) + " \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        return home.toRealPath();
    }

    /** A JDK 25 where ./jsock looks for one, or null. */
    private static Path jdk25() {
        String arch = System.getProperty("os.arch").equals("amd64") ? "amd64" : System.getProperty("os.arch").equals("aarch64") ? "arm64" : System.getProperty("os.arch");
        for (String name : List.of("temurin-25-jdk-" + arch, "java-25-openjdk-" + arch)) {
            Path home = Path.of("/usr/lib/jvm", name);
            if (Files.isExecutable(home.resolve("bin/java"))) return home;
        }
        return null;
    }

    private static Path onPath(String program) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p;
        }
        throw new AssertionError(program + " is not on PATH");
    }

    /** Runs {@code command} in {@code cwd} with {@code env} added to this environment, stdin empty, to its end. */
    private Run run(Path cwd, Map<String, String> env, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder b = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().remove("JSOCK_JAVA"); // the script's own variables, as this test sets them only
        b.environment().remove("JSOCK_ARCHIVE");
        b.environment().remove("JSOCK_BACKEND");
        env.forEach((k, v) -> {
            if (v.equals(UNSET)) b.environment().remove(k);
            else b.environment().put(k, v);
        });
        Process p = b.start();
        // a run that makes the start-up archive takes a few seconds more (three JVMs, one a training run)
        if (!p.waitFor(2 * Programs.WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + 2 * Programs.WAIT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    /** The interface names of {@code ip -j link} output, in order. */
    private static List<String> names(String json) {
        List<String> names = new ArrayList<>();
        for (var v : com.eclipsesource.json.Json.parse(json).asArray().values()) names.add(v.asObject().getString("ifname", "?"));
        return names;
    }
}
