package io.jsock.benchmarks;

import io.jsock.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 4: what a timeout costs when data is ready. One thread sends 64 bytes and receives them on
 * a socket that either blocks or has a timeout. With a timeout jsock keeps the fd non-blocking and
 * tries the call before it polls (as CPython), so with data ready the poll never happens. The JDK
 * has timeouts only on the classic {@code java.net.Socket} (TCP), measured beside it both ways.
 * Each result is reported against jsock's blocking recv on the same transport and backend; the C
 * loop "stream" of 64 bytes carries the load of the moment.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@Baseline(method = "jsock", params = "wait=BLOCKING", label = "jsock, blocking recv")
@CLoop(value = "stream", size = TimeoutRecvBenchmark.SIZE)
public class TimeoutRecvBenchmark {
    static final int SIZE = 64;
    /** Long enough never to expire: only its bookkeeping is measured. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** How the receiving socket waits. */
    public enum Wait {
        BLOCKING,
        TIMEOUT
    }

    /** jsock over a direct buffer; the receiving end blocks or has {@link #TIMEOUT}. */
    @State(Scope.Thread)
    public static class Jsock {
        @Param({"UNIX", "TCP"})
        public Transport transport;

        @Param({"BLOCKING", "TIMEOUT"})
        public Wait wait;

        Endpoint a;
        Endpoint b;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Socket[] pair = Connections.jsock(transport);
            if (wait == Wait.TIMEOUT) pair[1].setTimeout(TIMEOUT);
            a = new JsockBufferEndpoint(pair[0], ByteBuffer.allocateDirect(SIZE));
            b = new JsockBufferEndpoint(pair[1], ByteBuffer.allocateDirect(SIZE));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            a.close();
            b.close();
        }
    }

    /** The JDK's {@code java.net.Socket} over TCP; the receiving end has SO_TIMEOUT 0 (blocking) or {@link #TIMEOUT}. */
    @State(Scope.Thread)
    public static class JdkSocket {
        @Param({"TCP"})
        public Transport transport;

        @Param({"BLOCKING", "TIMEOUT"})
        public Wait wait;

        Endpoint a;
        Endpoint b;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(Connections.LOOPBACK))) {
                java.net.Socket client = new java.net.Socket(listener.getInetAddress(), listener.getLocalPort());
                java.net.Socket server = listener.accept();
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                if (wait == Wait.TIMEOUT) server.setSoTimeout((int) TIMEOUT.toMillis());
                a = new StreamEndpoint(client, SIZE);
                b = new StreamEndpoint(server, SIZE);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            a.close();
            b.close();
        }
    }

    @Benchmark
    public boolean jsock(Jsock s, CBracket c) throws IOException {
        s.a.sendFully(SIZE);
        return s.b.recvFully(SIZE);
    }

    @Benchmark
    @PeerBenchmark
    public boolean jdkSocket(JdkSocket s, CBracket c) throws IOException {
        s.a.sendFully(SIZE);
        return s.b.recvFully(SIZE);
    }
}
