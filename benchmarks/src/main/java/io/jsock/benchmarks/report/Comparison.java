package io.jsock.benchmarks.report;

import io.jsock.benchmarks.Baseline;
import io.jsock.benchmarks.CBaseline;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The results of one benchmark class, each set beside its baseline: grouped by baseline, each with
 * its ratio (time per operation over the baseline's) and a label that says what distinguishes it
 * within its group. The baseline comes from the class's {@link CBaseline} or {@link Baseline}
 * annotation; a class with neither is compared with its fastest result of the same parameters.
 */
record Comparison(String benchmarkClass, String baselineLabel, List<Group> groups, List<String> problems) {

    /** The results that share a baseline; {@code label} names what they share (e.g. "UNIX · 64 B"). */
    record Group(String label, Result baseline, List<Row> rows) {}

    /** A result, its label within the group, and its ratio to the group's baseline. */
    record Row(Result result, String label, double ratio, boolean isBaseline) {}

    String simpleClass() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    /** How one class chooses baselines. */
    private record Rule(String method, Map<String, String> fixed, String label) {
        static Rule of(String benchmarkClass) {
            Class<?> c;
            try {
                c = Class.forName(benchmarkClass, false, Comparison.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return new Rule(null, Map.of(), "the fastest result with the same parameters");
            }
            if (c.isAnnotationPresent(CBaseline.class)) return new Rule(CBaseline.METHOD, Map.of(), "C");
            Baseline b = c.getAnnotation(Baseline.class);
            if (b == null) return new Rule(null, Map.of(), "the fastest result with the same parameters");
            Map<String, String> fixed = new LinkedHashMap<>();
            for (String p : b.params()) {
                int eq = p.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException(benchmarkClass + ": @Baseline parameter not name=value: " + p);
                fixed.put(p.substring(0, eq), p.substring(eq + 1));
            }
            return new Rule(b.method(), fixed, b.label());
        }
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
        Rule rule = Rule.of(benchmarkClass);
        List<String> problems = new ArrayList<>();
        Map<Result, List<Result>> byBaseline = new LinkedHashMap<>();
        List<Result> orphans = new ArrayList<>();
        for (Result r : results) {
            Result b = baselineOf(r, results, rule, problems);
            if (b == null) {
                orphans.add(r);
            } else {
                byBaseline.computeIfAbsent(b, k -> new ArrayList<>()).add(r);
            }
        }
        // The keys that name a group: the baseline's parameters, less those the rule fixes.
        boolean withMethod = needsMethod(byBaseline, rule);
        List<Group> groups = new ArrayList<>();
        byBaseline.forEach((b, members) -> {
            Set<String> groupKeys = new HashSet<>(b.params().keySet());
            groupKeys.removeAll(rule.fixed().keySet());
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(b, label(b, groupKeys, withMethod), 1.0, true)); // the baseline first
            for (Result r : members) {
                if (r != b) rows.add(new Row(r, label(r, groupKeys, withMethod), r.nanosPerOp() / b.nanosPerOp(), false));
            }
            groups.add(new Group(describe(b.params(), groupKeys), b, rows));
        });
        groups.sort(groupOrder(results.stream().filter(byBaseline::containsKey).toList()));
        if (!orphans.isEmpty()) {
            List<Row> rows = orphans.stream().map(r -> new Row(r, r.method() + " " + describe(r.params(), r.params().keySet()),
                    Double.NaN, false)).toList();
            groups.add(new Group("without a baseline", null, rows));
        }
        return new Comparison(benchmarkClass, rule.label(), groups, problems);
    }

    /**
     * Groups ordered by their baselines' parameters, words (UNIX, TCP) before numbers (sizes), each
     * value in the order it first appears among the baselines, which is the order the class declares.
     */
    private static Comparator<Group> groupOrder(List<Result> baselines) {
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (Result r : baselines) r.params().forEach((k, v) -> rank.putIfAbsent(k + "=" + v, rank.size()));
        return (x, y) -> {
            List<Map.Entry<String, String>> a = ordered(x.baseline().params());
            List<Map.Entry<String, String>> b = ordered(y.baseline().params());
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = Integer.compare(rank.getOrDefault(a.get(i).toString(), 0), rank.getOrDefault(b.get(i).toString(), 0));
                if (c != 0) return c;
            }
            return Integer.compare(a.size(), b.size());
        };
    }

    private static List<Map.Entry<String, String>> ordered(SortedMap<String, String> params) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, String> e) -> e.getValue().matches("\\d+"))
                .thenComparing(Map.Entry::getKey));
        return entries;
    }

    /** The baseline of r under the rule, or null (with a problem noted) if there is none. */
    private static Result baselineOf(Result r, List<Result> all, Rule rule, List<String> problems) {
        if (rule.method() == null) {
            Result fastest = null;
            for (Result o : all) {
                if (o.params().equals(r.params()) && (fastest == null || o.nanosPerOp() < fastest.nanosPerOp())) fastest = o;
            }
            return fastest;
        }
        List<Result> candidates = new ArrayList<>();
        for (Result o : all) {
            if (o.method().equals(rule.method()) && matches(o, r, rule.fixed())) candidates.add(o);
        }
        if (candidates.size() == 1) return candidates.get(0);
        problems.add(r + ": " + (candidates.isEmpty() ? "no baseline" : "several baselines " + candidates) + " ("
                + rule.method() + (rule.fixed().isEmpty() ? "" : " " + rule.fixed()) + ")");
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

    /** Whether labels need the method name: when parameters alone leave two results of a group alike. */
    private static boolean needsMethod(Map<Result, List<Result>> byBaseline, Rule rule) {
        for (Map.Entry<Result, List<Result>> e : byBaseline.entrySet()) {
            Set<String> groupKeys = new HashSet<>(e.getKey().params().keySet());
            groupKeys.removeAll(rule.fixed().keySet());
            Set<String> seen = new HashSet<>();
            for (Result r : e.getValue()) {
                if (!seen.add(label(r, groupKeys, false))) return true;
            }
        }
        return false;
    }

    private static String label(Result r, Set<String> groupKeys, boolean withMethod) {
        if (r.isC()) return "C";
        SortedMap<String, String> own = new TreeMap<>(r.params());
        own.keySet().removeAll(groupKeys);
        String params = own.entrySet().stream().map(p -> readable(p.getKey(), p.getValue(), true))
                .collect(Collectors.joining(" "));
        if (!withMethod) return params;
        return params.isEmpty() ? r.method() : r.method() + " · " + params;
    }

    /** Parameters for a group's title, words before numbers: enum values as they are (UNIX), sizes in bytes, others name=value. */
    static String describe(SortedMap<String, String> params, Set<String> keys) {
        return ordered(params).stream().filter(p -> keys.contains(p.getKey()))
                .map(p -> readable(p.getKey(), p.getValue(), false)).collect(Collectors.joining(" · "));
    }

    private static String readable(String name, String value, boolean lowerEnums) {
        if (value.matches("[A-Z][A-Z0-9_]*")) return lowerEnums ? value.toLowerCase(Locale.ROOT).replace('_', ' ') : value;
        if (name.equals("size") && value.matches("\\d+")) return value + " B";
        return name + "=" + value;
    }
}
