package io.jsock.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import jnr.ffi.LibraryLoader;

/**
 * Finds libjsock and binds it. {@code -Djsock.library.path} (the file, or a folder holding
 * libjsock.so) wins; otherwise the copy inside the jar is extracted to a private temporary file.
 * Any failure is one {@link UnsatisfiedLinkError} that names what was looked for and where.
 */
final class Loader {
    static final String PROPERTY = "jsock.library.path";
    static final String FILE_NAME = "libjsock.so";

    private Loader() {}

    static String resourceName() {
        return "/io/jsock/native/linux-" + System.getProperty("os.arch", "unknown") + "/" + FILE_NAME;
    }

    /** The libjsock.so to load, located (and extracted) as {@link #loadShim} does; for the FFM backend. */
    static Path library() {
        return locate();
    }

    static Shim loadShim() {
        Path library = locate();
        try {
            return LibraryLoader.create(Shim.class).failImmediately().load(library.toString());
        } catch (LinkageError | RuntimeException e) {
            throw failure("could not load " + library + ": " + e.getMessage(), e);
        }
    }

    static LibC loadLibC() {
        try {
            // By soname, which dlopen resolves for this process's architecture: for "c", JNR walks
            // ld.so.conf's folders itself and takes the first libc.so.6, another architecture's
            // where multiarch libraries (libc6:arm64 on amd64) are installed.
            return LibraryLoader.create(LibC.class).failImmediately().load("libc.so.6");
        } catch (LinkageError | RuntimeException e) {
            throw failure("could not bind the C library (libc): " + e.getMessage(), e);
        }
    }

    private static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            Path p = Path.of(configured);
            if (Files.isDirectory(p)) p = p.resolve(FILE_NAME);
            if (!Files.isRegularFile(p)) {
                throw failure("-D" + PROPERTY + "=" + configured + " names no file " + p, null);
            }
            return p.toAbsolutePath();
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw failure("jsock runs on Linux only; this is " + System.getProperty("os.name"), null);
        }
        String resource = resourceName();
        try (InputStream in = Loader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw failure("the jar has no " + resource + " (built for another architecture?) and -D"
                        + PROPERTY + " is not set", null);
            }
            Path dir = Files.createTempDirectory("jsock-");
            Path file = dir.resolve(FILE_NAME);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            // Once mapped, the file is no longer needed; delete it when the JVM exits.
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw failure("could not extract " + resource + " to a temporary file: " + e, e);
        }
    }

    private static UnsatisfiedLinkError failure(String message, Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("jsock: native library unavailable: " + message);
        if (cause != null) e.initCause(cause);
        return e;
    }
}
