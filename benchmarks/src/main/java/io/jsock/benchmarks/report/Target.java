package io.jsock.benchmarks.report;

import io.jsock.benchmarks.CBaseline;
import io.jsock.benchmarks.PingPongBenchmark;
import io.jsock.benchmarks.StreamSendRecvBenchmark;
import io.jsock.benchmarks.TimeoutRecvBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * jsock's performance targets, checked against the results of a run. They are reported, never
 * asserted: a missed target is news for the report, not a failed build. A target whose results
 * are absent (a filtered run) is left out.
 */
final class Target {
    /** One target for one case: what was measured and whether it meets the target. */
    record Outcome(String target, String subject, String measured, boolean met) {}

    static final List<String> JSOCK_PEERS = List.of("JSOCK_BYTE_ARRAY", "JSOCK_HEAP_BUFFER", "JSOCK_DIRECT_BUFFER");
    static final List<String> UNIX_ONLY_PEERS = List.of("JNR_UNIXSOCKET", "JUNIXSOCKET");
    private static final String STREAM = StreamSendRecvBenchmark.class.getName();
    private static final String PING_PONG = PingPongBenchmark.class.getName();
    private static final String TIMEOUT = TimeoutRecvBenchmark.class.getName();

    private final List<Result> results;
    private final List<Outcome> outcomes = new ArrayList<>();

    private Target(List<Result> results) {
        this.results = results;
    }

    static List<Outcome> evaluate(List<Result> results) {
        Target t = new Target(results);
        t.streamAgainstC();
        t.streamAgainstJdk();
        t.aheadOfUnixOnlyPeers(STREAM);
        t.aheadOfUnixOnlyPeers(PING_PONG);
        t.pingPongAgainstC();
        t.noAllocationOnDirectBuffers();
        return t.outcomes;
    }

    /** jsock send + recv of 64 B over the UNIX socketpair within 1.15× of C. */
    private void streamAgainstC() {
        Result c = find(STREAM, CBaseline.METHOD, Map.of("size", "64", "transport", "UNIX"));
        for (String peer : JSOCK_PEERS) {
            Result r = find(STREAM, "sendRecv", Map.of("peer", peer, "size", "64", "transport", "UNIX"));
            if (r == null || c == null) continue;
            double ratio = r.nanosPerOp() / c.nanosPerOp();
            add("send + recv 64 B, UNIX: within 1.15× of C", name(peer), times(ratio) + " C", ratio <= 1.15);
        }
    }

    /** ... and at least 1.3× faster than the JDK's SocketChannel. */
    private void streamAgainstJdk() {
        Result jdk = find(STREAM, "sendRecv", Map.of("peer", "JDK_CHANNEL", "size", "64", "transport", "UNIX"));
        for (String peer : JSOCK_PEERS) {
            Result r = find(STREAM, "sendRecv", Map.of("peer", peer, "size", "64", "transport", "UNIX"));
            if (r == null || jdk == null) continue;
            double speedup = jdk.nanosPerOp() / r.nanosPerOp();
            add("send + recv 64 B, UNIX: 1.3× faster than the JDK's SocketChannel", name(peer),
                    "JDK's time ÷ jsock's: " + times(speedup), speedup >= 1.3);
        }
    }

    /** Ahead of jnr-unixsocket and junixsocket on every case: the slowest jsock path beats the fastest of them. */
    private void aheadOfUnixOnlyPeers(String benchmarkClass) {
        List<String> sizes = results.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass))
                .map(r -> r.param("size")).filter(Objects::nonNull).distinct().toList();
        for (String size : sizes) {
            Predicate<Result> here = r -> r.benchmarkClass().equals(benchmarkClass) && size.equals(r.param("size"))
                    && "UNIX".equals(r.param("transport"));
            Result slowestJsock = extreme(here.and(r -> peerIn(r, JSOCK_PEERS)), true);
            Result fastestPeer = extreme(here.and(r -> peerIn(r, UNIX_ONLY_PEERS)), false);
            if (slowestJsock == null || fastestPeer == null) continue;
            double ratio = slowestJsock.nanosPerOp() / fastestPeer.nanosPerOp();
            add("ahead of jnr-unixsocket and junixsocket", simple(benchmarkClass) + " " + size + " B, UNIX",
                    "slowest jsock (" + name(slowestJsock.param("peer")) + ") at " + times(ratio) + " "
                            + name(fastestPeer.param("peer")),
                    ratio < 1);
        }
    }

    /** Ping-pong within 1.1× of C, for the slowest jsock path of each transport and size. */
    private void pingPongAgainstC() {
        for (Result c : results) {
            if (!c.benchmarkClass().equals(PING_PONG) || !c.isC()) continue;
            Result slowest = extreme(r -> r.benchmarkClass().equals(PING_PONG) && peerIn(r, JSOCK_PEERS)
                    && c.param("size").equals(r.param("size")) && c.param("transport").equals(r.param("transport")), true);
            if (slowest == null) continue;
            double ratio = slowest.nanosPerOp() / c.nanosPerOp();
            add("ping-pong within 1.1× of C", c.param("transport") + " " + c.param("size") + " B",
                    "slowest jsock (" + name(slowest.param("peer")) + ") at " + times(ratio) + " C", ratio <= 1.1);
        }
    }

    /** 0 B/op on the direct-ByteBuffer paths (below 1 B/op: -prof gc counts a little of JMH's own). */
    private void noAllocationOnDirectBuffers() {
        for (String benchmarkClass : List.of(STREAM, PING_PONG, TIMEOUT)) {
            Result most = null;
            for (Result r : results) {
                boolean direct = "JSOCK_DIRECT_BUFFER".equals(r.param("peer"))
                        || (benchmarkClass.equals(TIMEOUT) && r.method().equals("jsock"));
                if (r.benchmarkClass().equals(benchmarkClass) && direct && !Double.isNaN(r.bytesPerOp())
                        && (most == null || r.bytesPerOp() > most.bytesPerOp())) {
                    most = r;
                }
            }
            if (most == null) continue;
            add("0 B/op on direct ByteBuffers", simple(benchmarkClass) + ", jsock direct buffer",
                    String.format(Locale.ROOT, "at most %.2f B/op", most.bytesPerOp()), most.bytesPerOp() < 1);
        }
    }

    /** Whether r has a peer parameter, one of {@code peers}. */
    private static boolean peerIn(Result r, List<String> peers) {
        String peer = r.param("peer");
        return peer != null && peers.contains(peer);
    }

    private Result find(String benchmarkClass, String method, Map<String, String> params) {
        for (Result r : results) {
            if (r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method)
                    && params.entrySet().stream().allMatch(p -> p.getValue().equals(r.param(p.getKey())))) {
                return r;
            }
        }
        return null;
    }

    private Result extreme(Predicate<Result> which, boolean slowest) {
        Result best = null;
        for (Result r : results) {
            if (!which.test(r)) continue;
            if (best == null || (slowest ? r.nanosPerOp() > best.nanosPerOp() : r.nanosPerOp() < best.nanosPerOp())) best = r;
        }
        return best;
    }

    private void add(String target, String subject, String measured, boolean met) {
        outcomes.add(new Outcome(target, subject, measured, met));
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String name(String peer) {
        return peer.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String simple(String benchmarkClass) {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }
}
