package io.jsock.internal;

/**
 * One way of reaching the native functions that {@link LibC} and {@link Shim} declare: JNR-FFI
 * ({@link JnrBackend}, Java 17+) or the FFM API ({@code FfmBackend}, Java 22+, in the jar's
 * META-INF/versions/22 only). {@link Native} picks one when it is initialised; nothing else knows
 * which one it is.
 */
interface Backend {
    /** "jnr" or "ffm", the values of {@code -Djsock.backend}. */
    String name();

    Shim shim();

    LibC libc();

    /** errno of this thread's last {@link LibC} call. */
    int errno();
}
