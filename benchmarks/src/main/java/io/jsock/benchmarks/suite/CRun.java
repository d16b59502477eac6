package io.jsock.benchmarks.suite;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.jsock.benchmarks.CBaseline;
import io.jsock.benchmarks.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the C baseline for one benchmark class and files its results as JMH would: one entry per
 * transport and size, under the class's method {@link CBaseline#METHOD}, score in ns/op with
 * JMH's 99.9% confidence error over the iterations.
 */
final class CRun {
    /** Warm-up and measurement of the C program, the same per iteration as the JMH runs. */
    record Settings(long warmupMillis, int iterations, long iterationMillis) {
        List<String> arguments() {
            return List.of("--warmup-ms", Long.toString(warmupMillis), "--iterations", Integer.toString(iterations),
                    "--time-ms", Long.toString(iterationMillis));
        }
    }

    private CRun() {}

    /**
     * Runs case {@code cCase} of the program for the transports and sizes given (an empty set of
     * sizes for an unsized case), echoing its lines, and returns the entries for {@code benchmarkClass}.
     */
    static JsonArray run(Path program, String benchmarkClass, String cCase, Set<String> transports,
            Set<Integer> sizes, Settings settings) throws IOException, InterruptedException {
        if (!Files.isExecutable(program)) {
            throw new IOException("the C baseline " + program + " is not built (it is built with the java module: "
                    + "mvn -pl benchmarks -am package)");
        }
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(settings.arguments());
        command.add("--transports");
        command.add(String.join(",", transports).toLowerCase(Locale.ROOT));
        if (!sizes.isEmpty()) {
            command.add("--sizes");
            command.add(String.join(",", sizes.stream().map(String::valueOf).toList()));
        }
        command.add(cCase);
        System.out.println("# C baseline: " + String.join(" ", command));

        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, List<Double>> samples = new LinkedHashMap<>(); // "transport size" -> ns/op per iteration
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  " + line);
                String[] f = line.trim().split("\\s+");
                if (f.length != 6 || !f[0].equals(cCase)) throw new IOException("unexpected line from the C baseline: " + line);
                samples.computeIfAbsent(f[1] + " " + f[2], k -> new ArrayList<>()).add(Double.parseDouble(f[4]));
            }
        }
        int status = p.waitFor();
        if (status != 0) throw new IOException("the C baseline exited with status " + status);
        if (samples.isEmpty()) throw new IOException("the C baseline printed no results for " + cCase);

        JsonArray entries = new JsonArray();
        samples.forEach((key, values) -> {
            String[] k = key.split(" ");
            entries.add(entry(benchmarkClass, Transport.valueOf(k[0].toUpperCase(Locale.ROOT)), Integer.parseInt(k[1]),
                    values, settings));
        });
        return entries;
    }

    private static JsonObject entry(String benchmarkClass, Transport transport, int size, List<Double> values,
            Settings settings) {
        ListStatistics stats = new ListStatistics();
        values.forEach(stats::addValue);
        JsonObject e = new JsonObject();
        e.addProperty("benchmark", benchmarkClass + "." + CBaseline.METHOD);
        e.addProperty("mode", "avgt");
        e.addProperty("threads", 1);
        e.addProperty("forks", 1);
        e.addProperty("warmupTime", settings.warmupMillis() + " ms");
        e.addProperty("measurementIterations", values.size());
        e.addProperty("measurementTime", settings.iterationMillis() + " ms");
        JsonObject params = new JsonObject(); // JMH lists parameters by name
        if (size > 0) params.addProperty("size", Integer.toString(size));
        params.addProperty("transport", transport.name());
        e.add("params", params);
        JsonObject metric = new JsonObject();
        metric.addProperty("score", stats.getMean());
        double error = values.size() > 2 ? stats.getMeanErrorAt(0.999) : Double.NaN;
        if (Double.isNaN(error)) {
            metric.addProperty("scoreError", "NaN"); // as JMH writes it
        } else {
            metric.addProperty("scoreError", error);
        }
        metric.addProperty("scoreUnit", "ns/op");
        JsonArray raw = new JsonArray();
        JsonArray fork = new JsonArray();
        values.forEach(fork::add);
        raw.add(fork);
        metric.add("rawData", raw);
        e.add("primaryMetric", metric);
        return e;
    }
}
