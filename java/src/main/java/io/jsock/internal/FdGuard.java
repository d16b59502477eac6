package io.jsock.internal;

import io.jsock.SocketClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Owns one fd and counts the calls that are using it, so that closing is safe:
 * <ul>
 *   <li>a call {@link #enter}s before it touches the fd and {@link #exit}s after;</li>
 *   <li>{@link #close} marks the guard closed; if calls are in flight it has the shim put a dead
 *       socket under the fd number and interrupt the threads blocked on it;</li>
 *   <li>the fd number goes back to the kernel only when the last call has left, so no call
 *       can ever touch a socket opened after the close under the same number.</li>
 * </ul>
 * Two atomic operations per call, no lock and no allocation.
 */
public final class FdGuard {
    private static final int CLOSED = 1;
    private static final int DETACHED = 2;
    private static final int ONE_CALL = 4; // the count of calls in flight lives above the flags

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FdGuard.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int fd;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    public FdGuard(int fd) {
        this.fd = fd;
    }

    /** Registers a call on the fd and returns the fd, or throws when the socket is closed. */
    public int enter(String call) throws SocketClosedException {
        for (;;) {
            int s = (int) STATE.getVolatile(this);
            if ((s & CLOSED) != 0) throw Errors.closed(call);
            if (STATE.compareAndSet(this, s, s + ONE_CALL)) return fd;
        }
    }

    /** Ends a call; the last call out of a closed guard closes the fd. */
    public void exit() {
        release();
    }

    /** Drops one call; if it was the last of a closed guard, closes the fd: its errno, or 0. */
    private int release() {
        int s = (int) STATE.getAndAdd(this, -ONE_CALL) - ONE_CALL;
        if (s != CLOSED) return 0; // calls still in flight, or detached
        return Native.LIBC.close(fd) == 0 ? 0 : Native.errno();
    }

    public boolean isClosed() {
        return ((int) STATE.getVolatile(this) & CLOSED) != 0;
    }

    /** The fd, for reading only (fileno); -1 once closed or detached, as Python's fileno(). */
    public int fd() {
        return isClosed() ? -1 : fd;
    }

    /**
     * Closes. Blocked calls are woken and fail with "socket closed"; the fd number is released
     * when the last of them has returned. Returns the errno of close(2) when it ran here and
     * failed (EBADF: the fd was closed behind the socket's back), else 0: closed, already closed
     * or detached, or left to the last call in flight.
     */
    public int close() {
        int s;
        do {
            s = (int) STATE.getVolatile(this);
            if ((s & CLOSED) != 0) return 0;
            // The close holds a call of its own so the fd cannot be released under preclose.
        } while (!STATE.compareAndSet(this, s, (s | CLOSED) + ONE_CALL));
        if (s >= ONE_CALL) Native.SHIM.jsock_preclose(fd);
        return release();
    }

    /** Gives up the fd without closing it; returns it, or -1 if already closed or detached. */
    public int detach() {
        int s;
        do {
            s = (int) STATE.getVolatile(this);
            if ((s & CLOSED) != 0) return -1;
        } while (!STATE.compareAndSet(this, s, s | CLOSED | DETACHED));
        return fd;
    }
}
