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

    // ---- architectures and C libraries

    @Test
    void theJarsFolderFollowsOsArchInBothSpellings() {
        assertEquals("linux-amd64", Loader.platform("amd64"));
        assertEquals("linux-amd64", Loader.platform("x86_64"));
        assertEquals("linux-aarch64", Loader.platform("aarch64"));
        assertEquals("linux-aarch64", Loader.platform("arm64"));
        assertEquals("linux-sparcv9", Loader.platform("sparcv9"));
        assertEquals("/io/jsock/native/" + Loader.platform() + "/libjsock.so", Loader.resourceName());
    }

    @Test
    void anArchitectureNotBundledIsNamedWithTheOnesThatAre() throws Exception {
        Probe p = run(List.of("-Dos.arch=sparc"), dir);
        String first = errorLine(p);
        assertTrue(first.contains("the architecture of this JVM (os.arch=sparc) is not one jsock bundles"), first);
        assertTrue(first.contains("the jar has libjsock.so for " + String.join(", ", Loader.bundledPlatforms())), first);
        assertTrue(first.contains("linux-amd64"), first);
        assertTrue(first.contains("set -Djsock.library.path=/path/to/libjsock.so"), first);
    }

    @Test
    void aJarBuiltWithoutAnArchitectureSaysSo() {
        String m = Loader.notBundled("aarch64", List.of("linux-amd64"));
        assertTrue(m.startsWith("this jar was built without linux-aarch64 (it has libjsock.so for linux-amd64)"), m);
        assertTrue(Loader.notBundled("riscv64", List.of()).contains("os.arch=riscv64) is not one jsock bundles"
                + " (the jar has no libjsock.so for any architecture)"));
    }

    /** This process's C library as the loader sees it, against getconf's answer. */
    @Test
    void theCLibraryOfThisProcessIsGlibcOfItsVersion() throws IOException {
        Loader.CLibrary libc = Loader.CLibrary.ofThisProcess();
        Programs.Result getconf = Programs.run("getconf", "GNU_LIBC_VERSION");
        assertEquals(0, getconf.exit(), getconf.err());
        assertEquals(getconf.out().strip(), libc.kind() + " " + libc.version(), "libc at " + libc.path());
        assertTrue(libc.path().endsWith("/libc.so.6") || libc.path().matches(".*/libc-[0-9.]+\\.so"), libc.path());
    }

    /**
     * A copy of libjsock.so whose need for GLIBC_2.17 reads GLIBC_2.99: the dynamic linker refuses
     * it as it refuses the real library on a glibc older than what it needs.
     */
    @Test
    void aLibraryNeedingANewerGlibcNamesThatVersionAndThisSystemsGlibc() throws Exception {
        URL bundled = Loader.class.getResource(Loader.resourceName());
        assertTrue(bundled != null, "no " + Loader.resourceName());
        byte[] image;
        try (var in = bundled.openStream()) {
            image = in.readAllBytes();
        }
        byte[] from = "GLIBC_2.17\0".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "GLIBC_2.99\0".getBytes(StandardCharsets.US_ASCII);
        int patched = 0;
        for (int i = 0; i + from.length <= image.length; i++) {
            if (java.util.Arrays.equals(image, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, image, i, to.length);
                patched++;
            }
        }
        assertTrue(patched > 0, "the library names no GLIBC_2.17 to patch");
        Path lib = Files.createDirectory(dir.resolve("patched")).resolve("libjsock.so");
        Files.write(lib, image);
        Probe p = run(List.of("-Djsock.library.path=" + lib), dir);
        String first = errorLine(p);
        Loader.CLibrary libc = Loader.CLibrary.ofThisProcess();
        assertTrue(first.contains("libjsock.so needs GLIBC_2.99, which this system's C library, glibc " + libc.version()
                + " (" + libc.path() + "), lacks"), first);
        assertTrue(first.contains("set -Djsock.library.path=/path/to/libjsock.so"), first);
        assertTrue(first.contains("version `GLIBC_2.99' not found"), "the dynamic linker's own words: " + first);
    }

    @Test
    void aGlibcOlderThan217IsNamed() {
        String m = Loader.wrongCLibrary(new Loader.CLibrary("glibc", "2.12", "/lib64/libc-2.12.so"),
                "/lib64/libc.so.6: version `GLIBC_2.14' not found (required by /tmp/jsock-1/libjsock.so)");
        assertTrue(m.startsWith("this system's C library is glibc 2.12 (/lib64/libc-2.12.so), older than glibc 2.17,"
                + " the oldest libjsock.so loads on (it needs GLIBC_2.14)"), m);
        assertTrue(m.contains("-Djsock.library.path=/path/to/libjsock.so"), m);
    }

    @Test
    void muslIsNamed() {
        String m = Loader.wrongCLibrary(new Loader.CLibrary("musl", null, "/lib/ld-musl-x86_64.so.1"),
                "Error relocating /tmp/jsock-1/libjsock.so: __register_atfork: symbol not found");
        assertTrue(m.startsWith("this system's C library is musl (/lib/ld-musl-x86_64.so.1), and the bundled libjsock.so"
                + " is built for glibc (2.17 or newer): run a glibc-based JDK, or build libjsock.so on this system"), m);
        assertTrue(m.endsWith("(dlopen: Error relocating /tmp/jsock-1/libjsock.so: __register_atfork: symbol not found)"), m);
    }

    @Test
    void otherFailuresAreNotBlamedOnTheCLibrary() {
        assertNull(Loader.wrongCLibrary(new Loader.CLibrary("glibc", "2.36", "/lib/x86_64-linux-gnu/libc.so.6"),
                "/tmp/jsock-1/libjsock.so: failed to map segment from shared object"));
        assertEquals(-1, Loader.compareVersions("2.9", "2.17"));
        assertEquals(0, Loader.compareVersions("2.17", "2.17.0"));
    }

    /** The first line of a probe that failed to load jsock: the loader's one line. */
    private static String errorLine(Probe p) {
        assertNotEquals(0, p.exit(), "the probe should not have loaded jsock: " + p.said());
        assertTrue(!p.err().isEmpty(), p.said());
        String first = p.err().get(0);
        System.out.println("LoaderTest: " + first);
        assertTrue(first.startsWith("Exception in thread \"main\" java.lang.UnsatisfiedLinkError: "
                + "jsock: native library unavailable: "), first);
        return first;
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
