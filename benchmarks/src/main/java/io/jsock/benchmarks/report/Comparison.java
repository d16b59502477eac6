package io.jsock.benchmarks.report;

import io.jsock.benchmarks.Baseline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The results of one benchmark class, each set beside its baseline, in groups. A class without a
 * {@link Baseline} is compared with C: one group per C loop (transport and size), opened by a row
 * for the C loop itself (all its measurements in the group), and each result's ratio is the
 * median of its per-round ratios to the C measurements around it. A class with a {@link Baseline}
 * is compared with that Java result of the same parameters and the same kind of run (JDK and
 * backend; the one run of a peer where it ran only once): each ratio is the median of the
 * all-pairs ratios of both results' per-round ratios to C, which takes out the load of each one's
 * moment.
 */
record Comparison(String benchmarkClass, String baselineLabel, List<Group> groups, List<String> problems) {

    /** Results that share a baseline; {@code label} names what they share (e.g. "UNIX · 64 B"). */
    record Group(String label, List<Row> rows) {}

    /**
     * A row: a result (null for the C row), its label within the group, its ratio to the group's
     * baseline with that ratio's spread, and whether it is the baseline itself.
     */
    record Row(Result result, String label, Stats.Summary ratio, boolean isBaseline, Stats.Summary c) {
        /** The result's median time per operation, or the C loop's for the C row. */
        double nanosPerOp() {
            return result == null ? c.median() : result.nanosPerOp();
        }

        /** How the chart names the bar: the label, and the backend of a jsock result. */
        String chartLabel() {
            if (result == null || !result.backend().runsJsock()) return label;
            return label + " · " + result.backend().shortName();
        }
    }

    String simpleClass() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    /** One comparison per benchmark class, in the order the classes first appear. */
    static List<Comparison> of(List<Result> results) {
        Map<String, List<Result>> byClass = new LinkedHashMap<>();
        for (Result r : results) byClass.computeIfAbsent(r.benchmarkClass(), k -> new ArrayList<>()).add(r);
        List<Comparison> out = new ArrayList<>();
        byClass.forEach((c, rs) -> out.add(of(c, rs)));
        return out;
    }

    private static Comparison of(String benchmarkClass, List<Result> results) {
        Baseline b = baselineOf(benchmarkClass);
        return b == null ? againstC(benchmarkClass, results) : againstJava(benchmarkClass, b, results);
    }

    private static Baseline baselineOf(String benchmarkClass) {
        try {
            return Class.forName(benchmarkClass, false, Comparison.class.getClassLoader()).getAnnotation(Baseline.class);
        } catch (ClassNotFoundException e) {
            return null; // compared with C, as every class's results carry their C loop
        }
    }

    /** Groups per C loop, each opened by the C row; ratios are the per-round ratios to C. */
    private static Comparison againstC(String benchmarkClass, List<Result> results) {
        Map<Result.Loop, List<Result>> byLoop = new LinkedHashMap<>();
        for (Result r : results) byLoop.computeIfAbsent(r.loop(), k -> new ArrayList<>()).add(r);
        List<Group> groups = new ArrayList<>();
        Set<String> groupKeys = Set.of("transport", "size");
        boolean withMethod = needsMethod(results, r -> groupKeys);
        byLoop.forEach((loop, members) -> {
            List<Row> rows = new ArrayList<>();
            Stats.Summary c = Stats.of(Stats.concat(members.stream().map(Result::cNanos).toList()));
            rows.add(new Row(null, "C", Stats.Summary.ONE, true, c));
            for (Result r : members) {
                rows.add(new Row(r, label(r, groupKeys, withMethod), r.ratioToC(), false, Stats.of(r.cNanos())));
            }
            groups.add(new Group(loop.groupLabel(), rows));
        });
        return new Comparison(benchmarkClass, "C", groups, List.of());
    }

    /** Groups per baseline result; ratios are all-pairs ratios of the per-round ratios to C. */
    private static Comparison againstJava(String benchmarkClass, Baseline b, List<Result> results) {
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String p : b.params()) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(benchmarkClass + ": @Baseline parameter not name=value: " + p);
            fixed.put(p.substring(0, eq), p.substring(eq + 1));
        }
        List<String> problems = new ArrayList<>();
        Map<Result, List<Result>> byBaseline = new LinkedHashMap<>();
        List<Result> orphans = new ArrayList<>();
        for (Result r : results) {
            Result base = baselineOf(r, results, b.method(), fixed, problems);
            if (base == null) {
                orphans.add(r);
            } else {
                byBaseline.computeIfAbsent(base, k -> new ArrayList<>()).add(r);
            }
        }
        // The baselines' backends go into the group's name where the class has baselines on several.
        boolean backendInLabel = byBaseline.keySet().stream().map(r -> r.backend().label()).distinct().count() > 1;
        Map<Result, Set<String>> keysOf = new java.util.HashMap<>();
        byBaseline.forEach((base, members) -> {
            Set<String> keys = new HashSet<>(base.params().keySet());
            keys.removeAll(fixed.keySet());
            members.forEach(m -> keysOf.put(m, keys));
        });
        boolean withMethod = needsMethod(results.stream().filter(keysOf::containsKey).toList(), keysOf::get);
        List<Group> groups = new ArrayList<>();
        List<Result> baselines = new ArrayList<>(byBaseline.keySet());
        baselines.sort(java.util.Comparator.comparingInt(results::indexOf)); // the order the baselines ran in
        for (Result base : baselines) {
            List<Result> members = byBaseline.get(base);
            Set<String> groupKeys = keysOf.get(base);
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(base, label(base, groupKeys, withMethod), Stats.Summary.ONE, true, Stats.of(base.cNanos())));
            for (Result r : members) {
                if (r != base) rows.add(new Row(r, label(r, groupKeys, withMethod), r.ratioTo(base), false, Stats.of(r.cNanos())));
            }
            String label = describe(base.params(), groupKeys);
            if (backendInLabel) label = (label.isEmpty() ? "" : label + " · ") + base.backend().label();
            groups.add(new Group(label, rows));
        }
        if (!orphans.isEmpty()) {
            List<Row> rows = orphans.stream().map(r -> new Row(r, r.method() + " " + describe(r.params(), r.params().keySet()),
                    Stats.Summary.NONE, false, Stats.of(r.cNanos()))).toList();
            groups.add(new Group("without a baseline", rows));
        }
        return new Comparison(benchmarkClass, b.label(), groups, problems);
    }

    /**
     * The baseline of r: a result of the baseline method whose fixed parameters have the fixed
     * values and whose others have r's values, from the same kind of run as r where there is one
     * (a peer's baseline runs once, on the reference JDK). Null, with a problem noted, if none.
     */
    private static Result baselineOf(Result r, List<Result> all, String method, Map<String, String> fixed,
            List<String> problems) {
        List<Result> candidates = new ArrayList<>();
        for (Result o : all) {
            if (o.method().equals(method) && matches(o, r, fixed)) candidates.add(o);
        }
        List<Result> sameRun = candidates.stream().filter(o -> o.backend().sameRun(r.backend())).toList();
        if (sameRun.size() == 1) return sameRun.get(0);
        if (sameRun.isEmpty() && candidates.size() == 1) return candidates.get(0);
        problems.add(r + ": " + (candidates.isEmpty() ? "no baseline" : "several baselines " + candidates) + " (" + method
                + (fixed.isEmpty() ? "" : " " + fixed) + ")");
        return null;
    }

    /** Whether b can be r's baseline: b's fixed parameters have the fixed values, the others r's values where r has them. */
    private static boolean matches(Result b, Result r, Map<String, String> fixed) {
        for (Map.Entry<String, String> p : b.params().entrySet()) {
            String want = fixed.containsKey(p.getKey()) ? fixed.get(p.getKey()) : r.param(p.getKey());
            if (want != null && !want.equals(p.getValue())) return false;
        }
        for (Map.Entry<String, String> f : fixed.entrySet()) {
            if (!f.getValue().equals(b.param(f.getKey()))) return false;
        }
        return true;
    }

    /** Whether labels need the method name: when their parameters alone give two methods of the class the same label. */
    private static boolean needsMethod(List<Result> results, java.util.function.Function<Result, Set<String>> groupKeys) {
        Map<String, Set<String>> methods = new java.util.HashMap<>();
        for (Result r : results) {
            Set<String> m = methods.computeIfAbsent(label(r, groupKeys.apply(r), false), k -> new HashSet<>());
            m.add(r.method());
            if (m.size() > 1) return true;
        }
        return false;
    }

    private static String label(Result r, Set<String> groupKeys, boolean withMethod) {
        SortedMap<String, String> own = new TreeMap<>(r.params());
        own.keySet().removeAll(groupKeys);
        String params = own.entrySet().stream().map(p -> readable(p.getKey(), p.getValue(), true))
                .collect(Collectors.joining(" "));
        if (!withMethod) return params;
        return params.isEmpty() ? r.method() : r.method() + " · " + params;
    }

    /** Parameters for a group's title, words before numbers: enum values as they are (UNIX), sizes in bytes, others name=value. */
    static String describe(SortedMap<String, String> params, Set<String> keys) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
        entries.sort(java.util.Comparator.comparing((Map.Entry<String, String> e) -> e.getValue().matches("\\d+"))
                .thenComparing(Map.Entry::getKey));
        return entries.stream().filter(p -> keys.contains(p.getKey()))
                .map(p -> readable(p.getKey(), p.getValue(), false)).collect(Collectors.joining(" · "));
    }

    static String readable(String name, String value, boolean lowerEnums) {
        if (value.matches("[A-Z][A-Z0-9_]*")) return lowerEnums ? value.toLowerCase(Locale.ROOT).replace('_', ' ') : value;
        if (name.equals("size") && value.matches("\\d+")) return value + " B";
        return name + "=" + value;
    }
}
