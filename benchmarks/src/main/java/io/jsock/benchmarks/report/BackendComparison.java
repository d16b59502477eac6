package io.jsock.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * jsock's FFM backend against its JNR-FFI backend, case by case: each jsock result of a run that
 * asked for FFM beside the result of the same benchmark and parameters from the run that asked
 * for JNR. The ratio is the median of the all-pairs ratios of the two results' per-round ratios
 * to C: each backend's rounds are first divided by the C measurements around them, in their own
 * fork, so the load of either moment cancels out.
 */
record BackendComparison(List<Pair> pairs) {
    /** One case on both backends: FFM's time over JNR's, with its spread. */
    record Pair(Result jnr, Result ffm, Stats.Summary ratio) {
        String simpleClass() {
            return ffm.simpleClass();
        }

        /** e.g. "sendRecv · UNIX · 64 B · jsock direct buffer". */
        String label() {
            List<String> parts = new ArrayList<>();
            parts.add(ffm.method());
            String group = Comparison.describe(ffm.params(), Set.of("transport", "size"));
            if (!group.isEmpty()) parts.add(group);
            ffm.params().forEach((k, v) -> {
                if (!k.equals("transport") && !k.equals("size")) parts.add(Comparison.readable(k, v, true));
            });
            return String.join(" · ", parts);
        }
    }

    static BackendComparison of(List<Result> results) {
        List<Pair> pairs = new ArrayList<>();
        for (Result ffm : results) {
            if (!ffm.backend().runsJsock() || !ffm.backend().askedFfm()) continue;
            for (Result jnr : results) {
                if (jnr != ffm && jnr.backend().runsJsock() && !jnr.backend().askedFfm()
                        && jnr.benchmarkClass().equals(ffm.benchmarkClass()) && jnr.method().equals(ffm.method())
                        && jnr.params().equals(ffm.params())) {
                    pairs.add(new Pair(jnr, ffm, ffm.ratioTo(jnr)));
                    break;
                }
            }
        }
        return new BackendComparison(pairs);
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }
}
