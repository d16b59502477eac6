package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JMH's JSON result files and units. */
final class ResultFile {
    private ResultFile() {}

    /** The raw entries of a JSON array file, none if it does not exist. */
    static JsonArray entries(Path file) throws IOException {
        if (!Files.exists(file)) return new JsonArray();
        return JsonParser.parseString(Files.readString(file)).getAsJsonArray();
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
