package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.Iproute2;
import io.jsock.testing.Programs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./jsock} script and {@code prereqs.sh}, run as a user runs them. The
 * script runs from a copy of the repository's top (the two scripts) whose {@code tools/target}
 * holds the tool this build made, packed as the script's own build leaves it: so it is the real
 * script, and starting it never rebuilds the worktree that Maven is testing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JsockScriptTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("jsock.repository", "..")).toAbsolutePath().normalize();
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
        Path repo = copyOfTheScripts();
        installTheBuild(repo.resolve("tools/target"));
        Files.createFile(repo.resolve("tools/target/jsock.built"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("jsock"), Path.of("../repo/jsock")); // relative, as ln -s makes it
        Path chain = Files.createSymbolicLink(bin.resolve("jsock-again"), link); // a link to the link
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));

        Run run = run(elsewhere, Map.of(), link.toString(), "ip", "-j", "link");
        assertEquals(0, run.exit(), run.said());
        assertEquals(List.of(), run.err(), "no build, no message: the tool is built");
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
        Path repo = copyOfTheScripts();
        // Maven's part, a stand-in: it leaves tools/target as the real build does and notes how it was called
        Path staged = dir.resolve("staged");
        installTheBuild(staged);
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

    /** The repository's two scripts, copied into a directory of the test's own. */
    private Path copyOfTheScripts() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        for (String script : List.of("jsock", "prereqs.sh")) {
            Path copy = repo.resolve(script);
            Files.copy(REPOSITORY.resolve(script), copy, StandardCopyOption.COPY_ATTRIBUTES);
            assertTrue(Files.isExecutable(copy), script + " is executable");
        }
        return repo;
    }

    /** {@code target} as the script's build leaves tools/target: the tool's jar, and its dependencies in lib/. */
    private static void installTheBuild(Path target) throws IOException {
        String[] modulePath = System.getProperty("jsock.tools.modulepath").split(File.pathSeparator);
        Path lib = Files.createDirectories(target.resolve("lib"));
        jar(Path.of(modulePath[0]), target.resolve("jsock-tools-0.1.0-test.jar"));
        for (int i = 1; i < modulePath.length; i++) {
            Path entry = Path.of(modulePath[i]);
            if (Files.isDirectory(entry)) {
                jar(entry, lib.resolve("jsock-from-" + i + ".jar")); // the library's classes, in a reactor build
            } else {
                Files.copy(entry, lib.resolve(entry.getFileName()));
            }
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Path f : files) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
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
        b.environment().putAll(env);
        Process p = b.start();
        if (!p.waitFor(Programs.WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + Programs.WAIT_SECONDS + " s");
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
