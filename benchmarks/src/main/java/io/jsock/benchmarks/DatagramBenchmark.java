package io.jsock.benchmarks;

import io.jsock.Family;
import io.jsock.MessageBatch;
import io.jsock.MsgHdr;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread sends 64-byte datagrams and receives them, over an AF_UNIX datagram pair and over
 * UDP loopback: the cost per datagram of send + recv one at a time (jsock's send/recvInto, its
 * zero-allocation sendMsg/recvMsgInto over a MsgHdr, the JDK's DatagramChannel for UDP, which has
 * no AF_UNIX datagrams) against sendMmsg + recvMmsg of 64 at a time, reported per datagram. The C
 * loop "dgram" (one 64-byte datagram sent and received, over the same transport) carries the load
 * of the moment.
 */
@Baseline(method = "udpJdkDatagramChannel", label = "DatagramChannel (UDP)")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
public class DatagramBenchmark {
    static final int SIZE = 64;
    static final int BATCH = 64;

    /** Two connected datagram sockets and the buffers each path uses. */
    public abstract static class Endpoints {
        Socket tx;
        Socket rx;
        final ByteBuffer direct = ByteBuffer.allocateDirect(SIZE);
        final ByteBuffer[] directs = {direct};
        final MsgHdr sendHeader = new MsgHdr(1, 0);
        final MsgHdr recvHeader = new MsgHdr(1, 0);
        final MessageBatch out = new MessageBatch(BATCH, SIZE);
        final MessageBatch in = new MessageBatch(BATCH, SIZE);

        @TearDown(Level.Trial)
        public void close() throws IOException {
            tx.close();
            rx.close();
        }
    }

    @State(Scope.Thread)
    public static class Unix extends Endpoints {
        @Setup(Level.Trial)
        public void open() throws IOException {
            Socket[] pair = Socket.pair(Family.UNIX, Type.DGRAM);
            tx = pair[0];
            rx = pair[1];
        }
    }

    @State(Scope.Thread)
    public static class Udp extends Endpoints {
        DatagramChannel jdkTx;
        DatagramChannel jdkRx;

        @Setup(Level.Trial)
        public void open() throws IOException {
            tx = Socket.open(Family.INET, Type.DGRAM);
            rx = Socket.open(Family.INET, Type.DGRAM);
            tx.bind(SockAddr.inet("127.0.0.1", 0));
            rx.bind(SockAddr.inet("127.0.0.1", 0));
            tx.connect(rx.getSockName());
            rx.connect(tx.getSockName());
            // Room for a whole batch; a datagram lost anyway ends the run with a timeout, not a hang.
            rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 1 << 20);
            rx.setTimeout(Duration.ofSeconds(5));
            jdkTx = DatagramChannel.open();
            jdkRx = DatagramChannel.open();
            jdkTx.bind(new InetSocketAddress("127.0.0.1", 0));
            jdkRx.bind(new InetSocketAddress("127.0.0.1", 0));
            jdkTx.connect(jdkRx.getLocalAddress());
            jdkRx.connect(jdkTx.getLocalAddress());
        }

        @TearDown(Level.Trial)
        public void closeJdk() throws IOException {
            jdkTx.close();
            jdkRx.close();
        }
    }

    // ---- one datagram per call

    static int sendRecv(Endpoints e) throws IOException {
        e.direct.clear();
        e.tx.send(e.direct);
        e.direct.clear();
        return e.rx.recvInto(e.direct);
    }

    static int sendMsgRecvMsg(Endpoints e) throws IOException {
        e.direct.clear();
        e.tx.sendMsg(e.directs, e.sendHeader, 0, null);
        e.direct.clear();
        return e.rx.recvMsgInto(e.directs, e.recvHeader, 0);
    }

    /** 64 datagrams out in one sendmmsg, 64 in with recvmmsg (all are queued when it runs). */
    static int batched(Endpoints e) throws IOException {
        for (int sent = 0; sent < BATCH; ) sent += e.tx.sendMmsg(e.out, sent, BATCH - sent, 0);
        int got = 0;
        while (got < BATCH) got += e.rx.recvMmsg(e.in, got, BATCH - got, 0);
        return got;
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UNIX", size = SIZE)
    public int unixSendRecv(Unix s, CBracket c) throws IOException {
        return sendRecv(s);
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UNIX", size = SIZE)
    public int unixSendMsgRecvMsg(Unix s, CBracket c) throws IOException {
        return sendMsgRecvMsg(s);
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UNIX", size = SIZE)
    @OperationsPerInvocation(BATCH)
    public int unixBatched(Unix s, CBracket c) throws IOException {
        return batched(s);
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UDP", size = SIZE)
    public int udpSendRecv(Udp s, CBracket c) throws IOException {
        return sendRecv(s);
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UDP", size = SIZE)
    public int udpSendMsgRecvMsg(Udp s, CBracket c) throws IOException {
        return sendMsgRecvMsg(s);
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UDP", size = SIZE)
    @OperationsPerInvocation(BATCH)
    public int udpBatched(Udp s, CBracket c) throws IOException {
        return batched(s);
    }

    @Benchmark
    @CLoop(value = "dgram", transport = "UDP", size = SIZE)
    @PeerBenchmark
    public int udpJdkDatagramChannel(Udp s, CBracket c) throws IOException {
        s.direct.clear();
        s.jdkTx.write(s.direct);
        s.direct.clear();
        return s.jdkRx.read(s.direct);
    }
}
