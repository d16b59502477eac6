package io.jsock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.Programs;
import io.jsock.testing.ProcStatus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader as a user's JVM meets it: child JVMs ({@link LoaderProbe}) load jsock with private
 * extraction directories, so what they leave behind is seen exactly; and, as root, a tmpfs mounted
 * noexec, where the error's first line must say so and name the properties that fix it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoaderTest {
    @TempDir
    Path dir;

    /** What a probe did. */
    private record Probe(int exit, List<String> out, List<String> err) {
        String said() {
            return "exit " + exit + ", stdout " + out + ", stderr:\n" + String.join("\n", err);
        }
    }

    @Test
    void theExtractedLibraryIsDeletedAtOnceAndNothingRemainsAtExit() throws Exception {
        Path javaTmp = Files.createDirectory(dir.resolve("java-tmp"));
        Path jsockTmp = Files.createDirectory(dir.resolve("jsock-tmp"));
        Probe p = run(List.of("-Djava.io.tmpdir=" + javaTmp, "-Djsock.tmpdir=" + jsockTmp), dir);
        assertEquals(0, p.exit(), p.said());
        assertEquals(List.of("received ping", "while running []"), p.out(),
                "the library works, and its file and directory went as soon as it was loaded");
        assertEquals(List.of(), entries(jsockTmp), "nothing left in -Djsock.tmpdir");
        assertEquals(List.of(), entries(javaTmp), "nothing left in java.io.tmpdir");
    }

    @Test
    void concurrentJvmsDoNotCollideAndLeaveNothingBehind() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("shared-tmp"));
        List<Process> started = new ArrayList<>();
        int jvms = 6;
        for (int i = 0; i < jvms; i++) {
            // java.io.tmpdir and jsock.tmpdir default to it: one directory for all of them, jffi's stub too
            started.add(start(List.of("-Djava.io.tmpdir=" + tmp), dir, "probe-" + i));
        }
        for (int i = 0; i < jvms; i++) {
            Probe p = finish(started.get(i), "probe-" + i);
            assertEquals(0, p.exit(), "JVM " + i + ": " + p.said());
            assertEquals("received ping", p.out().get(0), "JVM " + i + ": " + p.said());
        }
        assertEquals(List.of(), entries(tmp), jvms + " JVMs loaded jsock at once and left nothing in their temporary directory");
    }

    @Test
    void libraryPathIsLoadedInPlaceAndNothingIsExtracted() throws Exception {
        URL bundled = Loader.class.getResource(Loader.resourceName());
        Assumptions.assumeTrue(bundled != null && bundled.getProtocol().equals("file"),
                "skipped: the built libjsock.so is not a file on the class path (" + bundled + ")");
        Path library = Path.of(toUri(bundled));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Probe p = run(List.of("-Djava.io.tmpdir=" + tmp, "-Djsock.tmpdir=" + tmp,
                "-Djsock.library.path=" + library.getParent()), dir);
        assertEquals(0, p.exit(), p.said());
        assertEquals("received ping", p.out().get(0), p.said());
        assertTrue(Files.isRegularFile(library), "the library given is left where it is");
        assertEquals(List.of(), entries(tmp));
    }

    @Test
    void aMissingExtractionDirectoryIsNamedWithTheProperty() throws Exception {
        Path missing = dir.resolve("no-such-dir");
        Probe p = run(List.of("-Djsock.tmpdir=" + missing), dir);
        assertNotEquals(0, p.exit(), p.said());
        String first = p.err().isEmpty() ? "" : p.err().get(0);
        assertTrue(first.contains("jsock: native library unavailable: could not make a directory in " + missing), first);
        assertTrue(first.contains("-Djsock.tmpdir=DIR") && first.contains("-Djsock.library.path="), first);
    }

    // ---- noexec

    @Test
    void aNoexecJsockTmpdirIsNamedOnTheErrorsFirstLine() throws Exception {
        Path mount = noexecMount();
        try {
            assertEquals(mount.toRealPath().toString(), Loader.noexecMountOf(mount), "/proc/self/mountinfo says noexec");
            assertNull(Loader.noexecMountOf(dir), dir + " allows executables");
            Probe p = run(List.of("-Djsock.tmpdir=" + mount), dir);
            String first = firstLine(p);
            assertTrue(first.contains(mount + " is on a filesystem mounted noexec"), first);
            assertTrue(first.contains("from -Djsock.tmpdir"), first);
            assertNamesTheFix(first);
            assertEquals(List.of(), entries(mount), "the failed extraction is deleted too");
        } finally {
            unmount(mount);
        }
    }

    /** The common case: /tmp mounted noexec, and java.io.tmpdir, the default, on it. */
    @Test
    void aNoexecJavaTmpdirIsNamedOnTheErrorsFirstLine() throws Exception {
        Path mount = noexecMount();
        try {
            // the working directory allows executables: jffi falls back to it for its own stub
            Probe p = run(List.of("-Djava.io.tmpdir=" + mount), dir);
            String first = firstLine(p);
            assertTrue(first.contains(mount + " is on a filesystem mounted noexec"), first);
            assertTrue(first.contains("from java.io.tmpdir"), first);
            assertNamesTheFix(first);
            assertEquals(List.of(), entries(mount), "nothing left on the noexec mount");
        } finally {
            unmount(mount);
        }
    }

    private static String firstLine(Probe p) {
        assertNotEquals(0, p.exit(), "a library on a noexec mount cannot load: " + p.said());
        assertTrue(!p.err().isEmpty(), p.said());
        String first = p.err().get(0);
        System.out.println("LoaderTest: on a noexec mount: " + first);
        assertTrue(first.startsWith("Exception in thread \"main\" java.lang.UnsatisfiedLinkError: "
                + "jsock: native library unavailable: "), first);
        return first;
    }

    private static void assertNamesTheFix(String first) {
        assertTrue(first.contains("set -Djsock.tmpdir=DIR to a directory that allows executables"), first);
        assertTrue(first.contains("-Djsock.library.path=/path/to/libjsock.so"), first);
        assertTrue(first.contains("failed to map segment from shared object"), "dlopen's own words: " + first);
    }

    /** A tmpfs mounted noexec under the test's directory, or the test is skipped with the reason. */
    private Path noexecMount() throws IOException {
        Assumptions.assumeTrue(ProcStatus.isRoot(), "skipped: mounting a noexec tmpfs needs root");
        Path mount = Files.createDirectory(dir.resolve("noexec"));
        Programs.Result r = Programs.run("mount", "-t", "tmpfs", "-o", "noexec,size=8m,mode=1777", "jsock-noexec-test",
                mount.toString());
        Assumptions.assumeTrue(r.exit() == 0, "skipped: mount -t tmpfs -o noexec failed here: " + r.err().strip());
        return mount;
    }

    private static void unmount(Path mount) throws IOException {
        Programs.Result r = Programs.run("umount", mount.toString());
        assertEquals(0, r.exit(), "umount " + mount + ": " + r.err());
    }

    // ---- child JVMs

    private Probe run(List<String> options, Path workingDirectory) throws Exception {
        return finish(start(options, workingDirectory, "probe"), "probe");
    }

    private Process start(List<String> options, Path workingDirectory, String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As any program using jsock on Java 22+ (FFM downcalls; jffi's System.load on JNR): without
        // it the JVM warns on stderr, where these tests read the loader's error. Java 17 accepts it too.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoaderProbe.class.getName()));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        return new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile())
                .start();
    }

    private Probe finish(Process p, String name) throws Exception {
        if (!p.waitFor(Programs.WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not end within " + Programs.WAIT_SECONDS + " s");
        }
        Path logs = dir.resolve("logs");
        return new Probe(p.exitValue(), Files.readAllLines(logs.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readAllLines(logs.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static java.net.URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
