package io.jsock.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    static String resourceName() {
        return "/io/jsock/native/linux-" + System.getProperty("os.arch", "unknown") + "/" + FILE_NAME;
    }

    static Shim loadShim() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isEmpty()) return load(configured(configured), false);
        Path dir = extractionDirectory();
        try {
            return load(extract(dir), true);
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
            throw failure("could not bind the C library (libc): " + firstLine(e.getMessage()), e);
        }
    }

    /** Binds the shim at {@code library}; every symbol is resolved here, so the file may go afterwards. */
    private static Shim load(Path library, boolean extracted) {
        try {
            return LibraryLoader.create(Shim.class).failImmediately().load(library.toString());
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
            if (in == null) {
                throw failure("the jar has no " + resource + " (built for another architecture?) and -D"
                        + PROPERTY + " is not set", null);
            }
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw failure("could not extract " + resource + " to " + file + " (" + e + "); set -D" + TMPDIR_PROPERTY
                    + "=DIR to a writable directory, or -D" + PROPERTY + "=/path/to/" + FILE_NAME, e);
        }
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
