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
 * Case 1: one thread sends {@code size} bytes into one end of a connected stream socket and
 * receives them from the other end: the cost of one send + recv, the library's overhead on top
 * of two system calls. The C loop "stream" (benchmarks/c) runs the same loop around each iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@CLoop("stream")
public class StreamSendRecvBenchmark {

    @State(Scope.Thread)
    public static class AnyTransport extends ConnectedPair.AnyTransport {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            open(peer, transport);
        }
    }

    @State(Scope.Thread)
    public static class UnixOnly extends ConnectedPair.UnixOnly {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            open(peer, transport);
        }
    }

    @Benchmark
    public boolean sendRecv(AnyTransport p, CBracket c) throws IOException {
        p.a.sendFully(p.size);
        return p.b.recvFully(p.size);
    }

    @Benchmark
    public boolean sendRecvUnixOnly(UnixOnly p, CBracket c) throws IOException {
        p.a.sendFully(p.size);
        return p.b.recvFully(p.size);
    }
}
