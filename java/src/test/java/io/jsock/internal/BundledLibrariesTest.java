package io.jsock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.Programs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each libjsock.so the jar carries, as binutils' readelf reads it: built for the architecture its
 * folder names, stripped, and needing no glibc symbol version above 2.17 (so it loads on RHEL 7
 * and 8, Ubuntu 20.04, Debian 10, Amazon Linux 2). ctest's glibc_versions checks each build the
 * same way; this checks what is packed.
 */
class BundledLibrariesTest {
    /** readelf -h's "Machine:" for each folder. */
    static final Map<String, String> MACHINES = Map.of(
            "linux-amd64", "Advanced Micro Devices X86-64",
            "linux-aarch64", "AArch64");

    @TempDir
    Path dir;

    @Test
    void theJarCarriesThisMachinesLibraryAndAarch64s() {
        List<String> bundled = Loader.bundledPlatforms();
        System.out.println("BundledLibrariesTest: the jar carries libjsock.so for " + bundled);
        assertTrue(bundled.contains(Loader.platform()), "no library for this machine's " + Loader.platform() + " in " + bundled);
        // java/pom.xml's linux-aarch64 profile cross-builds it unless -Djsock.aarch64.skip
        if (System.getProperty("jsock.aarch64.skip") == null) {
            assertTrue(bundled.contains("linux-aarch64"), "no linux-aarch64 library in " + bundled
                    + " (the build's linux-aarch64 profile puts it there; -Djsock.aarch64.skip leaves it out)");
        }
    }

    @Test
    void eachIsForItsArchitectureStrippedAndNeedsNoGlibcAbove217() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String platform : Loader.bundledPlatforms()) {
            Path lib = copy(platform);
            String header = readelf("-h", lib);
            Matcher machine = Pattern.compile("Machine:\\s+(.+)").matcher(header);
            assertTrue(machine.find(), header);
            if (!machine.group(1).strip().equals(MACHINES.get(platform))) {
                wrong.add(platform + " holds a library for " + machine.group(1).strip());
            }
            String sections = readelf("-S", lib);
            for (String kept : List.of(".symtab", ".strtab", ".debug_info", ".debug_line")) {
                if (sections.contains(" " + kept + " ")) wrong.add(platform + "'s library is not stripped: it has " + kept);
            }
            String needs = readelf("--version-info", lib);
            Matcher v = Pattern.compile("Name: GLIBC_([0-9.]+)").matcher(needs);
            String newest = "0";
            while (v.find()) {
                if (Loader.compareVersions(v.group(1), newest) > 0) newest = v.group(1);
            }
            assertTrue(!newest.equals("0"), platform + ": readelf found no GLIBC_ version need at all:\n" + needs);
            if (Loader.compareVersions(newest, Loader.OLDEST_GLIBC) > 0) {
                wrong.add(platform + "'s library needs GLIBC_" + newest + ", newer than " + Loader.OLDEST_GLIBC
                        + " (readelf --dyn-syms names the symbol)");
            }
            System.out.printf("BundledLibrariesTest: %s: %s, %d bytes, stripped, newest glibc version needed GLIBC_%s%n",
                    platform, machine.group(1).strip(), Files.size(lib), newest);
        }
        assertEquals(List.of(), wrong);
    }

    private Path copy(String platform) throws IOException {
        Path file = dir.resolve(platform + ".so");
        try (InputStream in = Loader.class.getResourceAsStream("/io/jsock/native/" + platform + "/libjsock.so")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static String readelf(String option, Path lib) throws IOException {
        Programs.Result r = Programs.run("readelf", "-W", option, lib.toString());
        assertEquals(0, r.exit(), "readelf " + option + " " + lib + ": " + r.err());
        return r.out();
    }
}
