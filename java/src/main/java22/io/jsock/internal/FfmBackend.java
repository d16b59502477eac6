package io.jsock.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Set;

/**
 * The native functions through the FFM API (Java 22+): libjsock from the file {@link Loader} locates,
 * libc from the linker's default lookup. No JNR, jffi or sun.misc.Unsafe class is touched; the
 * module (or, on the class path, ALL-UNNAMED) needs {@code --enable-native-access}.
 */
final class FfmBackend implements Backend {
    /**
     * Calls that return at once whatever the socket's state (no wait, no lock held for long, no
     * file system, no DNS): linked as critical calls. A call that may block (send, recv, accept,
     * connect, poll, close, the look-ups, ioctl) never is, since a critical call holds off the GC.
     */
    private static final Set<String> SHORT_SHIM = Set.of(
            "jsock_const_count", "jsock_const_name", "jsock_const_value",
            "jsock_layout_count", "jsock_layout_name", "jsock_layout_value",
            "jsock_strerror", "jsock_gai_strerror", "jsock_hstrerror", "jsock_wake_signal", "jsock_gettid",
            "jsock_dup_cloexec", "jsock_get_status_flags", "jsock_set_status_flag", "jsock_get_cloexec", "jsock_set_cloexec",
            "jsock_cmsg_len", "jsock_cmsg_space", "jsock_cmsg_data_offset", "jsock_cmsg_put", "jsock_cmsg_parse");
    private static final Set<String> SHORT_LIBC = Set.of(
            "getsockname", "getpeername", "getsockopt", "getpid", "inet_pton", "inet_aton", "inet_ntop");

    private final Shim shim;
    private final LibC libc;

    FfmBackend() {
        Path library = Loader.library();
        SymbolLookup jsock;
        try {
            jsock = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError("jsock: native library unavailable: could not load "
                    + library + ": " + e.getMessage()).initCause(e);
        }
        // Shim functions return -errno themselves; libc's set errno, which each call captures.
        shim = FfmLibrary.bind(Shim.class, jsock, false, SHORT_SHIM);
        libc = FfmLibrary.bind(LibC.class, Linker.nativeLinker().defaultLookup(), true, SHORT_LIBC);
    }

    @Override public String name() { return Native.FFM; }

    @Override public Shim shim() { return shim; }

    @Override public LibC libc() { return libc; }

    @Override public int errno() { return FfmErrno.last(); }
}
