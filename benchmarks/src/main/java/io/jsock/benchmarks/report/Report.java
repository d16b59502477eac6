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
        List<String> problems;
        try {
            problems = render(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(1);
            return;
        }
        problems.forEach(p -> System.err.println("report: " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Writes the chart and the table; returns what could not be joined or compared (a result without C, or without a baseline). */
    public static List<String> render(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true"); // the chart is drawn off screen, with or without a display
        JsonArray jmh = ResultFile.entries(dir.resolve("jmh.json"));
        JsonArray cRecords = ResultFile.entries(dir.resolve("c.json"));
        for (var e : cRecords) {
            if (!e.getAsJsonObject().has("cNanosPerOp")) {
                throw new IOException(dir.resolve("c.json") + " is of the previous method (the C baseline run after all of "
                        + "JMH, no C measurements per fork): only a run of this suite can be rendered");
            }
        }
        Rounds.Joined joined = Rounds.join(jmh, cRecords);
        List<Result> results = joined.results();
        if (results.isEmpty()) throw new IOException("no results in " + dir + (joined.problems().isEmpty() ? "" : ": " + joined.problems()));
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve("run.json"))).getAsJsonObject();
        Table.RunInfo info = Table.RunInfo.of(run, jmh, results);
        Noise noise = Noise.of(results, joined.cRecords(), run.getAsJsonArray("load"));

        List<Comparison> comparisons = Comparison.of(results);
        BackendComparison backends = BackendComparison.of(results);
        Files.writeString(dir.resolve("table.md"), Table.render(info, noise, Target.evaluate(results, backends), backends,
                comparisons), StandardCharsets.UTF_8);
        String title = "jsock benchmarks" + (info.smoke() ? " — smoke run: proves that everything runs, measures nothing" : "");
        List<Chart.Panel> panels = new ArrayList<>();
        comparisons.forEach(c -> panels.add(Chart.Panel.of(c)));
        if (!backends.isEmpty()) panels.add(Chart.Panel.of(backends));
        List<String> lines = new ArrayList<>();
        for (String text : List.of(info.machine(), info.started() + " · " + noise.loadText(), "Noise: " + noise.spreadText() + ".",
                "Each bar: a result's time per operation ÷ its baseline's (the line at 1, named under each title), the median "
                        + "of its rounds, each against the C loop measured around it; the whisker spans their IQR.")) {
            lines.addAll(wrap(text, 160));
        }
        Chart.render(title, lines, panels, dir.resolve("chart.png"));

        List<String> problems = new ArrayList<>(joined.problems());
        comparisons.forEach(c -> problems.addAll(c.problems()));
        return problems;
    }

    /** Text in lines of at most about {@code width} characters, broken at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
