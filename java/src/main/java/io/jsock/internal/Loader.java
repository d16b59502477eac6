package io.jsock.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jnr.ffi.LibraryLoader;

/**
 * Finds libjsock and binds it. {@code -Djsock.library.path} (the file, or a folder holding
 * libjsock.so) wins; otherwise the copy inside the jar is extracted into a new private directory
 * under {@code -Djsock.tmpdir} (default: {@code java.io.tmpdir}), loaded, and deleted with its
 * directory at once, loaded or not: the mapping stays valid after the file is gone, so nothing is
 * left behind and no two JVMs ever share a file. Any failure is one {@link UnsatisfiedLinkError}
 * whose message names, on its first line, what went wrong and what to set.
 */
final class Loader {
    static final String PROPERTY = "jsock.library.path";
    /** Where the jar's copy is extracted; java.io.tmpdir when unset. */
    static final String TMPDIR_PROPERTY = "jsock.tmpdir";
    static final String FILE_NAME = "libjsock.so";

    private Loader() {}

    /** The jar's folder for each os.arch a Linux JDK reports (x86_64 and arm64 are other JDKs' names). */
    private static final Map<String, String> PLATFORMS = Map.of(
            "amd64", "linux-amd64", "x86_64", "linux-amd64",
            "aarch64", "linux-aarch64", "arm64", "linux-aarch64");
    /** The oldest glibc whose symbol versions libjsock.so is built against (native/tests/glibc_versions.cmake). */
    static final String OLDEST_GLIBC = "2.17";

    /** The jar's folder for this JVM's architecture: linux-amd64, linux-aarch64, else linux-(os.arch). */
    static String platform() {
        return platform(System.getProperty("os.arch", "unknown"));
    }

    static String platform(String arch) {
        return PLATFORMS.getOrDefault(arch, "linux-" + arch);
    }

    static String resourceName() {
        return resourceName(platform());
    }

    private static String resourceName(String platform) {
        return "/io/jsock/native/" + platform + "/" + FILE_NAME;
    }

    /** The platforms whose libjsock.so this jar carries, in a stable order. */
    static List<String> bundledPlatforms() {
        return new TreeSet<>(PLATFORMS.values()).stream()
                .filter(p -> Loader.class.getResource(resourceName(p)) != null).toList();
    }

    static Shim loadShim() {
        return withLibrary(library -> LibraryLoader.create(Shim.class).failImmediately().load(library.toString()));
    }

    /**
     * Locates libjsock as above and hands its path to {@code bind}, which loads it and resolves
     * every symbol it needs (the extracted file is deleted as soon as it returns); its failure is
     * reported as a failure to load. The one way in for either backend (JNR here, FFM in FfmBackend).
     */
    static <T> T withLibrary(Function<Path, T> bind) {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isEmpty()) return load(configured(configured), false, bind);
        Path dir = extractionDirectory();
        try {
            return load(extract(dir), true, bind);
        } finally {
            delete(dir);
        }
    }

    static LibC loadLibC() {
        try {
            // By soname, which dlopen resolves for this process's architecture: for "c", JNR walks
            // ld.so.conf's folders itself and takes the first libc.so.6, another architecture's
            // where multiarch libraries (libc6:arm64 on amd64) are installed.
            return LibraryLoader.create(LibC.class).failImmediately().load("libc.so.6");
        } catch (LinkageError | RuntimeException e) {
            String dlerror = firstLine(e.getMessage());
            String libc = wrongCLibrary(CLibrary.ofThisProcess(), dlerror);
            throw failure(libc != null ? libc : "could not bind the C library (libc): " + dlerror, e);
        }
    }

    /** Binds the shim at {@code library}; every symbol is resolved here, so the file may go afterwards. */
    private static <T> T load(Path library, boolean extracted, Function<Path, T> bind) {
        try {
            return bind.apply(library);
        } catch (LinkageError | RuntimeException e) {
            throw failure(whyNotLoaded(library, extracted, firstLine(e.getMessage())), e);
        }
    }

    private static Path configured(String configured) {
        Path p = Path.of(configured);
        if (Files.isDirectory(p)) p = p.resolve(FILE_NAME);
        if (!Files.isRegularFile(p)) {
            throw failure("-D" + PROPERTY + "=" + configured + " names no file " + p, null);
        }
        return p.toAbsolutePath();
    }

    /** The base directory: {@code -Djsock.tmpdir}, else java.io.tmpdir. */
    static Path extractionBase() {
        String base = System.getProperty(TMPDIR_PROPERTY);
        if (base == null || base.isEmpty()) base = System.getProperty("java.io.tmpdir");
        return Path.of(base);
    }

    /** A new directory of this JVM's own (mode 0700, a random name) under the base. */
    private static Path extractionDirectory() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw failure("jsock runs on Linux only; this is " + System.getProperty("os.name"), null);
        }
        Path base = extractionBase();
        try {
            return Files.createTempDirectory(base, "jsock-");
        } catch (IOException | RuntimeException e) {
            throw failure("could not make a directory in " + base + " to extract " + FILE_NAME + " into (" + e
                    + "); set -D" + TMPDIR_PROPERTY + "=DIR to a writable directory, or -D" + PROPERTY
                    + "=/path/to/" + FILE_NAME, e);
        }
    }

    private static Path extract(Path dir) {
        String resource = resourceName();
        Path file = dir.resolve(FILE_NAME);
        try (InputStream in = Loader.class.getResourceAsStream(resource)) {
            if (in == null) throw failure(notBundled(System.getProperty("os.arch", "unknown"), bundledPlatforms()), null);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw failure("could not extract " + resource + " to " + file + " (" + e + "); set -D" + TMPDIR_PROPERTY
                    + "=DIR to a writable directory, or -D" + PROPERTY + "=/path/to/" + FILE_NAME, e);
        }
    }

    /** Why the jar has no library for {@code arch}, which folders it has, and what to set instead. */
    static String notBundled(String arch, List<String> bundled) {
        String platform = platform(arch);
        String has = bundled.isEmpty() ? "no libjsock.so for any architecture" : "libjsock.so for " + String.join(", ", bundled);
        String why = PLATFORMS.containsKey(arch)
                ? "this jar was built without " + platform + " (it has " + has + ")"
                : "the architecture of this JVM (os.arch=" + arch + ") is not one jsock bundles (the jar has " + has + ")";
        return why + ": build libjsock.so for it from jsock's sources (cmake) and set -D" + PROPERTY + "=/path/to/" + FILE_NAME;
    }

    /** Deletes the extracted file and its directory; what cannot go now goes at exit (file first). */
    private static void delete(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // deleteOnExit runs in the reverse order of registration: the file, then its directory
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
        }
    }

    /**
     * Why dlopen refused {@code library}, in one line that names the fix. A filesystem mounted
     * noexec (where /tmp often is) makes the kernel refuse the executable mapping (mmap's EPERM),
     * which glibc reports as "failed to map segment from shared object".
     */
    static String whyNotLoaded(Path library, boolean extracted, String dlerror) {
        String libc = wrongCLibrary(CLibrary.ofThisProcess(), dlerror);
        if (libc != null) return libc;
        Path where = extracted ? extractionBase() : library.getParent();
        String mount = noexecMountOf(library.getParent());
        boolean unmappable = dlerror.contains("failed to map segment") || dlerror.contains("Operation not permitted");
        if (mount == null && !unmappable) return "could not load " + library + ": " + dlerror;
        String cause = mount != null
                ? where + " is on a filesystem mounted noexec" + (mount.equals(realPath(where)) ? "" : " (at " + mount + ")")
                        + ", so " + FILE_NAME + " cannot be mapped executable from it"
                : FILE_NAME + " could not be mapped executable from " + where + " (a noexec mount or a security policy)";
        String fix = extracted
                ? "set -D" + TMPDIR_PROPERTY + "=DIR to a directory that allows executables (jsock extracts "
                        + FILE_NAME + " there; now " + where + ", from "
                        + (System.getProperty(TMPDIR_PROPERTY, "").isEmpty() ? "java.io.tmpdir" : "-D" + TMPDIR_PROPERTY)
                        + ") or use -D" + PROPERTY + "=/path/to/" + FILE_NAME
                : "copy " + FILE_NAME + " to a directory that allows executables and point -D" + PROPERTY + " at it";
        return cause + ": " + fix + " (dlopen: " + dlerror + ")";
    }

    /**
     * The C library this process runs on, as /proc/self/maps names it: {@code kind} "glibc" or
     * "musl" (null when neither is seen), the file, and glibc's version where it can be read.
     */
    record CLibrary(String kind, String version, String path) {
        private static final Pattern GLIBC_FILE = Pattern.compile("libc(?:\\.so\\.6|-(\\d+\\.\\d+(?:\\.\\d+)?)\\.so)");

        static CLibrary ofThisProcess() {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return new CLibrary(null, null, null);
            }
            for (String line : lines) {
                int slash = line.indexOf('/');
                if (slash < 0) continue;
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (file.startsWith("ld-musl-") || file.startsWith("libc.musl-")) return new CLibrary("musl", null, path);
                Matcher m = GLIBC_FILE.matcher(file);
                if (m.matches()) return new CLibrary("glibc", m.group(1) != null ? m.group(1) : glibcVersion(), path);
            }
            return new CLibrary(null, null, null);
        }

        /** gnu_get_libc_version(), or null where it cannot be called. */
        private static String glibcVersion() {
            try {
                return LibraryLoader.create(GnuLibC.class).failImmediately().load("libc.so.6").gnu_get_libc_version();
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    /** glibc's own answer to which version it is. */
    public interface GnuLibC {
        String gnu_get_libc_version();
    }

    /** A dlopen error that says a symbol version is missing: {@code version `GLIBC_2.34' not found}. */
    private static final Pattern MISSING_GLIBC = Pattern.compile("version [`']GLIBC_([0-9.]+)' not found");

    /**
     * Why libjsock.so, built for glibc 2.17 and newer, cannot load on {@code libc}: musl, or a glibc
     * that lacks a symbol version it needs; null when the C library is not the cause.
     */
    static String wrongCLibrary(CLibrary libc, String dlerror) {
        String fix = "build libjsock.so on this system from jsock's sources (cmake) and set -D" + PROPERTY + "=/path/to/" + FILE_NAME;
        if ("musl".equals(libc.kind())) {
            return "this system's C library is musl (" + libc.path() + "), and the bundled " + FILE_NAME
                    + " is built for glibc (" + OLDEST_GLIBC + " or newer): run a glibc-based JDK, or " + fix
                    + " (dlopen: " + dlerror + ")";
        }
        Matcher m = MISSING_GLIBC.matcher(dlerror);
        if (!m.find()) return null;
        String needed = m.group(1);
        String version = libc.version();
        String running = "glibc" + (version != null ? " " + version : "") + (libc.path() != null ? " (" + libc.path() + ")" : "");
        if (version != null && compareVersions(version, OLDEST_GLIBC) < 0) {
            return "this system's C library is " + running + ", older than glibc " + OLDEST_GLIBC + ", the oldest "
                    + FILE_NAME + " loads on (it needs GLIBC_" + needed + "): " + fix + " (dlopen: " + dlerror + ")";
        }
        return FILE_NAME + " needs GLIBC_" + needed + ", which this system's C library, " + running + ", lacks (it should"
                + " need no glibc newer than " + OLDEST_GLIBC + ": a build that needs more is jsock's bug): " + fix
                + " (dlopen: " + dlerror + ")";
    }

    /** Compares dotted version numbers: 2.9 < 2.17. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? parse(x[i]) : 0, i < y.length ? parse(y[i]) : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int parse(String n) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The mount point of the mount holding {@code dir} if it is mounted noexec, else null. */
    static String noexecMountOf(Path dir) {
        List<String> lines;
        String path;
        try {
            path = dir.toRealPath().toString();
            lines = Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null; // no answer: the dlopen message then speaks for itself
        }
        String best = null;
        boolean noexec = false;
        for (String line : lines) {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER-OPTIONS
            String[] f = line.split(" ");
            if (f.length < 6) continue;
            String point = unescape(f[4]);
            boolean under = path.equals(point) || point.equals("/")
                    || path.startsWith(point.endsWith("/") ? point : point + "/");
            // the longest mount point that holds the path; of equal ones the later, mounted over the earlier
            if (under && (best == null || point.length() >= best.length())) {
                best = point;
                noexec = List.of(f[5].split(",")).contains("noexec");
            }
        }
        return noexec ? best : null;
    }

    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return p.toString();
        }
    }

    /** mountinfo writes space, tab, newline and backslash as \ooo. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String firstLine(String message) {
        if (message == null) return "(no message)";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static UnsatisfiedLinkError failure(String message, Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("jsock: native library unavailable: " + message);
        if (cause != null) e.initCause(cause);
        return e;
    }
}
