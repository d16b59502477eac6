package io.jsock;

import java.time.Duration;

/**
 * Timeouts as the shim takes them: -1 blocks without end, 0 never waits, a positive number of
 * nanoseconds waits at most that long. Python's None, 0.0 and positive seconds.
 */
final class Timeouts {
    static final long BLOCKING = -1;

    private Timeouts() {}

    static void check(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("Timeout value out of range: " + timeout);
        }
    }

    static long toNanos(Duration timeout) {
        if (timeout == null) return BLOCKING;
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // centuries: as good as without end, and still a deadline
        }
    }

    static Duration fromNanos(long nanos) {
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** The time left of a deadline set at {@code start} for {@code timeoutNanos}; at least 0. */
    static long remaining(long timeoutNanos, long start) {
        if (timeoutNanos <= 0) return timeoutNanos;
        long left = timeoutNanos - (System.nanoTime() - start);
        return left > 0 ? left : 0;
    }
}
