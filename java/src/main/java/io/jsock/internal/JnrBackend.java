package io.jsock.internal;

/** The native functions through JNR-FFI (and jffi): Java 17 to 21, or -Djsock.backend=jnr. */
final class JnrBackend implements Backend {
    static final String NAME = "jnr";

    private final Shim shim = Loader.loadShim();
    private final LibC libc = Loader.loadLibC();
    private final jnr.ffi.Runtime libcRuntime = jnr.ffi.Runtime.getRuntime(libc);

    @Override public String name() { return NAME; }

    @Override public Shim shim() { return shim; }

    @Override public LibC libc() { return libc; }

    /** JNR saves errno after each call declared {@code @SaveError}, in its runtime's thread-local. */
    @Override public int errno() { return libcRuntime.getLastError(); }
}
