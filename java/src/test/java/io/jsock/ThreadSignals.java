package io.jsock;

import io.jsock.internal.Native;
import jnr.ffi.LibraryLoader;

/**
 * Sends a signal to one thread, so a test can interrupt a blocked system call with EINTR. The
 * signal is the one jsock wakes threads with: its handler, installed without SA_RESTART, does
 * nothing, so the only effect is the interrupted call.
 */
final class ThreadSignals {
    /** libc's thread calls, for tests only. */
    public interface Threads {
        int gettid();

        int getpid();

        int tgkill(int tgid, int tid, int sig);
    }

    private static final Threads LIBC = LibraryLoader.create(Threads.class).load("libc.so.6");

    private ThreadSignals() {}

    /** The kernel's id of the calling thread. */
    static int currentTid() {
        return LIBC.gettid();
    }

    /** Interrupts whatever system call thread {@code tid} of this process is in. */
    static void interrupt(int tid) {
        if (LIBC.tgkill(LIBC.getpid(), tid, Native.SHIM.jsock_wake_signal()) != 0) {
            throw new AssertionError("tgkill failed for thread " + tid);
        }
    }
}
