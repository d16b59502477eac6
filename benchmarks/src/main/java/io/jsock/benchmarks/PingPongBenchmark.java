package io.jsock.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 2: a round trip between two threads: {@code size} bytes to an echo thread, which drives
 * its end with the same peer, and back. Two wake-ups per operation, so the scheduler weighs as
 * much as the library. The C loop "pingpong" runs the same loop with a pthread; both pin their
 * threads as {@link Pinning} says.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@CLoop("pingpong")
public class PingPongBenchmark {

    @State(Scope.Thread)
    public static class AnyTransport extends ConnectedPair.AnyTransport {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            openWithEcho(peer, transport);
        }
    }

    @State(Scope.Thread)
    public static class UnixOnly extends ConnectedPair.UnixOnly {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            openWithEcho(peer, transport);
        }
    }

    @Benchmark
    public void roundTrip(AnyTransport p, CBracket c) throws IOException {
        p.a.sendFully(p.size);
        if (!p.a.recvFully(p.size)) throw p.echoStopped();
    }

    @Benchmark
    public void roundTripUnixOnly(UnixOnly p, CBracket c) throws IOException {
        p.a.sendFully(p.size);
        if (!p.a.recvFully(p.size)) throw p.echoStopped();
    }
}
