package io.jsock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.testing.Programs;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend: the one chosen is the one asked for (-Djsock.backend, or the default for this Java
 * and this jar); a choice that cannot run says why; on Java 22+ the FFM backend loads no class of
 * JNR, jffi or ASM, and a consumer run with sun.misc.Unsafe's memory access denied prints nothing
 * on stderr. The build runs this suite on JDK 17 (JNR) and on JDK 22+ with each backend.
 */
class BackendTest {
    private static final int JAVA = Runtime.version().feature();

    @TempDir
    Path dir;

    /** Whether this runtime sees the FFM classes (Java 22+, from the multi-release jar). */
    private static boolean ffmPresent() {
        return JAVA >= 22 && Native.class.getResource("FfmBackend.class") != null;
    }

    @Test
    void theBackendInUseIsTheOneAskedFor() {
        String asked = System.getProperty(Native.PROPERTY, "");
        String expected = !asked.isEmpty() ? asked : ffmPresent() ? "ffm" : "jnr";
        assertEquals(expected, Native.backend(), "-D" + Native.PROPERTY + "=" + asked + " on Java " + JAVA);
    }

    @Test
    void theDefaultIsFfmFromJava22WhereItsClassesAre() {
        assertEquals("jnr", Native.choose(null, 17, false));
        assertEquals("jnr", Native.choose("", 21, true));
        assertEquals("jnr", Native.choose(null, 25, false), "a jar built without a JDK 22+: JNR everywhere");
        assertEquals("ffm", Native.choose(null, 22, true));
        assertEquals("ffm", Native.choose("", 25, true));
        assertEquals("jnr", Native.choose("jnr", 25, true));
        assertEquals("ffm", Native.choose("ffm", 25, true));
    }

    @Test
    void aChoiceThatCannotRunSaysWhy() {
        String onJava17 = assertThrows(UnsatisfiedLinkError.class, () -> Native.choose("ffm", 17, false)).getMessage();
        assertTrue(onJava17.contains("-Djsock.backend=ffm needs Java 22 or later") && onJava17.contains("this is Java 17"), onJava17);
        String noClasses = assertThrows(UnsatisfiedLinkError.class, () -> Native.choose("ffm", 25, false)).getMessage();
        assertTrue(noClasses.contains("no FFM backend"), noClasses);
        String unknown = assertThrows(UnsatisfiedLinkError.class, () -> Native.choose("jni", 25, true)).getMessage();
        assertTrue(unknown.contains("jni is not a backend: use jnr or ffm"), unknown);
    }

    @Test
    void ffmForcedBeforeJava22FailsAtTheFirstCall() throws Exception {
        assumeTrue(JAVA < 22, "Java " + JAVA + " has the FFM API");
        Programs.Result r = probe(List.of("-D" + Native.PROPERTY + "=ffm"));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.err().contains("java.lang.UnsatisfiedLinkError: jsock: -Djsock.backend=ffm needs Java 22 or later"), r.err());
    }

    /** FFM's rule for errno is the interface's (libc's calls set it, the shim's return -errno): the annotations JNR reads agree. */
    @Test
    void libcCallsSaveErrnoAndShimCallsDoNot() {
        for (Method m : LibC.class.getMethods()) {
            assertTrue(m.isAnnotationPresent(SaveError.class), "LibC." + m.getName() + " is @SaveError");
        }
        for (Method m : Shim.class.getMethods()) {
            assertTrue(m.isAnnotationPresent(IgnoreError.class), "Shim." + m.getName() + " is @IgnoreError");
        }
    }

    @Test
    void onJava22TheFfmBackendLoadsNoClassOfJnrJffiOrAsm() throws Exception {
        assumeTrue(ffmPresent(), "the FFM backend runs on Java 22+ from the jar; this is Java " + JAVA);
        Path log = dir.resolve("classes.log");
        // Every class the JVM loads, as it loads it: a class looked up but never loaded is not there.
        Programs.Result r = probe(List.of("--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + log));
        assertEquals(0, r.exit(), r.err());
        assertEquals("ffm ok", r.out().strip());
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.jsock.internal.FfmBackend ")), "the log names the classes loaded");
        List<String> foreign = loaded.stream()
                .filter(l -> l.contains(" jnr.") || l.contains(" com.kenai.jffi.") || l.contains(" org.objectweb.asm."))
                .toList();
        assertEquals(List.of(), foreign, "classes of JNR, jffi or ASM loaded by the FFM backend");
    }

    @Test
    void onJava22AConsumerWithUnsafeMemoryAccessDeniedPrintsNothing() throws Exception {
        assumeTrue(ffmPresent(), "the FFM backend runs on Java 22+ from the jar; this is Java " + JAVA);
        List<String> options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        // JDK 23+ (JEP 471/498): the announced default; jsock must not need sun.misc.Unsafe at all.
        if (JAVA >= 23) options.add("--sun-misc-unsafe-memory-access=deny");
        Programs.Result r = probe(options);
        assertEquals(0, r.exit(), r.err());
        assertEquals("ffm ok", r.out().strip());
        assertEquals("", r.err(), "stderr of a consumer on Java " + JAVA + " with " + options);
    }

    /** A JVM of this test's Java, on this test's class path, that runs {@link BackendProbe}. */
    private static Programs.Result probe(List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), BackendProbe.class.getName()));
        return Programs.run(command);
    }
}
