package io.jsock.benchmarks;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.Function;

/** What the suite and the forks need to know of a benchmark: does it run jsock, and which C loop brackets it. */
public final class Cases {
    private Cases() {}

    /** A C loop with its transport and size, as loops.h's jsock_bench_open takes them. */
    public record Loop(CLoop.Case kase, String transport, int size) {
        /** e.g. "stream UNIX 64 B", "connect TCP". */
        public String label() {
            return kase.name().toLowerCase(Locale.ROOT) + " " + transport + (size > 0 ? " " + size + " B" : "");
        }
    }

    /**
     * Whether a benchmark ({@code class.method}) with these parameters measures jsock, and so runs
     * once per backend: not a {@link PeerBenchmark}, and, where it has a parameter {@code peer},
     * a jsock peer.
     */
    public static boolean usesJsock(String benchmark, Function<String, String> param) {
        if (method(benchmark).isAnnotationPresent(PeerBenchmark.class)) return false;
        String peer = param.apply("peer");
        return peer == null || peer.startsWith("JSOCK_");
    }

    /** The C loop of a benchmark with these parameters (the method's {@link CLoop}, else its class's). */
    public static Loop loopOf(String benchmark, Function<String, String> param) {
        Method m = method(benchmark);
        CLoop loop = m.getAnnotation(CLoop.class);
        if (loop == null) loop = m.getDeclaringClass().getAnnotation(CLoop.class);
        if (loop == null) throw new IllegalStateException(benchmark + " has no @CLoop (on its method or its class)");
        CLoop.Case kase = CLoop.Case.of(loop.value());
        String transport = loop.transport().isEmpty() ? param.apply("transport") : loop.transport();
        if (transport == null) throw new IllegalStateException(benchmark + ": @CLoop names no transport and there is no parameter transport");
        int size = loop.size();
        if (size == 0 && kase != CLoop.Case.CONNECT) {
            String p = param.apply("size");
            if (p == null) throw new IllegalStateException(benchmark + ": @CLoop names no size and there is no parameter size");
            size = Integer.parseInt(p);
        }
        kase.transportCode(transport); // refuses a transport the case does not have
        return new Loop(kase, transport, kase == CLoop.Case.CONNECT ? 0 : size);
    }

    private static Method method(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        try {
            Class<?> c = Class.forName(benchmark.substring(0, dot), false, Cases.class.getClassLoader());
            for (Method m : c.getMethods()) {
                if (m.getName().equals(benchmark.substring(dot + 1))) return m;
            }
            throw new IllegalStateException("no method " + benchmark);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class of " + benchmark + " is not on the class path", e);
        }
    }
}
