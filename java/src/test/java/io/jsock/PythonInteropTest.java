package io.jsock;

import static io.jsock.SocketFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.ChildProcess;
import io.jsock.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jsock against CPython's own socket module, in both directions: jsock listens and CPython
 * connects, CPython listens and jsock connects; jsock sends datagrams and CPython receives, and
 * the reverse. Streams carry over a MiB each way, so sends are partial and receives loop; every
 * byte and every address is compared.
 */
class PythonInteropTest {
    private static final Random RANDOM = new Random();
    /** A bound for waits on a peer that misbehaves; never reached when all is well. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int CHUNK = 64 * 1024;
    /** What the stream cases exercised, printed at the end. */
    private static final AtomicInteger SEND_CALLS = new AtomicInteger();
    private static final AtomicInteger PARTIAL_SENDS = new AtomicInteger();
    private static final AtomicInteger RECEIVE_CALLS = new AtomicInteger();
    private static final AtomicInteger STREAM_BYTES = new AtomicInteger();

    @TempDir
    Path dir;

    /** Where the two ends live. */
    enum Where {
        UNIX_PATH(Family.UNIX),
        UNIX_ABSTRACT(Family.UNIX),
        TCP_UDP_LOOPBACK4(Family.INET),
        TCP_UDP_LOOPBACK6(Family.INET6);

        final Family family;

        Where(Family family) {
            this.family = family;
        }

        /** An address for {@code role}; IP ones take port 0, and the kernel's choice is read back. */
        SockAddr address(Path dir, String role) {
            switch (this) {
                case UNIX_PATH:
                    return SockAddr.unix(dir.resolve(role).toString());
                case UNIX_ABSTRACT: {
                    byte[] tag = new byte[6];
                    RANDOM.nextBytes(tag);
                    // A NUL and bytes that are not UTF-8 inside the name, as CPython's bytes allow.
                    byte[] head = {'j', 's', 'o', 'c', 'k', 0, (byte) 0xff, (byte) 0xc3};
                    return SockAddr.unixAbstract(concat(head, tag, role.getBytes(StandardCharsets.US_ASCII)));
                }
                case TCP_UDP_LOOPBACK4:
                    return SockAddr.inet("127.0.0.1", 0);
                default:
                    return SockAddr.inet6("::1", 0);
            }
        }

        boolean isUnix() {
            return family == Family.UNIX;
        }
    }

    /** Which of jsock's data paths a case uses. */
    enum Buffers { BYTE_ARRAY, HEAP_BUFFER, DIRECT_BUFFER }

    /** How jsock sends a stream: sendAll, or send in a loop taking what the kernel takes. */
    enum Sending { SEND_ALL, SEND_LOOP }

    static Stream<Arguments> streamCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Where w : Where.values()) {
            for (Buffers b : Buffers.values()) {
                int i = w.ordinal() + b.ordinal();
                Sending sending = i % 2 == 0 ? Sending.SEND_ALL : Sending.SEND_LOOP;
                for (boolean blocking : new boolean[] {true, false}) cases.add(Arguments.of(w, b, sending, blocking));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> datagramCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Where w : Where.values()) {
            for (Buffers b : Buffers.values()) cases.add(Arguments.of(w, b));
        }
        return cases.stream();
    }

    @AfterAll
    static void report() {
        System.out.printf("PythonInteropTest: %d stream bytes compared; %d receive calls; send loops made %d calls,"
                + " %d of them partial%n", STREAM_BYTES.get(), RECEIVE_CALLS.get(), SEND_CALLS.get(), PARTIAL_SENDS.get());
    }

    // ---------------------------------------------------------------- streams

    /** jsock listens and accepts, CPython connects: CPython sends "up", jsock answers "down". */
    @ParameterizedTest(name = "{0}, {1}, {2}, blocking={3}")
    @MethodSource("streamCases")
    void jsockServerCPythonClient(Where where, Buffers buffers, Sending sending, boolean blocking) throws Exception {
        byte[] up = payload(1 << 20);
        byte[] down = payload(1 << 20);
        Path upFile = write("up", up);
        Path downFile = write("down", down);
        String clientBind = where.isUnix() ? Python.spec(where.address(dir, "py-client")) : "none";
        try (Socket listener = Socket.open(where.family, Type.STREAM)) {
            listener.bind(where.address(dir, "jsock-server"));
            listener.listen(1);
            listener.setTimeout(PATIENCE); // accept must not outlive a peer that never came
            try (ChildProcess py = Python.start("peer.py", "stream-client", Python.spec(listener.getSockName()),
                    clientBind, upFile.toString(), downFile.toString())) {
                try (Socket conn = listener.accept()) {
                    setMode(conn, blocking);
                    SockAddr pyLocal = Python.parse(py.expect("connected")[0]);
                    assertEquals(pyLocal, conn.getPeerName(), "CPython's address, as accept saw it");
                    assertEquals(listener.getSockName(), conn.getSockName());
                    byte[] got = receiveToEnd(conn, buffers);
                    assertArrayEquals(up, got, "the bytes CPython sent");
                    send(conn, down, buffers, sending);
                }
                String[] r = py.expect("received");
                assertEquals(List.of(Integer.toString(down.length), "ok"), List.of(r), "CPython's judgement of our bytes");
                py.finish();
            }
        }
    }

    /** CPython listens and accepts, jsock connects: jsock sends "up", CPython answers "down". */
    @ParameterizedTest(name = "{0}, {1}, {2}, blocking={3}")
    @MethodSource("streamCases")
    void cpythonServerJsockClient(Where where, Buffers buffers, Sending sending, boolean blocking) throws Exception {
        byte[] up = payload(1 << 20);
        byte[] down = payload(1 << 20);
        Path upFile = write("up", up);
        Path downFile = write("down", down);
        try (ChildProcess py = Python.start("peer.py", "stream-server", Python.spec(where.address(dir, "py-server")),
                upFile.toString(), downFile.toString());
             Socket s = Socket.open(where.family, Type.STREAM)) {
            SockAddr server = Python.parse(py.expect("ready")[0]);
            if (where.isUnix()) s.bind(where.address(dir, "jsock-client"));
            setMode(s, blocking);
            s.connect(server);
            assertEquals(server, s.getPeerName());
            assertEquals(s.getSockName(), Python.parse(py.expect("peer")[0]), "our address, as CPython's accept saw it");
            send(s, up, buffers, sending);
            s.shutdown(How.WRITE);
            String[] r = py.expect("received");
            assertEquals(List.of(Integer.toString(up.length), "ok"), List.of(r), "CPython's judgement of our bytes");
            assertArrayEquals(down, receiveToEnd(s, buffers), "the bytes CPython sent");
            py.finish();
        }
    }

    // ---------------------------------------------------------------- datagrams

    /** jsock sends datagrams of many sizes (the empty one too); CPython receives each with our address. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("datagramCases")
    void jsockSendsCPythonReceives(Where where, Buffers buffers) throws Exception {
        List<byte[]> datagrams = datagrams(where);
        try (ChildProcess py = Python.start("peer.py", "dgram-receiver", Python.spec(where.address(dir, "py-receiver")),
                Integer.toString(datagrams.size()));
             Socket s = Socket.open(where.family, Type.DGRAM)) {
            SockAddr to = Python.parse(py.expect("ready")[0]);
            s.bind(where.address(dir, "jsock-sender"));
            String us = Python.spec(s.getSockName());
            for (byte[] d : datagrams) {
                int n;
                switch (buffers) {
                    case BYTE_ARRAY: n = s.sendTo(d, to); break;
                    case HEAP_BUFFER: n = s.sendTo(ByteBuffer.wrap(d), to); break;
                    default: n = s.sendTo(direct(d), to);
                }
                assertEquals(d.length, n, "a datagram goes whole");
            }
            for (byte[] d : datagrams) {
                String[] got = py.expect("datagram");
                assertEquals(hex(d), got[0], "the datagram CPython received");
                assertEquals(us, got[1], "the sender CPython saw");
            }
            py.finish();
        }
    }

    /** CPython sends datagrams from a bound socket; jsock receives each with CPython's address. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("datagramCases")
    void cpythonSendsJsockReceives(Where where, Buffers buffers) throws Exception {
        List<byte[]> datagrams = datagrams(where);
        try (Socket r = Socket.open(where.family, Type.DGRAM)) {
            r.bind(where.address(dir, "jsock-receiver"));
            r.setTimeout(PATIENCE);
            List<String> args = new ArrayList<>(List.of("dgram-sender", Python.spec(where.address(dir, "py-sender")),
                    Python.spec(r.getSockName())));
            for (byte[] d : datagrams) args.add(hex(d));
            try (ChildProcess py = Python.start("peer.py", args.toArray(new String[0]))) {
                SockAddr sender = Python.parse(py.expect("ready")[0]);
                for (byte[] d : datagrams) {
                    Datagram got = receiveDatagram(r, buffers);
                    assertArrayEquals(d, got.data(), "the datagram CPython sent");
                    assertEquals(sender, got.address(), "CPython's address, as recvfrom saw it");
                }
                assertEquals(List.of(Integer.toString(datagrams.size())), List.of(py.expect("sent")));
                py.finish();
            }
        }
    }

    // ---------------------------------------------------------------- jsock's sides

    private static void setMode(Socket s, boolean blocking) throws IOException {
        s.setTimeout(blocking ? null : PATIENCE);
    }

    /** Receives until the peer's end of stream, through the chosen data path. */
    private static byte[] receiveToEnd(Socket s, Buffers buffers) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] array = new byte[CHUNK];
        ByteBuffer buffer = buffers == Buffers.DIRECT_BUFFER ? ByteBuffer.allocateDirect(CHUNK) : ByteBuffer.allocate(CHUNK);
        int calls = 0;
        for (;;) {
            calls++;
            if (buffers == Buffers.BYTE_ARRAY) {
                // Alternate recv(bufsize) and recv_into(array, offset, len), at an offset.
                if (calls % 2 == 0) {
                    byte[] got = s.recv(CHUNK);
                    if (got.length == 0) break;
                    all.writeBytes(got);
                } else {
                    int n = s.recvInto(array, 7, CHUNK - 7);
                    if (n == 0) break;
                    all.write(array, 7, n);
                }
            } else {
                buffer.clear().position(3); // not from the start, to see the position honoured
                int n = s.recvInto(buffer);
                if (n == 0) break;
                assertEquals(3 + n, buffer.position(), "recv_into moves the position past the bytes");
                buffer.flip().position(3);
                byte[] got = new byte[n];
                buffer.get(got);
                all.writeBytes(got);
            }
        }
        assertTrue(calls > 2, "a MiB came in " + calls + " receives: the receive loop was not exercised");
        RECEIVE_CALLS.addAndGet(calls);
        STREAM_BYTES.addAndGet(all.size());
        return all.toByteArray();
    }

    /** Sends all of {@code data} with sendAll, or with send in a loop that takes partial sends. */
    private static void send(Socket s, byte[] data, Buffers buffers, Sending sending) throws IOException {
        if (sending == Sending.SEND_ALL) {
            switch (buffers) {
                case BYTE_ARRAY: s.sendAll(data); return;
                case HEAP_BUFFER: {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    s.sendAll(b);
                    assertEquals(b.limit(), b.position(), "sendall consumes the buffer");
                    return;
                }
                default: {
                    ByteBuffer b = direct(data);
                    s.sendAll(b);
                    assertEquals(b.limit(), b.position(), "sendall consumes the buffer");
                    return;
                }
            }
        }
        int sent = 0;
        ByteBuffer b = buffers == Buffers.DIRECT_BUFFER ? direct(data) : ByteBuffer.wrap(data);
        while (sent < data.length) {
            int n;
            if (buffers == Buffers.BYTE_ARRAY) {
                n = s.send(data, sent, data.length - sent);
            } else {
                n = s.send(b);
                assertEquals(sent + n, b.position(), "send moves the position past what was sent");
            }
            assertTrue(n > 0 && n <= data.length - sent, "send returned " + n);
            if (n < data.length - sent) PARTIAL_SENDS.incrementAndGet();
            sent += n;
            SEND_CALLS.incrementAndGet();
        }
        assertEquals(data.length, sent);
    }

    private static Datagram receiveDatagram(Socket r, Buffers buffers) throws IOException {
        switch (buffers) {
            case BYTE_ARRAY:
                return r.recvFrom(65536);
            case HEAP_BUFFER: {
                ByteBuffer b = ByteBuffer.allocate(65536);
                SockAddr from = r.recvFromInto(b);
                return new Datagram(Arrays.copyOf(b.array(), b.position()), from);
            }
            default: {
                ByteBuffer b = ByteBuffer.allocateDirect(65536);
                SockAddr from = r.recvFromInto(b);
                byte[] got = new byte[b.position()];
                b.flip().get(got);
                return new Datagram(got, from);
            }
        }
    }

    // ---------------------------------------------------------------- data

    /** Random bytes, a little more than {@code base} so no size is a round number. */
    private static byte[] payload(int base) {
        byte[] b = new byte[base + RANDOM.nextInt(4096)];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The empty datagram, tiny ones and random sizes up to what the family carries easily. */
    private static List<byte[]> datagrams(Where where) {
        int max = where.isUnix() ? 8192 : 1400;
        List<byte[]> out = new ArrayList<>(List.of(new byte[0], new byte[] {0}, new byte[] {(byte) 0xff, 0}));
        for (int i = 0; i < 9; i++) {
            byte[] d = new byte[1 + RANDOM.nextInt(max)];
            RANDOM.nextBytes(d);
            out.add(d);
        }
        out.add(payloadOf(max));
        return out;
    }

    private static byte[] payloadOf(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name + ".bin"), data);
    }

    private static ByteBuffer direct(byte[] data) {
        return ByteBuffer.allocateDirect(data.length).put(data).flip();
    }

    private static String hex(byte[] d) {
        return d.length == 0 ? "-" : HexFormat.of().formatHex(d);
    }
}
