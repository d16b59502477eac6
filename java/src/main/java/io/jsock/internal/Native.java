package io.jsock.internal;

import java.lang.reflect.InvocationTargetException;

/**
 * The two bound libraries, loaded once when first used, through the backend chosen here: the FFM
 * API on Java 22+ when the jar carries its classes (META-INF/versions/22), JNR-FFI otherwise;
 * {@code -Djsock.backend=jnr|ffm} forces one.
 */
public final class Native {
    static final String PROPERTY = "jsock.backend";
    static final String FFM = "ffm";
    private static final String FFM_CLASS = "io.jsock.internal.FfmBackend";

    private static final Backend BACKEND = load(choose(System.getProperty(PROPERTY),
            Runtime.version().feature(), ffmPresent()));
    public static final Shim SHIM = BACKEND.shim();
    public static final LibC LIBC = BACKEND.libc();

    static {
        int r = SHIM.jsock_init();
        if (r < 0) {
            throw new UnsatisfiedLinkError("jsock: the shim could not start (wake-up signal or dead socket): errno " + -r);
        }
    }

    private Native() {}

    /** errno of the last {@link LibC} call on this thread. */
    public static int errno() {
        return BACKEND.errno();
    }

    /** The backend in use: "jnr" or "ffm". For tests and diagnostics; behaviour never depends on it. */
    public static String backend() {
        return BACKEND.name();
    }

    /**
     * The backend for a {@code -Djsock.backend} value (null or empty: the default), the running
     * Java feature version and whether the FFM classes are there. A choice that cannot run is an
     * UnsatisfiedLinkError that says why, never a silent fallback.
     */
    static String choose(String forced, int javaFeature, boolean ffmPresent) {
        if (forced == null || forced.isEmpty()) {
            return javaFeature >= 22 && ffmPresent ? FFM : JnrBackend.NAME;
        }
        if (forced.equals(JnrBackend.NAME)) return JnrBackend.NAME;
        if (!forced.equals(FFM)) {
            throw new UnsatisfiedLinkError("jsock: -D" + PROPERTY + "=" + forced + " is not a backend: use jnr or ffm");
        }
        if (javaFeature < 22) {
            throw new UnsatisfiedLinkError("jsock: -D" + PROPERTY + "=ffm needs Java 22 or later (the FFM API); this is Java "
                    + javaFeature + ": use jnr, or leave the property unset");
        }
        if (!ffmPresent) {
            throw new UnsatisfiedLinkError("jsock: -D" + PROPERTY + "=ffm, but this jsock has no FFM backend ("
                    + FFM_CLASS + " is absent: built without a JDK 22+, or not run from its multi-release jar)");
        }
        return FFM;
    }

    /** Whether the FFM backend's class is on this runtime's view of the jar (looked up, not initialised). */
    private static boolean ffmPresent() {
        return Native.class.getResource("FfmBackend.class") != null;
    }

    private static Backend load(String name) {
        if (name.equals(JnrBackend.NAME)) {
            try {
                return new JnrBackend();
            } catch (NoClassDefFoundError e) {
                // jnr-ffi left out of a class path by an application that expected FFM (Java 22+).
                throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("jsock: the JNR backend's classes are missing (" + e.getMessage()
                        + "): put jnr-ffi and its dependencies on the class or module path").initCause(e);
            }
        }
        // Reflection: the base classes are compiled for Java 17, before the FFM classes exist.
        try {
            return (Backend) Class.forName(FFM_CLASS).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error) throw (Error) e.getCause();
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("jsock: the FFM backend failed: " + e.getCause()).initCause(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("jsock: the FFM backend could not be created: " + e).initCause(e);
        }
    }
}
