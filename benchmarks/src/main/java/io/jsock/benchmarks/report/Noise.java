package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How noisy the run was: the machine's load along the way (run.json's samples), and the spread of
 * the C loops' own measurements across the rounds, which is what the machine did to a loop that
 * never changes. Beside it, the spread of the per-round ratios: what is left of that noise once
 * each round is divided by the C measurements around it.
 */
record Noise(List<Loop> loops, double medianCSpread, Loop widest, double medianRatioSpread, double medianForkCSpread,
        Stats.Summary loadAverage, double busy, double steal) {

    /** One C loop over the whole run: every measurement of it, in every fork and on every backend. */
    record Loop(String label, Stats.Summary c) {}

    static Noise of(List<Result> results, List<JsonObject> cRecords, JsonArray load) {
        Map<String, List<double[]>> byLoop = new LinkedHashMap<>();
        List<Double> forkSpreads = new ArrayList<>();
        for (JsonObject r : cRecords) {
            JsonObject l = r.getAsJsonObject("loop");
            int size = l.get("size").getAsInt();
            String label = l.get("case").getAsString() + " " + l.get("transport").getAsString() + (size > 0 ? " " + size + " B" : "");
            JsonArray values = r.getAsJsonArray("cNanosPerOp");
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i).getAsDouble();
            byLoop.computeIfAbsent(label, k -> new ArrayList<>()).add(v);
            if (v.length >= 2) forkSpreads.add(Stats.of(v).relativeIqr());
        }
        List<Loop> loops = new ArrayList<>();
        byLoop.forEach((label, arrays) -> loops.add(new Loop(label, Stats.of(Stats.concat(arrays)))));
        double[] spreads = loops.stream().filter(l -> l.c().n() >= 2).mapToDouble(l -> l.c().relativeIqr()).toArray();
        Loop widest = loops.stream().filter(l -> l.c().n() >= 2).max(Comparator.comparingDouble(l -> l.c().relativeIqr()))
                .orElse(null);
        double[] ratioSpreads = results.stream().filter(r -> r.rounds() >= 2).mapToDouble(r -> r.ratioToC().relativeIqr())
                .toArray();
        double[] forks = forkSpreads.stream().mapToDouble(Double::doubleValue).toArray();

        List<Double> loadavg = new ArrayList<>();
        JsonObject first = null;
        JsonObject last = null;
        for (JsonElement e : load == null ? new JsonArray() : load) {
            JsonObject s = e.getAsJsonObject();
            if (s.has("loadavg1")) loadavg.add(s.get("loadavg1").getAsDouble());
            if (s.has("busyTicks")) {
                if (first == null) first = s;
                last = s;
            }
        }
        double busy = Double.NaN;
        double steal = Double.NaN;
        if (first != null && last != first) {
            double dBusy = last.get("busyTicks").getAsDouble() - first.get("busyTicks").getAsDouble();
            double dIdle = last.get("idleTicks").getAsDouble() - first.get("idleTicks").getAsDouble();
            double dSteal = last.get("stealTicks").getAsDouble() - first.get("stealTicks").getAsDouble();
            double total = dBusy + dIdle + dSteal;
            if (total > 0) {
                busy = dBusy / total;
                steal = dSteal / total;
            }
        }
        return new Noise(loops, Stats.of(spreads).median(), widest, Stats.of(ratioSpreads).median(), Stats.of(forks).median(),
                Stats.of(loadavg.stream().mapToDouble(Double::doubleValue).toArray()), busy, steal);
    }

    /** The machine's load, for the report's header. */
    String loadText() {
        List<String> parts = new ArrayList<>();
        if (!loadAverage.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "1-minute load average %.2f / %.2f / %.2f (min / median / max of %d samples, "
                    + "one before each JMH run)", loadAverage.min(), loadAverage.median(), loadAverage.max(), loadAverage.n()));
        }
        if (!Double.isNaN(busy)) {
            parts.add(String.format(Locale.ROOT, "CPUs busy %.0f %% of the run (this run's own threads included), stolen by "
                    + "the hypervisor %.1f %%", 100 * busy, 100 * steal));
        }
        return parts.isEmpty() ? "not sampled" : String.join("; ", parts);
    }

    /** The spread of C and of the ratios, for the report's header. */
    String spreadText() {
        if (widest == null) return "too few rounds to tell";
        return String.format(Locale.ROOT, "C's own measurements spread by %s within a fork and by %s over the whole run "
                + "(median over the C loops of IQR ÷ median; widest %s, %s); the per-round ratios to C by %s",
                percent(medianForkCSpread), percent(medianCSpread), percent(widest.c().relativeIqr()), widest.label(),
                percent(medianRatioSpread));
    }

    static String percent(double fraction) {
        if (Double.isNaN(fraction)) return "—";
        return String.format(Locale.ROOT, fraction < 0.1 ? "%.1f %%" : "%.0f %%", 100 * fraction);
    }
}
