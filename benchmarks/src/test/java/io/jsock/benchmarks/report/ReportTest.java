package io.jsock.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The report's arithmetic and its choice of baselines, on results written the way JMH writes them. */
class ReportTest {
    private static final String STREAM = StreamSendRecvBenchmark.class.getName();
    private static final String TIMEOUT = TimeoutRecvBenchmark.class.getName();

    @Test
    void everyUnitBecomesNanosecondsPerOperation() {
        assertEquals(1500, ResultFile.nanosPerOp(1.5, "us/op"), 1e-9);
        assertEquals(2e6, ResultFile.nanosPerOp(2, "ms/op"), 1e-9);
        assertEquals(500, ResultFile.nanosPerOp(2e6, "ops/s"), 1e-9);
        assertEquals(250, ResultFile.nanosPerOp(4, "ops/us"), 1e-9);
    }

    @Test
    void cClassesAreComparedWithTheCResultOfTheSameTransportAndSize() {
        List<Result> results = List.of(
                result(STREAM, "sendRecv", 600, "peer", "JSOCK_DIRECT_BUFFER", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", 900, "peer", "JDK_CHANNEL", "size", "64", "transport", "UNIX"),
                result(STREAM, "sendRecv", 3000, "peer", "JSOCK_DIRECT_BUFFER", "size", "64", "transport", "TCP"),
                result(STREAM, "sendRecvUnixOnly", 1200, "peer", "JUNIXSOCKET", "size", "64", "transport", "UNIX"),
                result(STREAM, "c", 500, "size", "64", "transport", "UNIX"),
                result(STREAM, "c", 2500, "size", "64", "transport", "TCP"));
        Comparison c = Comparison.of(results).get(0);
        assertEquals(List.of(), c.problems());
        assertEquals("C", c.baselineLabel());
        assertEquals(List.of("UNIX · 64 B", "TCP · 64 B"), c.groups().stream().map(Comparison.Group::label).toList());

        Comparison.Group unix = c.groups().get(0);
        assertEquals(List.of("C", "jsock direct buffer", "jdk channel", "junixsocket"),
                unix.rows().stream().map(Comparison.Row::label).toList());
        assertArrayEquals(new double[] {1.0, 1.2, 1.8, 2.4},
                unix.rows().stream().mapToDouble(Comparison.Row::ratio).toArray(), 1e-9);
        assertEquals(1.2, c.groups().get(1).rows().get(1).ratio(), 1e-9);
    }

    @Test
    void aBaselineMethodIsMatchedWithItsFixedParameters() {
        List<Result> results = List.of(
                result(TIMEOUT, "jdkSocket", 1500, "transport", "TCP", "wait", "BLOCKING"),
                result(TIMEOUT, "jdkSocket", 1800, "transport", "TCP", "wait", "TIMEOUT"),
                result(TIMEOUT, "jsock", 600, "transport", "UNIX", "wait", "BLOCKING"),
                result(TIMEOUT, "jsock", 660, "transport", "UNIX", "wait", "TIMEOUT"),
                result(TIMEOUT, "jsock", 1200, "transport", "TCP", "wait", "BLOCKING"));
        Comparison c = Comparison.of(results).get(0);
        assertEquals(List.of(), c.problems());
        // Groups follow the baselines' order; jdkSocket and jsock share the TCP group, so labels name the method.
        assertEquals(List.of("UNIX", "TCP"), c.groups().stream().map(Comparison.Group::label).toList());
        Map<String, Double> tcp = new TreeMap<>();
        c.groups().get(1).rows().forEach(r -> tcp.put(r.label(), r.ratio()));
        assertEquals(Map.of("jsock · blocking", 1.0, "jdkSocket · blocking", 1.25, "jdkSocket · timeout", 1.5), tcp);
        assertEquals(1.1, c.groups().get(0).rows().get(1).ratio(), 1e-9);
    }

    @Test
    void aResultWithoutItsBaselineIsAProblem() {
        List<Result> results = List.of(
                result(STREAM, "sendRecv", 600, "peer", "JSOCK_DIRECT_BUFFER", "size", "64", "transport", "UNIX"),
                result(STREAM, "c", 2500, "size", "64", "transport", "TCP"));
        Comparison c = Comparison.of(results).get(0);
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains("no baseline"), c.problems().get(0));
    }

    @Test
    void aClassWithoutAnnotationIsComparedWithItsFastestResult() {
        List<Result> results = List.of(
                result("some.OtherBenchmark", "slow", 300, "size", "64"),
                result("some.OtherBenchmark", "fast", 100, "size", "64"));
        Comparison.Group g = Comparison.of(results).get(0).groups().get(0);
        assertEquals("fast", g.baseline().method());
        assertEquals(3.0, g.rows().get(1).ratio(), 1e-9);
    }

    @Test
    void renderWritesTheTableWithTargetsAndThePng(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), """
                [{"jmhVersion": "1.37", "benchmark": "%s.sendRecv", "mode": "avgt", "forks": 2,
                  "jdkVersion": "17", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15",
                  "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 5, "measurementTime": "1 s",
                  "params": {"peer": "JSOCK_DIRECT_BUFFER", "size": "64", "transport": "UNIX"},
                  "primaryMetric": {"score": 0.56, "scoreError": "NaN", "scoreUnit": "us/op"},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 0.01, "scoreUnit": "B/op"}}}]
                """.formatted(STREAM));
        Files.writeString(dir.resolve("c.json"), """
                [{"benchmark": "%s.c", "mode": "avgt", "params": {"size": "64", "transport": "UNIX"},
                  "primaryMetric": {"score": 500.0, "scoreError": 4.0, "scoreUnit": "ns/op"}}]
                """.formatted(STREAM));
        Files.writeString(dir.resolve("run.json"), """
                {"mode": "full", "command": "benchmarks/run", "started": "2025-01-01T00:00:00Z",
                 "machine": {"cpu": "Some CPU", "cpus": 8, "memory": "16.0 GiB", "kernel": "Linux 6.1", "arch": "amd64",
                             "jvm": "OpenJDK 17"},
                 "c": {"warmupMillis": 3000, "iterations": 10, "iterationMillis": 1000}}
                """);
        assertEquals(List.of(), Report.render(dir));
        String table = Files.readString(dir.resolve("table.md"));
        assertTrue(table.contains("| send + recv 64 B, UNIX: within 1.15× of C | jsock direct buffer | 1.12× C | met |"), table);
        assertTrue(table.contains("| UNIX · 64 B | jsock direct buffer | 560 | — | 1.12 | 0 |"), table);
        assertTrue(table.contains("2 fork(s) × (3 × 1 s warm-up + 5 × 1 s)"), table);
        byte[] png = Files.readAllBytes(dir.resolve("chart.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    private static Result result(String benchmarkClass, String method, double nanos, String... params) {
        TreeMap<String, String> p = new TreeMap<>();
        for (int i = 0; i < params.length; i += 2) p.put(params[i], params[i + 1]);
        return new Result(benchmarkClass, method, p, nanos, Double.NaN, Double.NaN);
    }
}
