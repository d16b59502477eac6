package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a results directory (jmh.json, c.json, run.json, as the suite writes them) into
 * {@code chart.png} and {@code table.md}. Runs again on stored results without measuring:
 * {@code java -cp benchmarks/target/benchmarks.jar io.jsock.benchmarks.report.Report benchmarks/results}.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report RESULTS-DIRECTORY");
            System.exit(2);
        }
        List<String> problems = render(Path.of(args[0]));
        problems.forEach(p -> System.err.println("report: " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Writes the chart and the table; returns the results it could not compare with a baseline. */
    public static List<String> render(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true"); // the chart is drawn off screen, with or without a display
        List<Result> results = new ArrayList<>(ResultFile.read(dir.resolve("jmh.json")));
        results.addAll(ResultFile.read(dir.resolve("c.json")));
        if (results.isEmpty()) throw new IOException("no results in " + dir);
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve("run.json"))).getAsJsonObject();
        JsonArray jmh = ResultFile.entries(dir.resolve("jmh.json"));
        Table.RunInfo info = Table.RunInfo.of(run, jmh);

        List<Comparison> comparisons = Comparison.of(results);
        Files.writeString(dir.resolve("table.md"), Table.render(info, Target.evaluate(results), comparisons),
                StandardCharsets.UTF_8);
        String title = "jsock benchmarks" + (info.smoke() ? " — smoke run: proves that everything runs, measures nothing" : "");
        Chart.render(title, List.of(info.machine(), info.jdk() + " · " + info.started(),
                "Time per operation as a ratio to each group's baseline (the line at 1, named under each title): below 1 is faster."),
                comparisons, dir.resolve("chart.png"));

        List<String> problems = new ArrayList<>();
        comparisons.forEach(c -> problems.addAll(c.problems()));
        return problems;
    }
}
