package io.jsock.benchmarks.report;

import io.jsock.benchmarks.DatagramBenchmark;
import io.jsock.benchmarks.PingPongBenchmark;
import io.jsock.benchmarks.StreamSendRecvBenchmark;
import io.jsock.benchmarks.TimeoutRecvBenchmark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * jsock's performance targets, checked against the results of a run, for each backend that ran.
 * They are reported, never asserted: a missed target is news for the report, not a failed build.
 * A target whose results are absent (a filtered run) is left out. Every figure is a median of
 * per-round ratios to C (or of all-pairs ratios of two results' per-round ratios to C), so the
 * load of the moment each was measured in cancels out; the IQR follows in brackets.
 */
final class Target {
    /** One target for one case: what was measured and whether it meets the target. */
    record Outcome(String target, String subject, String measured, boolean met) {}

    static final List<String> JSOCK_PEERS = List.of("JSOCK_BYTE_ARRAY", "JSOCK_HEAP_BUFFER", "JSOCK_DIRECT_BUFFER");
    static final List<String> UNIX_ONLY_PEERS = List.of("JNR_UNIXSOCKET", "JUNIXSOCKET");
    static final double FFM_WITHIN = 1.05;
    private static final String STREAM = StreamSendRecvBenchmark.class.getName();
    private static final String PING_PONG = PingPongBenchmark.class.getName();
    private static final String TIMEOUT = TimeoutRecvBenchmark.class.getName();
    private static final String DATAGRAM = DatagramBenchmark.class.getName();

    private final List<Result> results;
    private final List<Outcome> outcomes = new ArrayList<>();

    private Target(List<Result> results) {
        this.results = results;
    }

    static List<Outcome> evaluate(List<Result> results, BackendComparison backends) {
        Target t = new Target(results);
        List<Backend> jsockBackends = results.stream().map(Result::backend).filter(Backend::runsJsock).distinct().toList();
        for (Backend b : jsockBackends) {
            t.streamAgainstC(b);
            t.streamAgainstJdk(b);
            t.aheadOfUnixOnlyPeers(STREAM, b);
            t.aheadOfUnixOnlyPeers(PING_PONG, b);
            t.pingPongAgainstC(b);
            t.noAllocationOnDirectBuffers(b);
            t.batchedUdpAgainstJdk(b);
        }
        t.ffmWithinJnr(backends);
        return t.outcomes;
    }

    /** jsock send + recv of 64 B over the UNIX socketpair within 1.05× of C (the platforms issue's target). */
    private void streamAgainstC(Backend b) {
        for (String peer : JSOCK_PEERS) {
            Result r = find(STREAM, "sendRecv", Map.of("peer", peer, "size", "64", "transport", "UNIX"), b);
            if (r == null) continue;
            Stats.Summary ratio = r.ratioToC();
            add("send + recv 64 B, UNIX: within 1.05× of C", name(peer) + " · " + b.label(), times(ratio) + " C",
                    ratio.median() <= 1.05);
        }
    }

    /** ... and at least 1.3× faster than the JDK's SocketChannel. */
    private void streamAgainstJdk(Backend b) {
        Result jdk = find(STREAM, "sendRecv", Map.of("peer", "JDK_CHANNEL", "size", "64", "transport", "UNIX"), null);
        for (String peer : JSOCK_PEERS) {
            Result r = find(STREAM, "sendRecv", Map.of("peer", peer, "size", "64", "transport", "UNIX"), b);
            if (r == null || jdk == null) continue;
            Stats.Summary speedup = jdk.ratioTo(r);
            add("send + recv 64 B, UNIX: 1.3× faster than the JDK's SocketChannel", name(peer) + " · " + b.label(),
                    "JDK's time ÷ jsock's: " + times(speedup), speedup.median() >= 1.3);
        }
    }

    /** Ahead of jnr-unixsocket and junixsocket on every case: the slowest jsock path beats the fastest of them. */
    private void aheadOfUnixOnlyPeers(String benchmarkClass, Backend b) {
        List<String> sizes = results.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass))
                .map(r -> r.param("size")).filter(Objects::nonNull).distinct().toList();
        for (String size : sizes) {
            Predicate<Result> here = r -> r.benchmarkClass().equals(benchmarkClass) && size.equals(r.param("size"))
                    && "UNIX".equals(r.param("transport"));
            Result slowestJsock = extreme(here.and(r -> peerIn(r, JSOCK_PEERS) && r.backend().equals(b)), true);
            Result fastestPeer = extreme(here.and(r -> peerIn(r, UNIX_ONLY_PEERS)), false);
            if (slowestJsock == null || fastestPeer == null) continue;
            Stats.Summary ratio = slowestJsock.ratioTo(fastestPeer);
            add("ahead of jnr-unixsocket and junixsocket", simple(benchmarkClass) + " " + size + " B, UNIX · " + b.label(),
                    "slowest jsock (" + name(slowestJsock.param("peer")) + ") at " + times(ratio) + " "
                            + name(fastestPeer.param("peer")),
                    ratio.median() < 1);
        }
    }

    /** Ping-pong within 1.1× of C, for the slowest jsock path of each transport and size. */
    private void pingPongAgainstC(Backend b) {
        Map<Result.Loop, List<Result>> byLoop = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.benchmarkClass().equals(PING_PONG) && peerIn(r, JSOCK_PEERS) && r.backend().equals(b)) {
                byLoop.computeIfAbsent(r.loop(), k -> new ArrayList<>()).add(r);
            }
        }
        byLoop.forEach((loop, rs) -> {
            Result slowest = rs.stream().max(Comparator.comparingDouble(r -> r.ratioToC().median())).orElseThrow();
            Stats.Summary ratio = slowest.ratioToC();
            add("ping-pong within 1.1× of C", loop.transport() + " " + loop.size() + " B · " + b.label(),
                    "slowest jsock (" + name(slowest.param("peer")) + ") at " + times(ratio) + " C", ratio.median() <= 1.1);
        });
    }

    /** 0 B/op on the direct-ByteBuffer paths (below 1 B/op: -prof gc counts a little of JMH's own). */
    private void noAllocationOnDirectBuffers(Backend b) {
        for (String benchmarkClass : List.of(STREAM, PING_PONG, TIMEOUT)) {
            Result most = null;
            for (Result r : results) {
                boolean direct = "JSOCK_DIRECT_BUFFER".equals(r.param("peer"))
                        || (benchmarkClass.equals(TIMEOUT) && r.method().equals("jsock"));
                if (r.benchmarkClass().equals(benchmarkClass) && direct && r.backend().equals(b)
                        && !Double.isNaN(r.bytesPerOp()) && (most == null || r.bytesPerOp() > most.bytesPerOp())) {
                    most = r;
                }
            }
            if (most == null) continue;
            add("0 B/op on direct ByteBuffers", simple(benchmarkClass) + ", jsock direct buffer · " + b.label(),
                    String.format(Locale.ROOT, "at most %.2f B/op", most.bytesPerOp()), most.bytesPerOp() < 1);
        }
    }

    /** Batched 64-byte UDP at least 3× the messages per second of DatagramChannel. */
    private void batchedUdpAgainstJdk(Backend b) {
        Result jdk = find(DATAGRAM, "udpJdkDatagramChannel", Map.of(), null);
        Result batched = find(DATAGRAM, "udpBatched", Map.of(), b);
        if (jdk == null || batched == null) return;
        Stats.Summary speedup = jdk.ratioTo(batched);
        add("batched 64 B UDP: 3× the messages per second of DatagramChannel", "sendMmsg + recvMmsg · " + b.label(),
                "DatagramChannel's time per datagram ÷ jsock's: " + times(speedup), speedup.median() >= 3);
    }

    /** FFM within 1.05× of JNR or faster on every case: per class, its worst case. */
    private void ffmWithinJnr(BackendComparison backends) {
        Map<String, List<BackendComparison.Pair>> byClass = new LinkedHashMap<>();
        for (BackendComparison.Pair p : backends.pairs()) byClass.computeIfAbsent(p.simpleClass(), k -> new ArrayList<>()).add(p);
        byClass.forEach((c, pairs) -> {
            BackendComparison.Pair worst = pairs.stream().max(Comparator.comparingDouble(p -> p.ratio().median())).orElseThrow();
            long over = pairs.stream().filter(p -> p.ratio().median() > FFM_WITHIN).count();
            add("FFM within 1.05× of JNR or faster, every case", c + " (" + pairs.size() + (pairs.size() == 1 ? " case" : " cases") + ") · "
                    + worst.ffm().backend().label() + " ÷ " + worst.jnr().backend().label(),
                    "worst " + times(worst.ratio()) + " (" + worst.label() + ")" + (over > 0 ? ", " + over + " over" : ""),
                    over == 0);
        });
    }

    /** Whether r has a peer parameter, one of {@code peers}. */
    private static boolean peerIn(Result r, List<String> peers) {
        String peer = r.param("peer");
        return peer != null && peers.contains(peer);
    }

    /** The result of a method with these parameters on backend b (null: the peer's one run). */
    private Result find(String benchmarkClass, String method, Map<String, String> params, Backend b) {
        for (Result r : results) {
            if (r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method)
                    && (b == null || r.backend().equals(b))
                    && params.entrySet().stream().allMatch(p -> p.getValue().equals(r.param(p.getKey())))) {
                return r;
            }
        }
        return null;
    }

    /** The slowest (or fastest) result of those selected, by the median of its per-round ratios to C. */
    private Result extreme(Predicate<Result> which, boolean slowest) {
        Result best = null;
        for (Result r : results) {
            if (!which.test(r)) continue;
            double x = r.ratioToC().median();
            if (best == null || (slowest ? x > best.ratioToC().median() : x < best.ratioToC().median())) best = r;
        }
        return best;
    }

    private void add(String target, String subject, String measured, boolean met) {
        outcomes.add(new Outcome(target, subject, measured, met));
    }

    /** e.g. "1.08× [1.05–1.10]": the median and the IQR. */
    static String times(Stats.Summary s) {
        return String.format(Locale.ROOT, "%.2f× [%.2f–%.2f]", s.median(), s.q1(), s.q3());
    }

    private static String name(String peer) {
        return peer.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String simple(String benchmarkClass) {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }
}
