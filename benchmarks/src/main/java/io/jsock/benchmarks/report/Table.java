package io.jsock.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report as Markdown: how and where it was measured, how noisy it was, the targets, FFM against JNR, then one table per class. */
final class Table {
    private Table() {}

    static String render(RunInfo run, Noise noise, List<Target.Outcome> targets, BackendComparison backends,
            List<Comparison> comparisons) {
        StringBuilder md = new StringBuilder();
        md.append("# jsock benchmarks\n\n");
        if (run.smoke()) {
            md.append("**Smoke run**: every benchmark ran once per backend, briefly and without warm-up, to prove it runs. ")
                    .append("These numbers are not measurements.\n\n");
        }
        md.append("| | |\n|---|---|\n");
        md.append("| Command | `").append(run.command()).append("` |\n");
        md.append("| Date | ").append(run.date()).append(" |\n");
        md.append("| Machine | ").append(run.machine()).append(" |\n");
        md.append("| JVMs | ").append(run.jvms()).append(" |\n");
        md.append("| JMH | ").append(run.jmh()).append(" |\n");
        md.append("| C | ").append(run.c()).append(" |\n");
        md.append("| Load | ").append(noise.loadText()).append(" |\n");
        md.append("| Noise | ").append(noise.spreadText()).append(" |\n\n");
        md.append("Each fork measures its case's C loop (benchmarks/c, libc only, called in the fork) just before its first ")
                .append("measurement iteration and just after each: a *round* is one iteration of the Java case with the ")
                .append("mean of the C measurements on either side of it. *ratio* is the median over the rounds of the ")
                .append("case's time per operation ÷ its C loop's in the same round (for a class with a Java baseline, the ")
                .append("median of the ratios of every round of the case to every round of the baseline, each first divided ")
                .append("by its own C); *IQR* is the middle half of those ratios; *n* the rounds; ns/op the median of the ")
                .append("rounds (it moves with the load, the ratios much less); below 1 is faster than the baseline. A group's C row ")
                .append("holds all its C measurements, their IQR as ± a share of their median. B/op is the median over ")
                .append("the iterations of the allocation per operation measured by `-prof gc` (a fork's last iteration ")
                .append("also counts JMH's own allocation at the end of the trial). jsock's cases ran once per backend, the ")
                .append("peers once, on the reference JDK.\n\n");

        if (!targets.isEmpty()) {
            md.append("## Targets\n\n| target | case | measured [IQR] | |\n|---|---|---:|---|\n");
            for (Target.Outcome t : targets) {
                md.append("| ").append(t.target()).append(" | ").append(t.subject()).append(" | ").append(t.measured())
                        .append(" | ").append(t.met() ? "met" : "**missed**").append(" |\n");
            }
            md.append('\n');
        }

        if (!backends.isEmpty()) {
            md.append("## FFM against JNR\n\nEach jsock case on its FFM run against the same case on its JNR-FFI run: the ")
                    .append("median of the ratios of every round of the one to every round of the other, each first ")
                    .append("divided by the C measurements around it in its own fork. Below 1: FFM is faster; the target is ")
                    .append("at most ").append(Target.FFM_WITHIN).append(".\n\n");
            md.append("| class | case | JNR ns/op | FFM ns/op | FFM ÷ JNR | IQR | B/op JNR | B/op FFM |\n")
                    .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (BackendComparison.Pair p : backends.pairs()) {
                md.append("| ").append(p.simpleClass()).append(" | ").append(p.label()).append(" | ")
                        .append(nanos(p.jnr().nanosPerOp())).append(" | ").append(nanos(p.ffm().nanosPerOp())).append(" | ")
                        .append(ratio(p.ratio().median())).append(" | ").append(iqr(p.ratio())).append(" | ")
                        .append(bytes(p.jnr().bytesPerOp())).append(" | ").append(bytes(p.ffm().bytesPerOp())).append(" |\n");
            }
            md.append("\nJNR: ").append(backendsOf(backends, false)).append("; FFM: ").append(backendsOf(backends, true))
                    .append(".");
            if (backends.pairs().stream().anyMatch(p -> p.ffm().backend().ran().equals("unknown"))) {
                md.append(" \"?\": the backend asked for, which this jsock does not report (it has no Native.backend(): it ")
                        .append("ignores -Djsock.backend and runs JNR-FFI on every JDK).");
            }
            md.append("\n\n");
        }

        for (Comparison c : comparisons) {
            md.append("## ").append(c.simpleClass()).append("\n\nBaseline: ").append(c.baselineLabel()).append(".\n\n");
            md.append("| | case | JDK · backend | ns/op | C ns/op | ratio | IQR | n | B/op |\n")
                    .append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (Comparison.Group g : c.groups()) {
                for (Comparison.Row r : g.rows()) {
                    Result x = r.result();
                    md.append("| ").append(g.label()).append(" | ").append(r.label()).append(" | ")
                            .append(x == null ? "all" : x.backend().label()).append(" | ")
                            .append(nanos(r.nanosPerOp())).append(" | ").append(nanos(r.c().median())).append(" | ")
                            .append(ratio(r.ratio().median())).append(" | ")
                            .append(r.isBaseline() && x == null ? spreadOfC(r.c()) : r.isBaseline() ? "—" : iqr(r.ratio()))
                            .append(" | ").append(x == null ? r.c().n() : x.rounds()).append(" | ")
                            .append(x == null ? "—" : bytes(x.bytesPerOp())).append(" |\n");
                }
            }
            md.append('\n');
            for (String p : c.problems()) md.append("- ").append(p).append('\n');
            if (!c.problems().isEmpty()) md.append('\n');
        }

        if (!noise.loops().isEmpty()) {
            md.append("## Noise\n\nEach C loop over the whole run (every measurement of it, in every fork and on every ")
                    .append("backend): how much the machine moved a loop that never changes.\n\n")
                    .append("| C loop | measurements | ns/op | IQR ÷ median | min–max ÷ median |\n|---|---:|---:|---:|---:|\n");
            for (Noise.Loop l : noise.loops()) {
                md.append("| ").append(l.label()).append(" | ").append(l.c().n()).append(" | ").append(nanos(l.c().median()))
                        .append(" | ").append(Noise.percent(l.c().relativeIqr())).append(" | ")
                        .append(Noise.percent(l.c().relativeRange())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The backends a comparison's results ran on, as reported, e.g. "JDK 25 · ffm". */
    private static String backendsOf(BackendComparison backends, boolean ffm) {
        Set<String> labels = new LinkedHashSet<>();
        for (BackendComparison.Pair p : backends.pairs()) labels.add((ffm ? p.ffm() : p.jnr()).backend().label());
        return String.join(", ", labels);
    }

    /** The C row's IQR: its spread as a fraction of its median. */
    private static String spreadOfC(Stats.Summary c) {
        return c.n() < 2 ? "—" : "±" + Noise.percent(c.relativeIqr() / 2);
    }

    static String iqr(Stats.Summary s) {
        if (s.isEmpty() || Double.isNaN(s.q1())) return "—";
        return String.format(Locale.ROOT, "%.2f–%.2f", s.q1(), s.q3());
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "—" : String.format(Locale.ROOT, "%.2f", r);
    }

    static String nanos(double ns) {
        if (Double.isNaN(ns)) return "—";
        return String.format(Locale.ROOT, ns >= 100 ? "%,.0f" : "%.1f", ns);
    }

    static String bytes(double b) {
        if (Double.isNaN(b)) return "—";
        return String.format(Locale.ROOT, b < 10 && b != 0 ? "%.2f" : "%,.0f", b);
    }

    /** What run.json and JMH's results say about the run, as the table shows it. */
    record RunInfo(boolean smoke, String command, String date, String machine, String jvms, String jmh, String c,
            String started) {
        static RunInfo of(JsonObject run, JsonArray jmh, List<Result> results) {
            JsonObject m = run.getAsJsonObject("machine");
            String machine = m.get("cpu").getAsString() + ", " + m.get("cpus").getAsString() + " logical CPUs, "
                    + m.get("memory").getAsString() + ", " + m.get("kernel").getAsString() + " " + m.get("arch").getAsString();
            String started = run.get("started").getAsString();
            String date = started + (run.has("finished") ? " – " + run.get("finished").getAsString() : "")
                    + (run.has("minutes") ? " (" + run.get("minutes").getAsString() + " min)" : "");

            // The JVMs as each ran (vm name and version from JMH), with the backend asked and the one reported.
            Set<String> jvms = new LinkedHashSet<>();
            for (JsonElement e : jmh) {
                JsonObject o = e.getAsJsonObject();
                String backend = o.has("jsock") ? o.getAsJsonObject("jsock").get("backend").getAsString() : "";
                String args = o.has("jvmArgs") ? jsockArgs(o.getAsJsonArray("jvmArgs")) : "";
                jvms.add(backend.toUpperCase(Locale.ROOT) + ": " + o.get("vmName").getAsString() + " " + o.get("vmVersion").getAsString()
                        + (args.isEmpty() ? "" : " (`" + args + "`)"));
            }
            Set<String> reported = results.stream().filter(r -> r.backend().runsJsock())
                    .map(r -> "JDK " + r.backend().jdk() + " asked " + r.backend().asked() + ", ran " + r.backend().ran())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            JsonObject js = run.getAsJsonObject("jvms");
            String missing = js != null && js.has("ffm") && js.getAsJsonObject("ffm").has("missing")
                    ? "; FFM not measured: " + js.getAsJsonObject("ffm").get("missing").getAsString() : "";
            String jvmText = String.join(" · ", jvms) + (reported.isEmpty() ? "" : "; jsock's backend: " + String.join(", ", reported))
                    + missing;

            // Each distinct setting once: classes may differ in warm-up, iterations or forks.
            Set<String> settings = new LinkedHashSet<>();
            for (JsonElement e : jmh) {
                JsonObject o = e.getAsJsonObject();
                settings.add(o.get("warmupIterations").getAsInt() + " × " + o.get("warmupTime").getAsString() + " warm-up + "
                        + o.get("measurementIterations").getAsInt() + " × " + o.get("measurementTime").getAsString());
            }
            JsonObject first = jmh.isEmpty() ? null : jmh.get(0).getAsJsonObject();
            String jmhText = first == null ? "—"
                    : "JMH " + first.get("jmhVersion").getAsString() + " with -prof gc; per fork " + String.join("; ", settings)
                            + (run.has("settings") ? " (" + run.get("settings").getAsString() + ")"
                                    : "; each case's forks one JMH run each, its backends alternating");
            JsonObject c = run.getAsJsonObject("c");
            String cText = c == null ? "—"
                    : "in every fork, before its first measurement iteration and after each, about " + c.get("millis").getAsLong()
                            + " ms each (libjsock-bench.so); ping-pong's threads " + pinText(c.get("pin").getAsString());
            return new RunInfo(run.get("mode").getAsString().equals("smoke"), run.get("command").getAsString(), date, machine,
                    jvmText, jmhText, cText, started);
        }

        private static String jsockArgs(JsonArray args) {
            return java.util.stream.StreamSupport.stream(args.spliterator(), false).map(JsonElement::getAsString)
                    .filter(a -> a.startsWith("-Djsock.backend") || a.startsWith("--enable-native-access"))
                    .collect(Collectors.joining(" "));
        }

        static String pinText(String pin) {
            return switch (pin) {
                case "same" -> "pinned, both on CPU 0 (C and Java alike)";
                case "split" -> "pinned, the sender on CPU 0 and the echo thread on CPU 1 (C and Java alike)";
                default -> "not pinned";
            };
        }
    }
}
