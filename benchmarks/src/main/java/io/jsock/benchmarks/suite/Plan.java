package io.jsock.benchmarks.suite;

import io.jsock.benchmarks.Cases;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What a run measures: every benchmark of the jar that the command line's regexps select, once
 * per combination of its parameters (the command line's {@code -p} values where given), in the
 * order the suite runs them: by class and method, then transport and size (slowest), then the
 * other parameters, so that the cases that share a C loop run one after the other.
 */
final class Plan {
    /**
     * One benchmark with one value per parameter; {@code jsock}: it runs once per backend; its
     * class's forks, warm-up and measurement (JMH's defaults where the class has none).
     */
    record Combination(String benchmark, SortedMap<String, String> params, boolean jsock, int forks, int warmupIterations,
            TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {
        String simpleName() {
            String c = benchmark.substring(0, benchmark.lastIndexOf('.'));
            return c.substring(c.lastIndexOf('.') + 1) + benchmark.substring(benchmark.lastIndexOf('.')) + params;
        }
    }

    private Plan() {}

    static List<Combination> of(Options options) {
        List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        List<Combination> plan = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(quiet, VerboseMode.SILENT), includes, options.getExcludes())) {
            Map<String, String[]> declared = e.getParams().orElse(Map.of());
            Map<String, List<String>> values = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(declared.keySet());
            keys.sort(Comparator.comparingInt(Plan::nesting).thenComparing(Comparator.naturalOrder()));
            for (String k : keys) {
                Collection<String> given = options.getParameter(k).orElse(null);
                values.put(k, given != null ? List.copyOf(given) : Arrays.asList(declared.get(k)));
            }
            for (SortedMap<String, String> p : product(values)) {
                plan.add(new Combination(e.getUsername(), p, Cases.usesJsock(e.getUsername(), p::get),
                        options.getForkCount().orElse(e.getForks().orElse(Defaults.MEASUREMENT_FORKS)),
                        options.getWarmupIterations().orElse(e.getWarmupIterations().orElse(Defaults.WARMUP_ITERATIONS)),
                        options.getWarmupTime().orElse(e.getWarmupTime().orElse(Defaults.WARMUP_TIME)),
                        options.getMeasurementIterations().orElse(
                                e.getMeasurementIterations().orElse(Defaults.MEASUREMENT_ITERATIONS)),
                        options.getMeasurementTime().orElse(e.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME))));
            }
        }
        return plan;
    }

    /** Transport, then size, vary slowest. */
    private static int nesting(String key) {
        return switch (key) {
            case "transport" -> 0;
            case "size" -> 1;
            default -> 2;
        };
    }

    private static List<SortedMap<String, String>> product(Map<String, List<String>> values) {
        List<SortedMap<String, String>> out = new ArrayList<>();
        out.add(new TreeMap<>());
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<SortedMap<String, String>> next = new ArrayList<>();
            for (SortedMap<String, String> partial : out) {
                for (String v : e.getValue()) {
                    SortedMap<String, String> p = new TreeMap<>(partial);
                    p.put(e.getKey(), v);
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }
}
