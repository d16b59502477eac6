package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.testing.Programs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tool on the module path of the build's JDK 22+ (-Djsock.jdk22.home), as ./jsock runs it:
 * the library's module runs its FFM backend with {@code --enable-native-access=io.jsock} alone and
 * prints nothing but its output, even with sun.misc.Unsafe's memory access denied. (jnr-ffi stays
 * on the module path, a module that io.jsock requires, resolved but never loaded: a multi-release
 * jar's versioned module descriptor may not drop a requires, so the one descriptor has it.)
 */
class ToolOnJava22Test {
    @Test
    void theToolRunsOnJava22WithNativeAccessAloneAndPrintsNothingElse() throws Exception {
        String home = System.getProperty("jsock.jdk22.home", "");
        Path java = Path.of(home, "bin", "java");
        assumeTrue(!home.isEmpty() && Files.isExecutable(java), "no JDK 22+ at -Djsock.jdk22.home=" + home);
        String modulePath = System.getProperty("jsock.tools.modulepath");
        List<String> entries = Arrays.asList(modulePath.split(File.pathSeparator));
        // Versioned classes are seen in a jar only: a build that stopped before packaging the library has none.
        assumeTrue(entries.stream().anyMatch(e -> Path.of(e).getFileName().toString().matches("jsock-[0-9].*\\.jar")),
                "the library is not a jar on this module path (" + modulePath + ")");
        Programs.Result r = Programs.run(List.of(java.toString(), "--enable-native-access=io.jsock",
                "--sun-misc-unsafe-memory-access=deny", "--module-path", modulePath,
                "-m", "io.jsock.tools/io.jsock.tools.Main", "ip", "addr"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "stderr of the tool on " + java);
        assertTrue(r.out().contains("lo"), r.out());
    }
}
