package io.jsock.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.jsock.benchmarks.DatagramBenchmark;
import io.jsock.benchmarks.StreamSendRecvBenchmark;
import io.jsock.benchmarks.TimeoutRecvBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join of JMH's results with their C measurements, the choice of baselines, FFM against JNR, and the rendered report. */
class ReportTest {
    private static final double EPS = 1e-9;
    private static final String STREAM = StreamSendRecvBenchmark.class.getName();
    private static final String TIMEOUT = TimeoutRecvBenchmark.class.getName();
    private static final String DATAGRAM = DatagramBenchmark.class.getName();
    private static final Backend JNR = new Backend(17, "jnr", "jnr");
    private static final Backend FFM = new Backend(25, "ffm", "ffm");
    private static final Backend PEER = new Backend(17, "jnr", "-");
    private static final Result.Loop STREAM_UNIX_64 = new Result.Loop("stream", "UNIX", 64);

    @Test
    void everyUnitBecomesNanosecondsPerOperation() {
        assertEquals(1500, ResultFile.nanosPerOp(1.5, "us/op"), 1e-9);
        assertEquals(2e6, ResultFile.nanosPerOp(2, "ms/op"), 1e-9);
        assertEquals(500, ResultFile.nanosPerOp(2e6, "ops/s"), 1e-9);
        assertEquals(250, ResultFile.nanosPerOp(4, "ops/us"), 1e-9);
    }

    @Test
    void eachForkIsJoinedWithItsCMeasurementsAndTheForksOfOneCaseAreMerged() {
        // Two forks of one case, each its own JMH run (as the suite runs them), and a second case without C.
        JsonArray jmh = array(entry("jnr-0001", "jnr", "[[0.6, 0.66]]", "us/op", "[[0.0, 0.5]]"),
                entry("jnr-0003", "jnr", "[[700, 700]]", "ns/op", "[[0.0, 0.0]]"),
                entry("jnr-0005", "jnr", "[[700]]", "ns/op", "[[0.0]]"));
        JsonArray c = array(record("jnr-0001", "17.0.21.1", "jnr", "jnr", "[500, 700, 400]"),
                record("jnr-0003", "17.0.21.1", "jnr", "jnr", "[500, 500, 1000]"));
        Rounds.Joined joined = Rounds.join(jmh, c);

        assertEquals(1, joined.results().size(), joined.results().toString());
        Result r = joined.results().get(0);
        assertEquals(JNR, r.backend());
        assertEquals(STREAM_UNIX_64, r.loop());
        assertEquals("off", r.pin());
        assertArrayEquals(new double[] {600, 660, 700, 700}, r.javaNanos(), EPS);
        assertArrayEquals(new double[] {600, 550, 500, 750}, r.cNanos(), EPS); // each round: the C before and after it
        assertArrayEquals(new double[] {1.0, 1.2, 1.4, 700.0 / 750}, r.normalized(), EPS);
        assertEquals(1.1, r.ratioToC().median(), EPS);
        assertEquals(0, r.bytesPerOp(), EPS); // the median of the iterations, not their mean

        assertEquals(1, joined.problems().size(), joined.problems().toString());
        assertTrue(joined.problems().get(0).contains("without C measurements"), joined.problems().get(0));
        assertEquals(2, joined.cRecords().size());
    }

    @Test
    void aBackendThatIsNotReportedIsUnknownAndTheJdkIsItsFeatureRelease() {
        JsonArray jmh = array(entry("ffm-0002", "ffm", "[[700]]", "ns/op", "[[0.0]]"));
        JsonArray c = array(record("ffm-0002", "25.0.3", "ffm", "unknown", "[500, 500]"));
        Result r = Rounds.join(jmh, c).results().get(0);
        assertEquals(new Backend(25, "ffm", "unknown"), r.backend());
        assertEquals("JDK 25 · ffm?", r.backend().label());
        assertEquals("JDK 25 · jnr (ffm asked)", new Backend(25, "ffm", "jnr").label());
        assertEquals("JDK 17", PEER.label());
        assertEquals(8, Rounds.feature("1.8.0_402"));
    }

    @Test
    void aCClassIsGroupedByItsCLoopAndComparedRoundByRound() {
        List<Result> results = List.of(
                result(STREAM, "sendRecv", JNR, STREAM_UNIX_64, new double[] {600, 1200}, new double[] {500, 1000},
                        "peer", "JSOCK_DIRECT_BUFFER", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", FFM, STREAM_UNIX_64, new double[] {550, 550}, new double[] {500, 500},
                        "peer", "JSOCK_DIRECT_BUFFER", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", PEER, STREAM_UNIX_64, new double[] {900, 900}, new double[] {500, 500},
                        "peer", "JDK_CHANNEL", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", JNR, new Result.Loop("stream", "TCP", 64), new double[] {3000}, new double[] {2500},
                        "peer", "JSOCK_DIRECT_BUFFER", "size", "64", "transport", "TCP"));
        Comparison c = Comparison.of(results).get(0);
        assertEquals(List.of(), c.problems());
        assertEquals("C", c.baselineLabel());
        assertEquals(List.of("UNIX · 64 B", "TCP · 64 B"), c.groups().stream().map(Comparison.Group::label).toList());

        Comparison.Group unix = c.groups().get(0);
        assertEquals(List.of("C", "jsock direct buffer", "jsock direct buffer", "jdk channel"),
                unix.rows().stream().map(Comparison.Row::label).toList());
        assertEquals(List.of("C", "jsock direct buffer · jnr", "jsock direct buffer · ffm", "jdk channel"),
                unix.rows().stream().map(Comparison.Row::chartLabel).toList());
        assertArrayEquals(new double[] {1.0, 1.2, 1.1, 1.8},
                unix.rows().stream().mapToDouble(r -> r.ratio().median()).toArray(), EPS);
        // The C row: all six C measurements of the group.
        assertEquals(6, unix.rows().get(0).c().n());
        assertEquals(500, unix.rows().get(0).nanosPerOp(), EPS);
        // JNR's rounds moved with the load, its ratio did not.
        assertEquals(0, unix.rows().get(1).ratio().q3() - unix.rows().get(1).ratio().q1(), EPS);
        assertEquals(1.2, c.groups().get(1).rows().get(1).ratio().median(), EPS);
    }

    @Test
    void aJavaBaselineIsOfTheSameRunAndAPeersOneRunServesEveryBackend() {
        Result.Loop tcp = new Result.Loop("stream", "TCP", 64);
        Result.Loop unix = STREAM_UNIX_64;
        double[] c = {1000, 1000};
        List<Result> results = List.of(
                result(TIMEOUT, "jdkSocket", PEER, tcp, new double[] {1500, 1500}, c, "transport", "TCP", "wait", "BLOCKING"),
                result(TIMEOUT, "jsock", JNR, unix, new double[] {600, 600}, c, "transport", "UNIX", "wait", "BLOCKING"),
                result(TIMEOUT, "jsock", FFM, unix, new double[] {500, 500}, c, "transport", "UNIX", "wait", "BLOCKING"),
                result(TIMEOUT, "jsock", JNR, unix, new double[] {660, 660}, c, "transport", "UNIX", "wait", "TIMEOUT"),
                result(TIMEOUT, "jsock", FFM, unix, new double[] {600, 600}, c, "transport", "UNIX", "wait", "TIMEOUT"),
                result(TIMEOUT, "jsock", JNR, tcp, new double[] {1200, 1200}, c, "transport", "TCP", "wait", "BLOCKING"));
        Comparison cmp = Comparison.of(results).get(0);
        assertEquals(List.of(), cmp.problems());
        assertEquals("jsock, blocking recv", cmp.baselineLabel());
        // In the order the baselines ran; backends named, as the class has baselines on two.
        assertEquals(List.of("UNIX · JDK 17 · jnr", "UNIX · JDK 25 · ffm", "TCP · JDK 17 · jnr"),
                cmp.groups().stream().map(Comparison.Group::label).toList());
        Map<String, Double> ffm = ratios(cmp.groups().get(1));
        assertEquals(Map.of("jsock · blocking", 1.0, "jsock · timeout", 1.2), ffm);
        assertEquals(1.1, ratios(cmp.groups().get(0)).get("jsock · timeout"), EPS);
        assertEquals(1.25, ratios(cmp.groups().get(2)).get("jdkSocket · blocking"), EPS);

        Result.Loop dgram = new Result.Loop("dgram", "UDP", 64);
        List<Result> datagrams = List.of(
                result(DATAGRAM, "udpJdkDatagramChannel", PEER, dgram, new double[] {3000}, new double[] {2000}),
                result(DATAGRAM, "udpBatched", FFM, dgram, new double[] {1000}, new double[] {2000}));
        Comparison.Group g = Comparison.of(datagrams).get(0).groups().get(0);
        assertSame(datagrams.get(0), g.rows().get(0).result());
        assertEquals(1.0 / 3, g.rows().get(1).ratio().median(), EPS);
    }

    @Test
    void aResultWithoutItsBaselineIsAProblem() {
        List<Result> results = List.of(result(TIMEOUT, "jdkSocket", PEER, STREAM_UNIX_64, new double[] {1}, new double[] {1},
                "transport", "TCP", "wait", "TIMEOUT"));
        Comparison c = Comparison.of(results).get(0);
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains("no baseline"), c.problems().get(0));
    }

    @Test
    void ffmIsComparedWithJnrCaseByCaseThroughTheirRatiosToC() {
        List<Result> results = List.of(
                result(STREAM, "sendRecv", JNR, STREAM_UNIX_64, new double[] {1000, 2000}, new double[] {1000, 2000},
                        "peer", "JSOCK_BYTE_ARRAY", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", FFM, STREAM_UNIX_64, new double[] {550, 550}, new double[] {500, 500},
                        "peer", "JSOCK_BYTE_ARRAY", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", PEER, STREAM_UNIX_64, new double[] {900}, new double[] {500},
                        "peer", "JDK_CHANNEL", "size", "64", "transport", "UNIX"));
        BackendComparison b = BackendComparison.of(results);
        assertEquals(1, b.pairs().size());
        BackendComparison.Pair p = b.pairs().get(0);
        assertSame(results.get(0), p.jnr());
        assertEquals(1.1, p.ratio().median(), EPS); // 1.1 against 1.0 in every round, whatever the ns/op
        assertEquals("sendRecv · UNIX · 64 B · jsock byte array", p.label());

        List<Target.Outcome> targets = Target.evaluate(results, b);
        Target.Outcome ffm = targets.stream().filter(t -> t.target().startsWith("FFM")).findFirst().orElseThrow();
        assertTrue(ffm.met() == false && ffm.measured().startsWith("worst 1.10×"), ffm.toString());
        Target.Outcome jdk = targets.stream().filter(t -> t.target().contains("SocketChannel") && t.subject().contains("JDK 25"))
                .findFirst().orElseThrow();
        assertTrue(jdk.measured().contains("1.64×"), jdk.toString()); // 1.8 ÷ 1.1
    }

    @Test
    void renderWritesTheTableWithTargetsNoiseAndThePng(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), "[" + entry("jnr-0001", "jnr", "[[560, 560, 560]]", "ns/op", "[[0.01, 0.01, 0.01]]")
                + "," + entry("ffm-0002", "ffm", "[[500, 500, 500]]", "ns/op", "[[0.0, 0.0, 0.0]]") + "]");
        Files.writeString(dir.resolve("c.json"), "[" + record("jnr-0001", "17.0.21.1", "jnr", "jnr", "[500, 500, 500, 500]")
                + "," + record("ffm-0002", "25.0.3", "ffm", "ffm", "[500, 500, 500, 500]") + "]");
        Files.writeString(dir.resolve("run.json"), """
                {"mode": "full", "command": "benchmarks/run", "started": "2025-01-01T00:00:00Z",
                 "finished": "2025-01-01T00:40:00Z", "minutes": 40.0,
                 "machine": {"cpu": "Some CPU", "cpus": 8, "memory": "16.0 GiB", "kernel": "Linux 6.1", "arch": "amd64",
                             "jvm": "OpenJDK 17"},
                 "c": {"millis": 250, "pin": "off"},
                 "load": [{"loadavg1": 0.5, "busyTicks": 100, "idleTicks": 100, "stealTicks": 0, "at": "x"},
                          {"loadavg1": 1.5, "busyTicks": 200, "idleTicks": 200, "stealTicks": 0, "at": "y"}]}
                """);
        assertEquals(List.of(), Report.render(dir));
        String table = Files.readString(dir.resolve("table.md"));
        assertTrue(table.contains("| send + recv 64 B, UNIX: within 1.05× of C | jsock direct buffer · JDK 17 · jnr | "
                + "1.12× [1.12–1.12] C | **missed** |"), table);
        assertTrue(table.contains("| UNIX · 64 B | jsock direct buffer | JDK 17 · jnr | 560 | 500 | 1.12 | 1.12–1.12 | 3 | 0.01 |"), table);
        assertTrue(table.contains("| UNIX · 64 B | C | all | 500 | 500 | 1.00 | ±0.0 % | 6 | — |"), table);
        assertTrue(table.contains("| StreamSendRecvBenchmark | sendRecv · UNIX · 64 B · jsock direct buffer | 560 | 500 | 0.89 |"), table);
        assertTrue(table.contains("| FFM within 1.05× of JNR or faster, every case | StreamSendRecvBenchmark (1 case)"), table);
        assertTrue(table.contains("1-minute load average 0.50 / 1.00 / 1.50"), table);
        assertTrue(table.contains("CPUs busy 50 %"), table);
        assertTrue(table.contains("not pinned"), table);
        assertTrue(table.contains("| stream UNIX 64 B | 8 | 500 | 0.0 % | 0.0 % |"), table);
        byte[] png = Files.readAllBytes(dir.resolve("chart.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void longHeaderLinesAreWrappedAtSpaces() {
        assertEquals(List.of("aa bb", "cc"), Report.wrap("aa bb cc", 5));
        assertEquals(List.of("toolongword"), Report.wrap("toolongword", 5));
    }

    private static Map<String, Double> ratios(Comparison.Group g) {
        Map<String, Double> out = new TreeMap<>();
        g.rows().forEach(r -> out.put(r.label(), r.ratio().median()));
        return out;
    }

    /** A JMH entry of the stream class (direct buffer, UNIX, 64 B) as the suite writes it. */
    private static String entry(String run, String backend, String raw, String unit, String allocation) {
        return """
                {"jmhVersion": "1.37", "benchmark": "%s.sendRecv", "mode": "avgt", "forks": 1,
                 "jvmArgs": ["-Djsock.backend=%s"],
                 "jdkVersion": "17", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.21",
                 "warmupIterations": 2, "warmupTime": "1 s", "measurementIterations": 3, "measurementTime": "500 ms",
                 "params": {"peer": "JSOCK_DIRECT_BUFFER", "size": "64", "transport": "UNIX"},
                 "primaryMetric": {"score": 1, "scoreError": "NaN", "scoreUnit": "%s", "rawData": %s},
                 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.1, "scoreUnit": "B/op", "rawData": %s}},
                 "jsock": {"run": "%s", "backend": "%s"}}
                """.formatted(STREAM, backend, unit, raw, allocation, run, backend);
    }

    /** A fork's C record, as CBracket writes it. */
    private static String record(String run, String jdk, String asked, String ran, String c) {
        return """
                {"run": "%s", "benchmark": "%s.sendRecv",
                 "params": {"peer": "JSOCK_DIRECT_BUFFER", "size": "64", "transport": "UNIX"},
                 "jdk": "%s", "vm": "x", "backendAsked": "%s", "backend": "%s", "pin": "off",
                 "loop": {"case": "stream", "transport": "UNIX", "size": 64}, "ops": 1000, "cNanosPerOp": %s}
                """.formatted(run, STREAM, jdk, asked, ran, c);
    }

    private static JsonArray array(String... objects) {
        return JsonParser.parseString("[" + String.join(",", objects) + "]").getAsJsonArray();
    }

    private static Result result(String benchmarkClass, String method, Backend backend, Result.Loop loop, double[] java,
            double[] c, String... params) {
        TreeMap<String, String> p = new TreeMap<>();
        for (int i = 0; i < params.length; i += 2) p.put(params[i], params[i + 1]);
        return new Result(benchmarkClass, method, p, backend, java, c, 0, loop, "off");
    }
}
