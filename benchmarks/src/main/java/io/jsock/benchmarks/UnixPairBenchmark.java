package io.jsock.benchmarks;

import io.jsock.Family;
import io.jsock.Socket;
import io.jsock.Type;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.UnixDomainSocketAddress;
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
 * One thread sends {@code size} bytes into one end of a connected AF_UNIX stream pair and
 * receives them from the other: the cost of one send + recv, jsock against the JDK's channel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnixPairBenchmark {
    @Param({"64"})
    int size;

    private Socket a;
    private Socket b;
    private byte[] array;
    private ByteBuffer direct;
    private ByteBuffer heap;
    private SocketChannel jdkA;
    private SocketChannel jdkB;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Socket[] pair = Socket.pair(Family.UNIX, Type.STREAM);
        a = pair[0];
        b = pair[1];
        array = new byte[size];
        direct = ByteBuffer.allocateDirect(size);
        heap = ByteBuffer.allocate(size);
        dir = Files.createTempDirectory("jsock-bench");
        UnixDomainSocketAddress path = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(path);
            jdkA = SocketChannel.open(path);
            jdkB = server.accept();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        a.close();
        b.close();
        jdkA.close();
        jdkB.close();
        Files.deleteIfExists(dir.resolve("s"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public int jsockByteArray() throws IOException {
        a.send(array, 0, size);
        return b.recvInto(array, 0, size);
    }

    @Benchmark
    public int jsockDirectBuffer() throws IOException {
        direct.clear();
        a.send(direct);
        direct.clear();
        return b.recvInto(direct);
    }

    @Benchmark
    public int jsockHeapBuffer() throws IOException {
        heap.clear();
        a.send(heap);
        heap.clear();
        return b.recvInto(heap);
    }

    @Benchmark
    public int jdkSocketChannel() throws IOException {
        direct.clear();
        jdkA.write(direct);
        direct.clear();
        return jdkB.read(direct);
    }
}
