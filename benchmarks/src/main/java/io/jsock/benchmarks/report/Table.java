package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report as Markdown: how and where it was measured, the targets, then one table per class. */
final class Table {
    private Table() {}

    static String render(RunInfo run, List<Target.Outcome> targets, List<Comparison> comparisons) {
        StringBuilder md = new StringBuilder();
        md.append("# jsock benchmarks\n\n");
        if (run.smoke()) {
            md.append("**Smoke run**: every benchmark ran once, briefly and without warm-up, to prove it runs. ")
                    .append("These numbers are not measurements.\n\n");
        }
        md.append("| | |\n|---|---|\n");
        md.append("| Command | `").append(run.command()).append("` |\n");
        md.append("| Date | ").append(run.started()).append(" |\n");
        md.append("| Machine | ").append(run.machine()).append(" |\n");
        md.append("| JDK | ").append(run.jdk()).append(" |\n");
        md.append("| JMH | ").append(run.jmh()).append(" |\n");
        md.append("| C baseline | ").append(run.c()).append(" |\n\n");
        md.append("Times are per operation; ± is the 99.9% confidence half-width (JMH's); *ratio* is the time over ")
                .append("the baseline's (below 1 is faster than the baseline); B/op is the allocation per operation ")
                .append("measured by `-prof gc`.\n\n");

        if (!targets.isEmpty()) {
            md.append("## Targets\n\n| target | case | measured | |\n|---|---|---:|---|\n");
            for (Target.Outcome t : targets) {
                md.append("| ").append(t.target()).append(" | ").append(t.subject()).append(" | ").append(t.measured())
                        .append(" | ").append(t.met() ? "met" : "**missed**").append(" |\n");
            }
            md.append('\n');
        }

        for (Comparison c : comparisons) {
            md.append("## ").append(c.simpleClass()).append("\n\nBaseline: ").append(c.baselineLabel()).append(".\n\n");
            md.append("| | | ns/op | ± | ratio | B/op |\n|---|---|---:|---:|---:|---:|\n");
            for (Comparison.Group g : c.groups()) {
                for (Comparison.Row r : g.rows()) {
                    Result x = r.result();
                    md.append("| ").append(g.label()).append(" | ").append(r.label()).append(" | ")
                            .append(nanos(x.nanosPerOp())).append(" | ").append(nanos(x.errorNanos())).append(" | ")
                            .append(Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                            .append(" | ").append(bytes(x.bytesPerOp())).append(" |\n");
                }
            }
            md.append('\n');
            for (String p : c.problems()) md.append("- ").append(p).append('\n');
            if (!c.problems().isEmpty()) md.append('\n');
        }
        return md.toString();
    }

    static String nanos(double ns) {
        if (Double.isNaN(ns)) return "—";
        return String.format(Locale.ROOT, ns >= 100 ? "%,.0f" : "%.1f", ns);
    }

    static String bytes(double b) {
        if (Double.isNaN(b)) return "—";
        return String.format(Locale.ROOT, "%,.0f", b);
    }

    /** What run.json and JMH's results say about the run, as the table shows it. */
    record RunInfo(boolean smoke, String command, String started, String machine, String jdk, String jmh, String c) {
        static RunInfo of(JsonObject run, JsonArray jmh) {
            JsonObject m = run.getAsJsonObject("machine");
            String machine = m.get("cpu").getAsString() + ", " + m.get("cpus").getAsString() + " logical CPUs, "
                    + m.get("memory").getAsString() + ", " + m.get("kernel").getAsString() + " " + m.get("arch").getAsString();
            JsonObject first = jmh.isEmpty() ? null : jmh.get(0).getAsJsonObject();
            String jdk = first == null ? m.get("jvm").getAsString()
                    : first.get("vmName").getAsString() + " " + first.get("vmVersion").getAsString();
            // Each distinct setting once: classes may differ in warm-up, iterations or forks.
            Set<String> settings = new LinkedHashSet<>();
            for (JsonElement e : jmh) {
                JsonObject o = e.getAsJsonObject();
                settings.add(o.get("forks").getAsInt() + " fork(s) × (" + o.get("warmupIterations").getAsInt() + " × "
                        + o.get("warmupTime").getAsString() + " warm-up + " + o.get("measurementIterations").getAsInt()
                        + " × " + o.get("measurementTime").getAsString() + ")");
            }
            String jmhText = first == null ? "—"
                    : "JMH " + first.get("jmhVersion").getAsString() + " with -prof gc; per benchmark " + String.join("; ", settings);
            JsonObject c = run.getAsJsonObject("c");
            String cText = c == null ? "—"
                    : c.get("warmupMillis").getAsLong() + " ms warm-up and " + c.get("iterations").getAsInt() + " × "
                            + c.get("iterationMillis").getAsLong() + " ms measured, in the same run after JMH";
            return new RunInfo(run.get("mode").getAsString().equals("smoke"), run.get("command").getAsString(),
                    run.get("started").getAsString(), machine, jdk, jmhText, cText);
        }
    }
}
