package io.jsock.internal;

/** The two bound libraries, loaded once when first used. */
public final class Native {
    public static final Shim SHIM;
    public static final LibC LIBC;
    private static final jnr.ffi.Runtime LIBC_RUNTIME;

    static {
        SHIM = Loader.loadShim();
        LIBC = Loader.loadLibC();
        LIBC_RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
        int r = SHIM.jsock_init();
        if (r < 0) {
            throw new UnsatisfiedLinkError("jsock: the shim could not start (wake-up signal or dead socket): errno " + -r);
        }
    }

    private Native() {}

    /** errno of the last {@link LibC} call on this thread. */
    public static int errno() {
        return LIBC_RUNTIME.getLastError();
    }
}
