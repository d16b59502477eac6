package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Joins JMH's results (jmh.json) with the C measurements of their forks (c.json) into
 * {@link Result}s: each fork of a JMH entry has one C record, the one of the same run, benchmark
 * and parameters, in the order the forks ran; its m measurement iterations are the fork's rounds,
 * and its m + 1 C measurements bracket them. The entries of one benchmark, parameters and backend
 * (several forks, run one at a time) become one result with all their rounds.
 */
final class Rounds {
    /** The allocation per operation from {@code -prof gc}; older JMH versions put a middle dot before it. */
    private static final List<String> ALLOCATION_KEYS = List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm");

    /** The joined results, what could not be joined, and every C record as read. */
    record Joined(List<Result> results, List<String> problems, List<JsonObject> cRecords) {}

    private Rounds() {}

    static Joined join(JsonArray jmh, JsonArray c) {
        List<String> problems = new ArrayList<>();
        List<JsonObject> records = new ArrayList<>();
        Map<String, Deque<JsonObject>> byKey = new HashMap<>();
        for (JsonElement e : c) {
            JsonObject r = e.getAsJsonObject();
            records.add(r);
            byKey.computeIfAbsent(key(r.get("run").getAsString(), r.get("benchmark").getAsString(), params(r)),
                    k -> new ArrayDeque<>()).add(r);
        }

        Map<String, Merged> merged = new LinkedHashMap<>();
        for (JsonElement element : jmh) {
            JsonObject e = element.getAsJsonObject();
            String benchmark = e.get("benchmark").getAsString();
            SortedMap<String, String> params = params(e);
            String run = e.has("jsock") ? e.getAsJsonObject("jsock").get("run").getAsString() : "";
            String what = simple(benchmark) + params + " (run " + run + ")";
            JsonObject metric = e.getAsJsonObject("primaryMetric");
            String unit = metric.get("scoreUnit").getAsString();
            double[] bytes = allocation(e);
            Deque<JsonObject> brackets = byKey.getOrDefault(key(run, benchmark, params), new ArrayDeque<>());
            for (JsonElement forkElement : metric.getAsJsonArray("rawData")) {
                JsonArray fork = forkElement.getAsJsonArray();
                JsonObject record = brackets.poll();
                if (record == null) {
                    problems.add(what + ": a fork without C measurements");
                    continue;
                }
                double[] java = new double[fork.size()];
                for (int i = 0; i < java.length; i++) java[i] = ResultFile.nanosPerOp(fork.get(i).getAsDouble(), unit);
                JsonArray cValues = record.getAsJsonArray("cNanosPerOp");
                double[] cRaw = new double[cValues.size()];
                for (int i = 0; i < cRaw.length; i++) cRaw[i] = cValues.get(i).getAsDouble();
                if (cRaw.length < java.length + 1) {
                    problems.add(what + ": " + java.length + " rounds but " + cRaw.length + " C measurements");
                    continue;
                }
                Backend backend = new Backend(feature(record.get("jdk").getAsString()),
                        record.get("backendAsked").getAsString(), record.get("backend").getAsString());
                JsonObject l = record.getAsJsonObject("loop");
                Result.Loop loop = new Result.Loop(l.get("case").getAsString(), l.get("transport").getAsString(),
                        l.get("size").getAsInt());
                String k = benchmark + " " + params + " " + backend;
                merged.computeIfAbsent(k, x -> new Merged(benchmark, params, backend, loop, record.get("pin").getAsString()))
                        .add(java, Stats.bracketMeans(cRaw, java.length), bytes);
            }
        }
        List<Result> results = new ArrayList<>();
        merged.values().forEach(m -> results.add(m.result()));
        return new Joined(results, problems, records);
    }

    /** The rounds of one benchmark, parameters and backend, gathered over its forks. */
    private static final class Merged {
        final String benchmark;
        final SortedMap<String, String> params;
        final Backend backend;
        final Result.Loop loop;
        final String pin;
        final List<double[]> java = new ArrayList<>();
        final List<double[]> c = new ArrayList<>();
        final List<double[]> bytes = new ArrayList<>();

        Merged(String benchmark, SortedMap<String, String> params, Backend backend, Result.Loop loop, String pin) {
            this.benchmark = benchmark;
            this.params = params;
            this.backend = backend;
            this.loop = loop;
            this.pin = pin;
        }

        void add(double[] javaRounds, double[] cRounds, double[] allocation) {
            java.add(javaRounds);
            c.add(cRounds);
            bytes.add(allocation);
        }

        Result result() {
            int dot = benchmark.lastIndexOf('.');
            return new Result(benchmark.substring(0, dot), benchmark.substring(dot + 1), params, backend,
                    Stats.concat(java), Stats.concat(c), Stats.of(Stats.concat(bytes)).median(), loop, pin);
        }
    }

    /**
     * -prof gc's allocation per operation of each of the entry's iterations (its score, the mean,
     * where JMH kept no iterations; none without -prof gc). The result's figure is their median:
     * each fork's last iteration also counts what JMH and the tear-down allocate once at the end
     * of the trial, which is not the case's; the median is what the steady state allocates.
     */
    static double[] allocation(JsonObject e) {
        if (!e.has("secondaryMetrics")) return new double[0];
        JsonObject secondary = e.getAsJsonObject("secondaryMetrics");
        for (String k : ALLOCATION_KEYS) {
            if (!secondary.has(k)) continue;
            JsonObject m = secondary.getAsJsonObject(k);
            List<double[]> forks = new ArrayList<>();
            if (m.has("rawData")) {
                for (JsonElement fork : m.getAsJsonArray("rawData")) {
                    JsonArray a = fork.getAsJsonArray();
                    double[] v = new double[a.size()];
                    for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
                    forks.add(v);
                }
            }
            double[] all = Stats.concat(forks);
            return all.length > 0 ? all : new double[] {m.get("score").getAsDouble()};
        }
        return new double[0];
    }

    private static SortedMap<String, String> params(JsonObject o) {
        SortedMap<String, String> params = new TreeMap<>();
        if (o.has("params")) {
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        return params;
    }

    private static String key(String run, String benchmark, SortedMap<String, String> params) {
        return run + " " + benchmark + " " + params;
    }

    private static String simple(String benchmark) {
        String c = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return c.substring(c.lastIndexOf('.') + 1) + benchmark.substring(benchmark.lastIndexOf('.'));
    }

    /** The feature release of a java.version: 17 of 17.0.21.1, 25 of 25.0.3, 8 of 1.8.0_402. */
    static int feature(String version) {
        String[] f = version.split("[.\\-+_]");
        int first = Integer.parseInt(f[0]);
        return first == 1 && f.length > 1 ? Integer.parseInt(f[1]) : first;
    }
}
