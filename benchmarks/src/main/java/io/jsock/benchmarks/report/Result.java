package io.jsock.benchmarks.report;

import java.util.SortedMap;

/**
 * One result: a benchmark method of a class with its parameters, on one backend, as the rounds
 * of its forks measured it: per round the Java case's time per operation and that of its C loop
 * around it (the mean of the C measurements just before and just after the round), in
 * nanoseconds; and the bytes allocated per operation (NaN where not measured).
 */
public record Result(String benchmarkClass, String method, SortedMap<String, String> params, Backend backend,
        double[] javaNanos, double[] cNanos, double bytesPerOp, Loop loop, String pin) {

    /** The C loop of a result: its case, transport and size (0 for connect). */
    public record Loop(String kase, String transport, int size) {
        /** e.g. "UNIX · 64 B", "TCP" (connect). */
        String groupLabel() {
            return transport + (size > 0 ? " · " + size + " B" : "");
        }

        /** e.g. "stream UNIX 64 B". */
        String label() {
            return kase + " " + transport + (size > 0 ? " " + size + " B" : "");
        }
    }

    public String simpleClass() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    public String param(String name) {
        return params.get(name);
    }

    public int rounds() {
        return javaNanos.length;
    }

    /** The median of the rounds' time per operation. */
    public double nanosPerOp() {
        return Stats.of(javaNanos).median();
    }

    /** The median of the C loop's time per operation around the rounds. */
    public double cNanosPerOp() {
        return Stats.of(cNanos).median();
    }

    /** Per round: the case's time over its C loop's, which the load of that moment weighs on alike. */
    public double[] normalized() {
        return Stats.ratios(javaNanos, cNanos);
    }

    /** The per-round ratios to C: their median and spread. */
    public Stats.Summary ratioToC() {
        return Stats.of(normalized());
    }

    /** The ratio to another result from other rounds: the all-pairs ratios of both results' per-round ratios to C. */
    public Stats.Summary ratioTo(Result other) {
        return Stats.of(Stats.allPairRatios(normalized(), other.normalized()));
    }

    @Override
    public String toString() {
        return simpleClass() + "." + method + params + " " + backend.label();
    }
}
