package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the repository's top (its two scripts) whose {@code tools/target} holds the tool this
 * build made, laid out as the script's own build leaves it: so the tests run the real
 * {@code ./jsock}, and starting it never rebuilds the worktree that Maven is testing.
 */
final class ScriptCopy {
    static final Path REPOSITORY = Path.of(System.getProperty("jsock.repository", "..")).toAbsolutePath().normalize();
    /** What tools/pom.xml unpacks into tools/target/native: libjsock.so and jffi's stub libraries. */
    private static final Pattern NATIVE = Pattern.compile("io/jsock/native/[^/]+/[^/]+\\.so|jni/[^/]+-Linux/[^/]+\\.so");

    private ScriptCopy() {}

    /** The repository's two scripts, copied into {@code repo} (made here). */
    static Path copyOfTheScripts(Path repo) throws IOException {
        Files.createDirectories(repo);
        for (String script : List.of("jsock", "prereqs.sh")) {
            Path copy = repo.resolve(script);
            Files.copy(REPOSITORY.resolve(script), copy, StandardCopyOption.COPY_ATTRIBUTES);
            assertTrue(Files.isExecutable(copy), script + " is executable");
        }
        return repo;
    }

    /** The scripts and the build, as after a build by the script ({@code jsock.built} stamped). */
    static Path built(Path repo) throws IOException {
        copyOfTheScripts(repo);
        installTheBuild(repo.resolve("tools/target"));
        Files.createFile(repo.resolve("tools/target/jsock.built"));
        return repo;
    }

    /**
     * {@code target} as the script's build leaves tools/target: the tool's jar, its dependencies
     * in lib/, and the native libraries they carry unpacked in native/.
     */
    static void installTheBuild(Path target) throws IOException {
        String[] modulePath = System.getProperty("jsock.tools.modulepath").split(File.pathSeparator);
        Path lib = Files.createDirectories(target.resolve("lib"));
        jar(Path.of(modulePath[0]), target.resolve("jsock-tools-0.1.0-test.jar"));
        for (int i = 1; i < modulePath.length; i++) {
            Path entry = Path.of(modulePath[i]);
            Path jar = Files.isDirectory(entry)
                    ? lib.resolve("jsock-from-" + i + ".jar") // the library's classes, in a reactor build
                    : lib.resolve(entry.getFileName());
            if (Files.isDirectory(entry)) jar(entry, jar);
            else Files.copy(entry, jar);
            unpackNatives(jar, target.resolve("native"));
        }
    }

    /** The start-up archives and their keys that ./jsock keeps in {@code repo}. */
    static Path archives(Path repo) {
        return repo.resolve("tools/target/startup");
    }

    /** The line ./jsock writes on stderr when it makes the start-up archive for {@code javaHome}. */
    static String archiveMessage(Path javaHome) throws IOException {
        return "jsock: making the start-up archive for " + javaHome.resolve("bin/java").toRealPath()
                + " (once per JDK and build; JSOCK_ARCHIVE=0 skips it)";
    }

    private static void unpackNatives(Path jar, Path into) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory() || !NATIVE.matcher(entry.getName()).matches()) continue;
                Path out = into.resolve(entry.getName());
                Files.createDirectories(out.getParent());
                try (InputStream in = j.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
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
}
