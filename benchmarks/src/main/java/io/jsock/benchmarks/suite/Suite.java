package io.jsock.benchmarks.suite;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jsock.benchmarks.CBracket;
import io.jsock.benchmarks.CLib;
import io.jsock.benchmarks.Pinning;
import io.jsock.benchmarks.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite in one run: every JMH benchmark in the jar (those of classes added later too),
 * each with {@code -prof gc} and with its C loop measured around each of its measurement
 * iterations in the same fork ({@link CBracket}); jsock's cases once per backend, JNR-FFI on the
 * reference JDK (17) and FFM on a JDK 22+, the peers once on the reference JDK; then the report.
 *
 * <pre>
 * Suite [--smoke | --plan] [--results DIR] [--library libjsock-bench.so] [--command TEXT]
 *       [--jnr-java PATH] [--ffm-java PATH | --no-ffm] [--pin off|same|split] [--c-millis N]
 *       [JMH options and regexps]
 * </pre>
 *
 * <p>The forks are interleaved: for each benchmark and parameters in turn, fork 1 on JNR, fork 1
 * on FFM, fork 2 on JNR, fork 2 on FFM, ..., each its own JMH run of one fork, so that the two
 * backends of a case are measured within seconds of each other and every fork carries its own C
 * measurements. Writes to DIR (default benchmarks/results, for a smoke run
 * benchmarks/target/smoke): {@code jmh.json} (JMH's results, each entry with a field {@code jsock}
 * naming its run and backend), {@code c.json} (the C measurements of every fork), {@code run.json}
 * (machine, JVMs, settings, the load during the run) and the report's {@code chart.png} and
 * {@code table.md}.
 *
 * <p>{@code --plan} prints what a full run would run and about how long it would take, and runs
 * nothing; JMH's listing options ({@code -l}, {@code -lp}, {@code -h}, ...) are JMH's. {@code
 * --smoke} runs each case once per backend, in one JVM per backend (JMH without forks,
 * two iterations of 50 ms, C for 5 ms), then one case per backend in a fork of its own, so that
 * both paths are proven: it measures nothing. Exits non-zero if anything failed; in smoke mode
 * also if a result has no baseline or no C measurements.
 */
public final class Suite {
    static final TimeValue SMOKE_ITERATION = TimeValue.milliseconds(50);
    static final int SMOKE_ITERATIONS = 2;
    static final long SMOKE_C_MILLIS = 5;
    /** What a fork costs beyond its iterations: the JVM's start, the set-up, the C loop's calibration. */
    static final double FORK_OVERHEAD_SECONDS = 2.0;
    static final String DEFAULT_FFM_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    private static final String BRACKETS = "brackets.jsonl";

    private Suite() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("suite: " + e.getMessage());
            status = 2;
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("suite: failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** What the command line asks for; everything the suite does not know goes to JMH. */
    record Arguments(boolean smoke, Path results, Path library, String command, Path jnrJava, Path ffmJava,
            boolean ffmRequired, Pinning pin, long cMillis, String child, boolean planOnly, List<String> jmh) {
        static Arguments parse(String[] args) {
            boolean smoke = false;
            Path results = null;
            Path library = Path.of(System.getProperty(CLib.PROPERTY, "java/target/native/libjsock-bench.so"));
            String command = null;
            Path jnrJava = Path.of(System.getProperty("java.home"), "bin", "java");
            // Where the FFM run's JDK is looked for, unless --ffm-java names one (which must then be there).
            String ffm = System.getProperty("jsock.ffm.java", System.getenv().getOrDefault("JSOCK_FFM_JAVA", ""));
            boolean ffmRequired = false;
            boolean noFfm = false;
            Pinning pin = null;
            long cMillis = -1;
            String child = null;
            boolean planOnly = false;
            List<String> jmh = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--results" -> results = Path.of(value(args, ++i, "--results"));
                    case "--library" -> library = Path.of(value(args, ++i, "--library"));
                    case "--command" -> command = value(args, ++i, "--command");
                    case "--jnr-java" -> jnrJava = Path.of(value(args, ++i, "--jnr-java"));
                    case "--ffm-java" -> {
                        ffm = value(args, ++i, "--ffm-java");
                        ffmRequired = true;
                    }
                    case "--no-ffm" -> noFfm = true;
                    case "--pin" -> pin = Pinning.of(value(args, ++i, "--pin"));
                    case "--c-millis" -> cMillis = Long.parseLong(value(args, ++i, "--c-millis"));
                    case "--child" -> child = value(args, ++i, "--child");
                    case "--plan" -> planOnly = true;
                    default -> jmh.add(args[i]);
                }
            }
            // A smoke run never overwrites the measured results.
            if (results == null) results = smoke ? Path.of("benchmarks", "target", "smoke") : Path.of("benchmarks", "results");
            if (command == null) command = "java " + Suite.class.getName() + " " + String.join(" ", args);
            if (cMillis < 0) cMillis = smoke ? SMOKE_C_MILLIS : CBracket.DEFAULT_C_MILLIS;
            // A measured run pins ping-pong's threads to one CPU: not pinned, a round trip took
            // either two context switches or two wake-ups of an idle CPU, whichever the scheduler
            // chose, and its rounds spread over 20× (see benchmarks/README.md, Pinning). A smoke
            // run measures nothing and pins nothing.
            if (pin == null) pin = smoke ? Pinning.OFF : Pinning.SAME;
            Path ffmJava = noFfm ? null : Path.of(ffm.isEmpty() ? DEFAULT_FFM_JAVA : ffm);
            return new Arguments(smoke, results, library.toAbsolutePath(), command, jnrJava, ffmJava,
                    ffmRequired && !noFfm, pin, cMillis, child, planOnly, jmh);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        /** The system properties every JVM of the run gets (the run's id comes per JMH run). */
        List<String> properties() {
            return List.of("-D" + CLib.PROPERTY + "=" + library, "-D" + CBracket.BRACKETS + "=" + results.toAbsolutePath().resolve(BRACKETS),
                    "-D" + CBracket.C_MILLIS + "=" + cMillis, "-D" + Pinning.PROPERTY + "=" + pin);
        }
    }

    static int run(String[] args) throws CommandLineOptionException, IOException, InterruptedException {
        Arguments a = Arguments.parse(args);
        if (a.child() != null) return child(a);
        CommandLineOptions cli = new CommandLineOptions(a.jmh().toArray(String[]::new));
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(a.jmh().toArray(String[]::new)); // JMH's own listings; it exits
            return 0;
        }
        // A smoke run measures nothing, so it need not wait for a measurement elsewhere to end
        // (JMH refuses to start while another JMH holds its lock).
        if (a.smoke()) System.setProperty("jmh.ignoreLock", "true");
        List<Plan.Combination> plan = Plan.of(cli);
        if (plan.isEmpty()) throw new IllegalArgumentException("no benchmark matches " + a.jmh());

        Jvm jnr = Jvm.jnr(a.jnrJava());
        Jvm ffm = null;
        String ffmMissing = null;
        if (a.ffmJava() == null) {
            ffmMissing = "--no-ffm";
        } else if (!Files.isExecutable(a.ffmJava()) && !a.ffmRequired()) {
            ffmMissing = "no JDK 22+ at " + a.ffmJava() + " (give --ffm-java PATH or -Djsock.ffm.java=PATH)";
        } else {
            ffm = Jvm.ffm(a.ffmJava());
        }
        if (ffmMissing != null) System.err.println("suite: WARNING: jsock's FFM backend is not measured: " + ffmMissing);
        if (a.planOnly()) {
            printPlan(plan, ffm != null, a.cMillis(), true);
            return 0;
        }
        if (!Files.isReadable(a.library())) {
            throw new IOException("the C loops " + a.library() + " are not built (they are built with the java module: "
                    + "mvn -pl benchmarks -am package)");
        }
        Files.createDirectories(a.results());
        Files.deleteIfExists(a.results().resolve(BRACKETS));

        Collector out = new Collector(a.results());
        JsonObject run = describe(a, jnr, ffm, ffmMissing, cli);
        write(a.results().resolve("run.json"), run); // so that what a broken-off run measured can be rendered
        Instant start = Instant.now();
        out.sample();
        List<String> failures = new ArrayList<>();
        if (a.smoke()) {
            smoke(a, plan, jnr, ffm, cli, out, failures);
        } else {
            full(a, plan, jnr, ffm, cli, out, failures);
        }
        out.sample();
        out.write();
        out.finish();
        run.addProperty("finished", now());
        run.addProperty("minutes", Math.round(Duration.between(start, Instant.now()).toSeconds() / 6.0) / 10.0);
        run.add("load", out.load());
        JsonArray f = new JsonArray();
        failures.forEach(f::add);
        run.add("failures", f);
        write(a.results().resolve("run.json"), run);
        if (out.entries().isEmpty()) {
            failures.forEach(p -> System.err.println("suite: failed: " + p));
            System.err.println("suite: nothing was measured");
            return 1;
        }

        List<String> problems = Report.render(a.results());
        problems.forEach(p -> System.err.println("suite: " + p));
        failures.forEach(p -> System.err.println("suite: failed: " + p));
        System.out.println("# Results, chart and table in " + a.results());
        if (!failures.isEmpty()) return 1;
        return a.smoke() && !problems.isEmpty() ? 1 : 0;
    }

    /** Each combination's forks, one JMH run each, the two backends alternating. */
    private static void full(Arguments a, List<Plan.Combination> plan, Jvm jnr, Jvm ffm, CommandLineOptions cli,
            Collector out, List<String> failures) {
        int forks = printPlan(plan, ffm != null, a.cMillis(), false);
        int done = 0;
        for (Plan.Combination c : plan) {
            for (int f = 1; f <= c.forks(); f++) {
                for (Jvm jvm : c.jsock() && ffm != null ? List.of(jnr, ffm) : List.of(jnr)) {
                    System.out.printf(Locale.ROOT, "# Suite: fork %d of %d: %s, fork %d/%d on %s (Java %s)%n", ++done, forks,
                            c.simpleName(), f, c.forks(), jvm.backend(), jvm.version());
                    runOne(a, cli, c, jvm, 1, out, failures, VerboseMode.NORMAL);
                    try {
                        out.write(); // what is measured so far, in case the run is broken off
                    } catch (IOException e) {
                        failures.add("writing the results: " + e);
                    }
                }
            }
        }
    }

    /** Prints what a full run does and about how long it takes (and, with {@code each}, every combination); returns the forks. */
    private static int printPlan(List<Plan.Combination> plan, boolean ffm, long cMillis, boolean each) {
        int forks = 0;
        double seconds = 0;
        for (Plan.Combination c : plan) {
            if (c.forks() < 1) throw new IllegalArgumentException("-f " + c.forks() + ": the suite runs every backend in "
                    + "forks of its own (give -f 1 or more)");
            int jvms = c.jsock() && ffm ? 2 : 1;
            forks += jvms * c.forks();
            seconds += jvms * c.forks() * forkSeconds(c, cMillis);
            if (each) {
                System.out.printf(Locale.ROOT, "  %s: %d fork(s) on %s, %d × %s warm-up, %d × %s%n", c.simpleName(), c.forks(),
                        jvms == 2 ? "jnr and ffm" : "jnr", c.warmupIterations(), c.warmupTime(), c.measurementIterations(),
                        c.measurementTime());
            }
        }
        System.out.printf(Locale.ROOT, "# Plan: %d combinations of benchmark and parameters, %d forks, about %.0f minutes%n",
                plan.size(), forks, seconds / 60);
        return forks;
    }

    /** The seconds one fork of a combination takes: its iterations, its C measurements and the JVM's start. */
    static double forkSeconds(Plan.Combination c, long cMillis) {
        return c.warmupIterations() * c.warmupTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0
                + c.measurementIterations() * c.measurementTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0
                + (c.measurementIterations() + 1) * cMillis / 1000.0 + FORK_OVERHEAD_SECONDS;
    }

    /**
     * The smoke run: one JVM per backend runs each of its cases without forking, then one case
     * per backend runs in a fork of its own, as a full run's do.
     */
    private static void smoke(Arguments a, List<Plan.Combination> plan, Jvm jnr, Jvm ffm, CommandLineOptions cli,
            Collector out, List<String> failures) throws IOException, InterruptedException {
        for (Jvm jvm : ffm == null ? List.of(jnr) : List.of(jnr, ffm)) {
            if (plan.stream().noneMatch(c -> c.jsock() || jvm == jnr)) continue;
            Path dir = Files.createTempDirectory(a.results().toAbsolutePath(), "smoke-" + jvm.backend());
            List<String> command = new ArrayList<>();
            command.add(jvm.java().toString());
            command.addAll(jvm.args());
            command.addAll(a.properties());
            command.add("-Djmh.ignoreLock=true");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Suite.class.getName());
            command.addAll(List.of("--smoke", "--child", jvm.backend(), "--results", dir.toString(), "--library",
                    a.library().toString(), "--pin", a.pin().toString(), "--c-millis", Long.toString(a.cMillis())));
            command.addAll(a.jmh());
            System.out.println("# Suite: smoke, every " + (jvm == jnr ? "" : "jsock ") + "case in one JVM: " + jvm.java()
                    + " " + String.join(" ", jvm.args()));
            Process p = new ProcessBuilder(command).inheritIO().start();
            int status = p.waitFor();
            Path entries = dir.resolve("jmh.json");
            if (Files.exists(entries)) out.addAll(JsonParser.parseString(Files.readString(entries)).getAsJsonArray());
            Path childFailures = dir.resolve("failures.txt");
            if (Files.exists(childFailures)) failures.addAll(Files.readAllLines(childFailures));
            if (status != 0 && failures.isEmpty()) failures.add("the smoke JVM " + jvm.java() + " exited with status " + status);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) Files.delete(file);
            }
            Files.delete(dir);
        }
        // The forked path, as a full run takes it, once per backend.
        Plan.Combination first = plan.stream().filter(Plan.Combination::jsock).findFirst().orElse(plan.get(0));
        for (Jvm jvm : ffm == null || !first.jsock() ? List.of(jnr) : List.of(jnr, ffm)) {
            System.out.println("# Suite: smoke, in a fork: " + first.simpleName() + " on " + jvm.backend());
            runOne(a, cli, first, jvm, 1, out, failures, VerboseMode.NORMAL);
        }
    }

    /** The smoke run's JVM of one backend: each of its cases in this JVM, without forking. */
    private static int child(Arguments a) throws CommandLineOptionException, IOException {
        CommandLineOptions cli = new CommandLineOptions(a.jmh().toArray(String[]::new));
        Jvm self = new Jvm(a.child(), Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.version"), Runtime.version().feature(), List.of());
        Collector out = new Collector(a.results());
        out.prefix = "smoke-";
        List<String> failures = new ArrayList<>();
        for (Plan.Combination c : Plan.of(cli)) {
            if (!c.jsock() && !a.child().equals("jnr")) continue;
            runOne(a, cli, c, self, 0, out, failures, VerboseMode.SILENT);
        }
        CBracket.flush();
        write(a.results().resolve("jmh.json"), out.entries());
        Files.write(a.results().resolve("failures.txt"), failures, StandardCharsets.UTF_8);
        return failures.isEmpty() ? 0 : 1;
    }

    /** One JMH run of one combination: {@code forks} forks on {@code jvm} (0: in this JVM). */
    private static void runOne(Arguments a, CommandLineOptions cli, Plan.Combination c, Jvm jvm, int forks, Collector out,
            List<String> failures, VerboseMode verbosity) {
        String id = out.nextRun(jvm.backend());
        Path json = a.results().toAbsolutePath().resolve("run-" + id + ".json");
        ChainedOptionsBuilder o = new OptionsBuilder().parent(new WithoutIncludes(cli))
                .include("^" + Pattern.quote(c.benchmark()) + "$")
                .forks(forks)
                .shouldFailOnError(true)
                .verbosity(cli.verbosity().orElse(verbosity))
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON);
        c.params().forEach(o::param);
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc") || p.getKlass().equals(GCProfiler.class.getName()))) {
            o.addProfiler(GCProfiler.class);
        }
        if (forks > 0) {
            List<String> append = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
            append.addAll(jvm.args());
            append.addAll(a.properties());
            append.add("-D" + CBracket.RUN + "=" + id);
            o.jvm(jvm.java().toString()).jvmArgsAppend(append.toArray(String[]::new));
        } else {
            System.setProperty(CBracket.RUN, id);
        }
        if (a.smoke()) o.warmupIterations(0).measurementIterations(SMOKE_ITERATIONS).measurementTime(SMOKE_ITERATION);
        out.sample();
        try {
            new Runner(o.build()).run();
            out.add(json, id, jvm);
            if (verbosity == VerboseMode.SILENT) System.out.println("  " + jvm.backend() + " ok: " + c.simpleName());
        } catch (RunnerException | IOException | RuntimeException e) {
            String what = c.simpleName() + " on " + jvm.backend() + ": " + describe(e);
            System.err.println("suite: FAILED " + what);
            failures.add(what);
        } finally {
            try {
                Files.deleteIfExists(json);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /** An exception with its causes and what JMH suppressed into it (the benchmark's own failure). */
    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.toString());
        for (Throwable t : e.getSuppressed()) s.append("; ").append(describe(t));
        if (e.getCause() != null && e.getCause() != e) s.append(" <- ").append(describe(e.getCause()));
        return s.toString();
    }

    /** run.json: the mode, the command, the machine, the JVMs and the settings. */
    private static JsonObject describe(Arguments a, Jvm jnr, Jvm ffm, String ffmMissing, CommandLineOptions cli) {
        JsonObject run = new JsonObject();
        run.addProperty("mode", a.smoke() ? "smoke" : "full");
        run.addProperty("command", a.command());
        run.addProperty("started", now());
        run.add("machine", Machine.describe());
        JsonArray jmh = new JsonArray();
        a.jmh().forEach(jmh::add);
        run.add("jmhArguments", jmh);
        JsonObject jvms = new JsonObject();
        jvms.add("jnr", jnr.describe());
        if (ffm != null) {
            jvms.add("ffm", ffm.describe());
        } else {
            JsonObject missing = new JsonObject();
            missing.addProperty("missing", ffmMissing);
            jvms.add("ffm", missing);
        }
        run.add("jvms", jvms);
        JsonObject c = new JsonObject();
        c.addProperty("millis", a.cMillis());
        c.addProperty("pin", a.pin().toString());
        run.add("c", c);
        if (a.smoke()) {
            run.addProperty("settings", "without forks (and one case per backend in a fork), no warm-up, " + SMOKE_ITERATIONS
                    + " × " + SMOKE_ITERATION);
        }
        return run;
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Writes {@code json} with the repository's files named relative to it (the suite runs from its
     * top; JMH records the forks' options, which name them by absolute path): stored results carry no
     * path of the machine that made them.
     */
    static void write(Path file, JsonElement json) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        String root = gson.toJson(Path.of("").toAbsolutePath() + "/");
        String text = gson.toJson(json).replace(root.substring(1, root.length() - 1), "");
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    /** The entries of the JMH runs, the C records of their forks, and the machine's load along the way. */
    static final class Collector {
        private final Path dir;
        private final JsonArray entries = new JsonArray();
        private final JsonArray load = new JsonArray();
        private int runs;
        String prefix = "";

        Collector(Path dir) {
            this.dir = dir;
        }

        String nextRun(String backend) {
            return String.format(Locale.ROOT, "%s%s-%04d", prefix, backend, ++runs);
        }

        /** A run's JMH results, each entry told its run and backend. */
        void add(Path json, String id, Jvm jvm) throws IOException {
            for (JsonElement e : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
                JsonObject tag = new JsonObject();
                tag.addProperty("run", id);
                tag.addProperty("backend", jvm.backend());
                e.getAsJsonObject().add("jsock", tag);
                entries.add(e);
            }
        }

        void addAll(JsonArray more) {
            entries.addAll(more);
        }

        JsonArray entries() {
            return entries;
        }

        JsonArray load() {
            return load;
        }

        /** The 1-minute load average and the CPU time counters, with the time. */
        void sample() {
            JsonObject s = Machine.load();
            s.addProperty("at", now());
            load.add(s);
        }

        /** jmh.json and c.json (the forks' JSON lines so far, as one array). */
        void write() throws IOException {
            Suite.write(dir.resolve("jmh.json"), entries);
            JsonArray c = new JsonArray();
            Path brackets = dir.resolve(BRACKETS);
            if (Files.exists(brackets)) {
                for (String line : Files.readAllLines(brackets, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) c.add(JsonParser.parseString(line));
                }
            }
            Suite.write(dir.resolve("c.json"), c);
        }

        /** Removes the forks' JSON lines, now in c.json. */
        void finish() throws IOException {
            Files.deleteIfExists(dir.resolve(BRACKETS));
        }
    }
}
