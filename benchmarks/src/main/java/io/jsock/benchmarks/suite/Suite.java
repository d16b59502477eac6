package io.jsock.benchmarks.suite;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jsock.benchmarks.CBaseline;
import io.jsock.benchmarks.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole suite in one run: every JMH benchmark in the jar (those of classes added later too)
 * with {@code -prof gc}, then the C baseline for the classes marked {@link CBaseline}, with the
 * transports and sizes JMH ran them with, then the report.
 *
 * <pre>
 * Suite [--smoke] [--results DIR] [--baseline PROGRAM] [--command TEXT] [JMH options and regexps]
 * </pre>
 *
 * Writes to DIR (default benchmarks/results, for a smoke run benchmarks/target/smoke): {@code jmh.json} (JMH's own), {@code c.json} (the C
 * results in JMH's form), {@code run.json} (machine, JDK, mode, command), and the report's
 * {@code chart.png} and {@code table.md}. {@code --smoke} runs each benchmark once for half a
 * second in one fork, without warm-up, and the C cases as briefly: it proves that everything runs,
 * it measures nothing. Full mode takes the warm-up, iterations and forks from the classes'
 * annotations unless JMH options given here override them. Exits non-zero if anything failed;
 * in smoke mode also if a result has no baseline to be compared with.
 */
public final class Suite {
    static final TimeValue SMOKE_ITERATION = TimeValue.milliseconds(500);
    static final CRun.Settings C_FULL = new CRun.Settings(3000, 10, 1000);
    static final CRun.Settings C_SMOKE = new CRun.Settings(0, 1, SMOKE_ITERATION.convertTo(TimeUnit.MILLISECONDS));

    private Suite() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println("suite: " + e.getMessage());
            status = 2;
        } catch (RunnerException | IOException | InterruptedException e) {
            System.err.println("suite: failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /** What the command line asks for; everything the suite does not know goes to JMH. */
    private record Arguments(boolean smoke, Path results, Path baseline, String command, List<String> jmh) {
        static Arguments parse(String[] args) {
            boolean smoke = false;
            Path results = null;
            Path baseline = Path.of(System.getProperty("jsock.baseline", "java/target/native/jsock-baseline"));
            String command = null;
            List<String> jmh = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--results" -> results = Path.of(value(args, ++i, "--results"));
                    case "--baseline" -> baseline = Path.of(value(args, ++i, "--baseline"));
                    case "--command" -> command = value(args, ++i, "--command");
                    default -> jmh.add(args[i]);
                }
            }
            // A smoke run never overwrites the measured results.
            if (results == null) results = smoke ? Path.of("benchmarks", "target", "smoke") : Path.of("benchmarks", "results");
            if (command == null) command = "java " + Suite.class.getName() + " " + String.join(" ", args);
            return new Arguments(smoke, results, baseline, command, jmh);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }
    }

    static int run(String[] args) throws CommandLineOptionException, RunnerException, IOException, InterruptedException {
        Arguments a = Arguments.parse(args);
        // A smoke run measures nothing, so it need not wait for a measurement elsewhere to end
        // (JMH refuses to start while another JMH holds its lock).
        if (a.smoke()) System.setProperty("jmh.ignoreLock", "true");
        Files.createDirectories(a.results());
        CRun.Settings c = a.smoke() ? C_SMOKE : C_FULL;
        JsonObject run = describe(a, c);

        Collection<RunResult> jmh = runJmh(a.smoke(), a.results().resolve("jmh.json"), a.jmh());
        JsonArray cResults = new JsonArray();
        for (Map.Entry<String, Coverage> e : coverage(jmh).entrySet()) {
            String cCase = cCaseOf(e.getKey());
            if (cCase != null) cResults.addAll(CRun.run(a.baseline(), e.getKey(), cCase, e.getValue().transports,
                    e.getValue().sizes, c));
        }
        write(a.results().resolve("c.json"), cResults);
        run.addProperty("finished", now());
        write(a.results().resolve("run.json"), run);

        List<String> problems = Report.render(a.results());
        problems.forEach(p -> System.err.println("suite: " + p));
        System.out.println("# Results, chart and table in " + a.results());
        return a.smoke() && !problems.isEmpty() ? 1 : 0;
    }

    /** run.json: the mode, the command, the machine and the settings of the C baseline. */
    private static JsonObject describe(Arguments a, CRun.Settings c) {
        JsonObject run = new JsonObject();
        run.addProperty("mode", a.smoke() ? "smoke" : "full");
        run.addProperty("command", a.command());
        run.addProperty("started", now());
        run.add("machine", Machine.describe());
        JsonArray jmh = new JsonArray();
        a.jmh().forEach(jmh::add);
        run.add("jmhArguments", jmh);
        JsonObject cSettings = new JsonObject();
        cSettings.addProperty("warmupMillis", c.warmupMillis());
        cSettings.addProperty("iterations", c.iterations());
        cSettings.addProperty("iterationMillis", c.iterationMillis());
        run.add("c", cSettings);
        return run;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Collection<RunResult> runJmh(boolean smoke, Path json, List<String> jmhArgs)
            throws CommandLineOptionException, RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(new CommandLineOptions(jmhArgs.toArray(String[]::new)))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON);
        if (smoke) {
            options.forks(1).warmupIterations(0).measurementIterations(1).measurementTime(SMOKE_ITERATION);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) throw new IllegalArgumentException("no benchmark matches " + jmhArgs);
        return results;
    }

    /** The transports and sizes a class ran with, in the order JMH ran them (the order the class declares). */
    private static final class Coverage {
        final Set<String> transports = new LinkedHashSet<>();
        final Set<Integer> sizes = new LinkedHashSet<>();
    }

    private static Map<String, Coverage> coverage(Collection<RunResult> results) {
        Map<String, Coverage> byClass = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            Coverage c = byClass.computeIfAbsent(benchmark.substring(0, benchmark.lastIndexOf('.')), k -> new Coverage());
            String transport = r.getParams().getParam("transport");
            String size = r.getParams().getParam("size");
            if (transport != null) c.transports.add(transport);
            if (size != null) c.sizes.add(Integer.parseInt(size));
        }
        return byClass;
    }

    /** The C case of a benchmark class, or null if it has none. */
    private static String cCaseOf(String className) {
        try {
            CBaseline c = Class.forName(className, false, Suite.class.getClassLoader()).getAnnotation(CBaseline.class);
            return c == null ? null : c.value();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class " + className + " is not on the class path", e);
        }
    }

    private static void write(Path file, JsonElement json) throws IOException {
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
    }
}
