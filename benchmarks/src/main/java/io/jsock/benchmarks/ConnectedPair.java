package io.jsock.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two connected endpoints of one peer, with buffers of {@link #size} bytes: {@link #a} sends and
 * {@link #b} receives, or, with an echo, {@link #b} is served by a thread that returns every
 * message to {@link #a}. The peers and transports a benchmark runs are those of {@link AnyTransport}
 * and {@link UnixOnly}; each benchmark class subclasses them with a {@code @Setup} that calls
 * {@link #open} or {@link #openWithEcho}.
 */
@State(Scope.Thread)
public abstract class ConnectedPair {
    @Param({"64", "1024", "16384"})
    public int size;

    public Endpoint a;
    public Endpoint b;
    private Thread echo;
    private volatile IOException echoFailure;

    protected void open(Peer peer, Transport transport) throws IOException {
        Endpoint[] pair = peer.connect(transport, size);
        a = pair[0];
        b = pair[1];
    }

    /** Opens the pair and starts a thread that sends back each message of {@code size} bytes b receives. */
    protected void openWithEcho(Peer peer, Transport transport) throws IOException {
        open(peer, transport);
        echo = new Thread(this::echo, "echo " + peer + " " + transport);
        echo.setDaemon(true);
        echo.start();
    }

    private void echo() {
        try {
            Pinning.pinEchoThread();
            while (b.recvFully(size)) b.sendFully(size);
        } catch (IOException | RuntimeException e) {
            echoFailure = e instanceof IOException io ? io : new IOException(e);
            closeQuietly(b); // a's next recv sees the end of the stream instead of waiting forever
        }
    }

    /** What to throw when a's round trip found the stream closed: the echo thread stopped. */
    public IOException echoStopped() {
        return new EOFException("the echo thread stopped" + (echoFailure == null ? "" : ": " + echoFailure));
    }

    /** Closes a first: the echo thread, if any, sees the end of the stream and returns. */
    @TearDown(Level.Trial)
    public void close() throws IOException, InterruptedException {
        a.close();
        if (echo != null) {
            echo.join(10_000);
            if (echo.isAlive()) throw new IllegalStateException(echo.getName() + " did not stop");
        }
        b.close();
        if (echoFailure != null) throw new UncheckedIOException("the echo thread failed", echoFailure);
    }

    /** The peers that speak both UNIX and TCP. */
    @State(Scope.Thread)
    public abstract static class AnyTransport extends ConnectedPair {
        @Param({"JSOCK_BYTE_ARRAY", "JSOCK_HEAP_BUFFER", "JSOCK_DIRECT_BUFFER", "JDK_CHANNEL"})
        public Peer peer;

        @Param({"UNIX", "TCP"})
        public Transport transport;
    }

    /** The peers that speak AF_UNIX only. */
    @State(Scope.Thread)
    public abstract static class UnixOnly extends ConnectedPair {
        @Param({"JNR_UNIXSOCKET", "JUNIXSOCKET"})
        public Peer peer;

        @Param({"UNIX"})
        public Transport transport;
    }

    private static void closeQuietly(Endpoint e) {
        try {
            e.close();
        } catch (IOException ignored) {
            // the failure that made us close it is the one reported
        }
    }
}
