package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads JMH's JSON result format (the C results are written in the same form) into {@link Result}s. */
final class ResultFile {
    /** The allocation per operation from {@code -prof gc}; older JMH versions put a middle dot before it. */
    private static final List<String> ALLOCATION_KEYS = List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm");

    private ResultFile() {}

    /** The results in {@code file}, none if it does not exist. */
    static List<Result> read(Path file) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonElement element : entries(file)) results.add(result(element.getAsJsonObject()));
        return results;
    }

    /** The raw entries of {@code file}, none if it does not exist. */
    static JsonArray entries(Path file) throws IOException {
        if (!Files.exists(file)) return new JsonArray();
        return JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    }

    private static Result result(JsonObject e) {
        String benchmark = e.get("benchmark").getAsString();
        int dot = benchmark.lastIndexOf('.');
        SortedMap<String, String> params = new TreeMap<>();
        if (e.has("params")) {
            for (Map.Entry<String, JsonElement> p : e.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        JsonObject metric = e.getAsJsonObject("primaryMetric");
        double score = metric.get("score").getAsDouble();
        double error = metric.get("scoreError").getAsDouble(); // a number, or the string "NaN"
        String unit = metric.get("scoreUnit").getAsString();
        double nanos = nanosPerOp(score, unit);
        double bytes = Double.NaN;
        if (e.has("secondaryMetrics")) {
            JsonObject secondary = e.getAsJsonObject("secondaryMetrics");
            for (String key : ALLOCATION_KEYS) {
                if (secondary.has(key)) bytes = secondary.getAsJsonObject(key).get("score").getAsDouble();
            }
        }
        return new Result(benchmark.substring(0, dot), benchmark.substring(dot + 1), params, nanos,
                nanos * error / score, bytes);
    }

    /** A score in any of JMH's time-per-operation or operations-per-time units, as nanoseconds per operation. */
    static double nanosPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) throw new IllegalArgumentException("unknown unit " + unit);
        if (parts[1].equals("op")) return score * nanosIn(parts[0], unit);
        if (parts[0].equals("ops")) return nanosIn(parts[1], unit) / score;
        throw new IllegalArgumentException("unknown unit " + unit);
    }

    private static double nanosIn(String timeUnit, String unit) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
