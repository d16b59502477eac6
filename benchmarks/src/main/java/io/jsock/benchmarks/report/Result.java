package io.jsock.benchmarks.report;

import io.jsock.benchmarks.CBaseline;
import java.util.SortedMap;

/**
 * One result: a benchmark method (or the C baseline) of a class with its parameters, its time per
 * operation in nanoseconds whatever mode JMH ran in, the 99.9% error of that time (NaN if unknown)
 * and the bytes allocated per operation (NaN where not measured, as for C).
 */
public record Result(String benchmarkClass, String method, SortedMap<String, String> params, double nanosPerOp,
        double errorNanos, double bytesPerOp) {

    public String simpleClass() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    public boolean isC() {
        return method.equals(CBaseline.METHOD);
    }

    public String param(String name) {
        return params.get(name);
    }

    @Override
    public String toString() {
        return simpleClass() + "." + method + params;
    }
}
