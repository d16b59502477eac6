package io.jsock.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
            "jsock_table_text",
            "jsock_strerror", "jsock_gai_strerror", "jsock_hstrerror", "jsock_wake_signal", "jsock_gettid",
            "jsock_dup_cloexec", "jsock_get_status_flags", "jsock_set_status_flag", "jsock_get_cloexec", "jsock_set_cloexec",
            "jsock_cmsg_len", "jsock_cmsg_space", "jsock_cmsg_data_offset", "jsock_cmsg_put", "jsock_cmsg_parse");
    private static final Set<String> SHORT_LIBC = Set.of(
            "getsockname", "getpeername", "getsockopt", "getpid", "inet_pton", "inet_aton", "inet_ntop");

    private static final int RTLD_NOW = 2;

    private final Shim shim;
    private final LibC libc;

    FfmBackend() {
        // Shim functions return -errno themselves; libc's set errno, which each call captures.
        shim = Loader.withLibrary(library -> FfmLibrary.bind(Shim.class, open(library), false, SHORT_SHIM));
        libc = FfmLibrary.bind(LibC.class, Linker.nativeLinker().defaultLookup(), true, SHORT_LIBC);
    }

    /**
     * The library's symbols. The FFM API's refusal says only "Cannot open library"; dlopen's own
     * words (a noexec mount's "failed to map segment", a wrong architecture) are what Loader turns
     * into advice, so they are asked of dlerror(3) then.
     */
    private static SymbolLookup open(Path library) {
        try {
            return SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + dlerror(library), e);
        }
    }

    private static String dlerror(Path library) {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle dlopen = linker.downcallHandle(libc.find("dlopen").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle dlerror = linker.downcallHandle(libc.find("dlerror").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(library.toString()), RTLD_NOW);
            if (handle.address() != 0) return "(dlopen succeeded on a second try)";
            MemorySegment text = (MemorySegment) dlerror.invokeExact();
            return text.address() == 0 ? "(no dlerror)" : text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "(dlerror unavailable: " + t + ")";
        }
    }

    @Override public String name() { return Native.FFM; }

    @Override public Shim shim() { return shim; }

    @Override public LibC libc() { return libc; }

    @Override public int errno() { return FfmErrno.last(); }
}
