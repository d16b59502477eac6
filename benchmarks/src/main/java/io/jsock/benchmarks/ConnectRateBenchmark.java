package io.jsock.benchmarks;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Type;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * Case 5: a connection's life in one thread: a new socket connects to a listener, the listener
 * accepts, and both ends close, the accepted end first (so TCP's TIME_WAIT stays on the
 * listener's side and the client's ports never run out). The C loop "connect" does the same.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@CLoop("connect")
public class ConnectRateBenchmark {

    /** A jsock listener on a path or on 127.0.0.1. */
    @State(Scope.Thread)
    public static class JsockListener {
        @Param({"UNIX", "TCP"})
        public Transport transport;

        Family family;
        Socket listener;
        SockAddr address;
        private SocketPath path;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            family = transport == Transport.UNIX ? Family.UNIX : Family.INET;
            listener = Socket.open(family, Type.STREAM);
            if (transport == Transport.UNIX) {
                path = new SocketPath();
                listener.bind(SockAddr.unix(path.path()));
            } else {
                listener.bind(SockAddr.inet(Connections.LOOPBACK, 0));
            }
            listener.listen(128);
            address = listener.getSockName();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            listener.close();
            if (path != null) path.close();
        }
    }

    /** A JDK {@code ServerSocketChannel} on a path or on 127.0.0.1. */
    @State(Scope.Thread)
    public static class JdkListener {
        @Param({"UNIX", "TCP"})
        public Transport transport;

        ProtocolFamily family;
        ServerSocketChannel listener;
        SocketAddress address;
        private SocketPath path;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            family = transport == Transport.UNIX ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
            listener = ServerSocketChannel.open(family);
            if (transport == Transport.UNIX) {
                path = new SocketPath();
                listener.bind(path.address(), 128);
            } else {
                listener.bind(new InetSocketAddress(Connections.LOOPBACK, 0), 128);
            }
            address = listener.getLocalAddress();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            listener.close();
            if (path != null) path.close();
        }
    }

    @Benchmark
    public void jsock(JsockListener l, CBracket c) throws IOException {
        try (Socket client = Socket.open(l.family, Type.STREAM)) {
            client.connect(l.address);
            l.listener.accept().close();
        }
    }

    @Benchmark
    @PeerBenchmark
    public void jdkChannel(JdkListener l, CBracket c) throws IOException {
        try (SocketChannel client = SocketChannel.open(l.family)) {
            client.connect(l.address);
            l.listener.accept().close();
        }
    }
}
