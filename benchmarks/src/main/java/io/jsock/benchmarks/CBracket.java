package io.jsock.benchmarks;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The C loop of a benchmark ({@link CLoop}), measured in the same fork and on the same thread as
 * the benchmark, just before its first measurement iteration and just after each one: C, J1, C,
 * J2, C, ... (the first C after a short unmeasured run of the loop). Each iteration of the Java case is so bracketed by two C measurements taken the
 * moment before and the moment after it, under the same load, and the report divides the one by
 * the mean of the other two, per round. JMH runs these hooks outside its timed loop; they allocate
 * nothing on the Java heap (the C loop takes primitives), so -prof gc's figures are the case's own.
 *
 * <p>Each C measurement runs a fixed number of operations, found before the first iteration so
 * that one takes about {@code -Djsock.bench.cMillis} (default {@value #DEFAULT_C_MILLIS}) ms. The
 * trial's record (the benchmark, its parameters, the JDK, the jsock backend asked for and the one
 * that ran, the pinning, the C figures) is appended as one JSON line to the file
 * {@code -Djsock.bench.brackets} when the JVM exits (or at {@link #flush()}), never inside a
 * measured iteration. Ping-pong's threads are pinned as {@link Pinning} says.
 */
@State(Scope.Thread)
public class CBracket {
    public static final String BRACKETS = "jsock.bench.brackets";
    public static final String C_MILLIS = "jsock.bench.cMillis";
    public static final String RUN = "jsock.bench.run";
    public static final long DEFAULT_C_MILLIS = 200;

    private static final List<CBracket> TRIALS = new ArrayList<>();
    private static boolean hookInstalled;

    private CLib.Functions lib;
    private long handle;
    private long ops;
    private double[] nanosPerOp;
    private int taken;
    private boolean pinned;
    private JsonObject record;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        Cases.Loop loop = Cases.loopOf(benchmark, params::getParam);
        boolean jsock = Cases.usesJsock(benchmark, params::getParam);
        lib = CLib.get();
        Pinning pin = loop.kase() == CLoop.Case.PINGPONG ? Pinning.configured() : Pinning.OFF;
        if (pin.mainCpu() >= 0) {
            CLib.pin(pin.mainCpu());
            pinned = true;
        }
        handle = CLib.check(lib.jsock_bench_open(loop.kase().ordinal(), loop.kase().transportCode(loop.transport()),
                loop.size(), pin.echoCpu()), "open " + loop.label());
        ops = calibrate(Long.getLong(C_MILLIS, DEFAULT_C_MILLIS) * 1_000_000L);
        nanosPerOp = new double[params.getMeasurement().getCount() + 1];

        record = new JsonObject();
        record.addProperty("run", System.getProperty(RUN, ""));
        record.addProperty("benchmark", benchmark);
        JsonObject p = new JsonObject();
        for (String key : params.getParamsKeys()) p.addProperty(key, params.getParam(key));
        record.add("params", p);
        record.addProperty("jdk", System.getProperty("java.version"));
        record.addProperty("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        record.addProperty("backendAsked", System.getProperty("jsock.backend", ""));
        record.addProperty("backend", jsock ? backend() : "-");
        record.addProperty("pin", pin.name().toLowerCase(java.util.Locale.ROOT));
        JsonObject l = new JsonObject();
        l.addProperty("case", loop.kase().name().toLowerCase(java.util.Locale.ROOT));
        l.addProperty("transport", loop.transport());
        l.addProperty("size", loop.size());
        record.add("loop", l);
        record.addProperty("ops", ops);
        register(this);
    }

    @Setup(Level.Iteration)
    public void beforeIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT && taken == 0) {
            // The C loop has not run since its calibration: a short run brings its sockets, caches
            // and branch history back to where every later measurement finds them.
            CLib.check(lib.jsock_bench_run(handle, Math.max(1, ops / 4)), "run");
            measure();
        }
    }

    @TearDown(Level.Iteration)
    public void afterIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) measure();
    }

    @TearDown(Level.Trial)
    public void close() {
        CLib.check(lib.jsock_bench_close(handle), "close");
        handle = 0;
        if (pinned) CLib.pin(-1);
        pinned = false;
    }

    private void measure() {
        long ns = CLib.check(lib.jsock_bench_run(handle, ops), "run");
        if (taken < nanosPerOp.length) nanosPerOp[taken++] = (double) ns / ops;
    }

    /** The operations that take about {@code targetNanos}: doubled until a run takes a quarter of it, then scaled. */
    private long calibrate(long targetNanos) {
        long n = 1;
        long ns = CLib.check(lib.jsock_bench_run(handle, n), "run");
        while (ns < Math.max(targetNanos / 4, 1_000_000L) && n < (1L << 40)) {
            n *= 2;
            ns = CLib.check(lib.jsock_bench_run(handle, n), "run");
        }
        return Math.max(1, Math.round((double) n * targetNanos / Math.max(ns, 1)));
    }

    /**
     * The jsock backend that runs, from {@code io.jsock.internal.Native.backend()} where this
     * jsock has it (the FFM work adds it), else "unknown".
     */
    static String backend() {
        try {
            Object name = Class.forName("io.jsock.internal.Native").getMethod("backend").invoke(null);
            return String.valueOf(name);
        } catch (NoSuchMethodException | ClassNotFoundException | IllegalAccessException e) {
            return "unknown";
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("io.jsock.internal.Native.backend() failed: " + e.getCause(), e.getCause());
        }
    }

    private static synchronized void register(CBracket trial) {
        TRIALS.add(trial);
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(CBracket::flush, "jsock brackets"));
            hookInstalled = true;
        }
    }

    /** Appends the records of the trials so far to {@code -Djsock.bench.brackets}, and forgets them. */
    public static synchronized void flush() {
        String file = System.getProperty(BRACKETS);
        if (TRIALS.isEmpty() || file == null || file.isEmpty()) return;
        StringBuilder lines = new StringBuilder();
        Gson gson = new Gson();
        for (CBracket t : TRIALS) {
            JsonArray values = new JsonArray();
            for (int i = 0; i < t.taken; i++) values.add(t.nanosPerOp[i]);
            t.record.add("cNanosPerOp", values);
            lines.append(gson.toJson(t.record)).append('\n');
        }
        TRIALS.clear();
        try {
            Files.writeString(Path.of(file), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
