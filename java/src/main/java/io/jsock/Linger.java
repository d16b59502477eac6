package io.jsock;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;

/**
 * The value of {@link SockOpt#SO_LINGER}, {@code struct linger}: whether close lingers to send
 * what is queued, and for how many whole seconds at most. Seconds rather than a Duration because
 * the kernel counts whole seconds, so every value round-trips exactly.
 *
 * <p>The record takes any value the kernel can report: l_linger is a C int, and one set through
 * the raw form {@code setSockOpt(SOL_SOCKET, SO_LINGER, bytes)} may read back negative. Refusing
 * it would make the option unreadable, so only {@link #seconds(int)} checks the sign.
 */
public record Linger(boolean on, int seconds) {
    static final int SIZE = Consts.sizeOf("linger");
    private static final int ONOFF = Consts.offsetOf("linger", "l_onoff");
    private static final int LINGER = Consts.offsetOf("linger", "l_linger");

    /** Linger off: close returns at once and the kernel sends what is queued in the background. */
    public static final Linger OFF = new Linger(false, 0);

    /** Linger on for at most {@code seconds} (0 or more); zero makes close reset the connection. */
    public static Linger seconds(int seconds) {
        if (seconds < 0) throw new IllegalArgumentException("negative linger time: " + seconds + " s");
        return new Linger(true, seconds);
    }

    static Linger decode(ByteBuffer in, int offset) {
        return new Linger(in.getInt(offset + ONOFF) != 0, in.getInt(offset + LINGER));
    }

    void encode(ByteBuffer out, int offset) {
        out.putInt(offset + ONOFF, on ? 1 : 0).putInt(offset + LINGER, seconds);
    }
}
