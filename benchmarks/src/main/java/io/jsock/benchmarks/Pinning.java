package io.jsock.benchmarks;

import java.util.Locale;

/**
 * Where ping-pong's two threads run, for C and for Java alike ({@code -Djsock.bench.pin}, which
 * the suite's {@code --pin} sets): {@code off} where the scheduler likes, {@code same} both
 * on CPU 0 (the suite's default for a measured run), {@code split} the sending thread on CPU 0 and the echo thread on CPU 1.
 * The other cases are never pinned.
 */
public enum Pinning {
    OFF(-1, -1),
    SAME(0, 0),
    SPLIT(0, 1);

    public static final String PROPERTY = "jsock.bench.pin";

    private final int mainCpu;
    private final int echoCpu;

    Pinning(int mainCpu, int echoCpu) {
        this.mainCpu = mainCpu;
        this.echoCpu = echoCpu;
    }

    /** The CPU of the thread that sends and times, or -1. */
    public int mainCpu() {
        return mainCpu;
    }

    /** The CPU of the echo thread, or -1. */
    public int echoCpu() {
        return echoCpu;
    }

    public static Pinning of(String name) {
        for (Pinning p : values()) {
            if (p.name().equalsIgnoreCase(name)) return p;
        }
        throw new IllegalArgumentException("pinning is off, same or split, not " + name);
    }

    /** The pinning of this JVM's ping-pong threads. */
    public static Pinning configured() {
        return of(System.getProperty(PROPERTY, "off"));
    }

    /** Pins the calling thread where a ping-pong echo thread belongs, if anywhere. */
    static void pinEchoThread() {
        int cpu = configured().echoCpu();
        if (cpu >= 0) CLib.pin(cpu);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
