package io.jsock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** The family/type combinations the API tests run on, connected pairs of each, and the bytes they carry. */
public final class SocketFixtures {
    private static final Random RANDOM = new Random();

    private SocketFixtures() {}

    /** {@code n} random bytes: a payload no bug can produce by accident (zeros, a repeated pattern). */
    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A family and a type; every address is on loopback or in the abstract UNIX namespace. */
    enum Kind {
        UNIX_STREAM(Family.UNIX, Type.STREAM),
        UNIX_DGRAM(Family.UNIX, Type.DGRAM),
        UNIX_SEQPACKET(Family.UNIX, Type.SEQPACKET),
        INET_STREAM(Family.INET, Type.STREAM),
        INET_DGRAM(Family.INET, Type.DGRAM),
        INET6_STREAM(Family.INET6, Type.STREAM),
        INET6_DGRAM(Family.INET6, Type.DGRAM);

        final Family family;
        final Type type;

        Kind(Family family, Type type) {
            this.family = family;
            this.type = type;
        }

        /** Listen/accept/connect (stream and seqpacket) rather than datagrams. */
        boolean connectionOriented() {
            return type != Type.DGRAM;
        }

        /** Message boundaries kept (dgram and seqpacket). */
        boolean keepsBoundaries() {
            return type != Type.STREAM;
        }

        Socket open() throws IOException {
            return Socket.open(family, type);
        }

        /** An address to bind to that the kernel completes: loopback port 0, or UNIX autobind. */
        SockAddr wildcard() {
            return SocketFixtures.wildcard(family);
        }
    }

    static SockAddr wildcard(Family family) {
        switch (family) {
            case UNIX: return SockAddr.unixUnnamed(); // bind autobinds an abstract name
            case INET: return SockAddr.inet("127.0.0.1", 0);
            case INET6: return SockAddr.inet6("::1", 0);
            default: throw new IllegalArgumentException(family.toString());
        }
    }

    static Stream<Kind> kinds() {
        return Arrays.stream(Kind.values());
    }

    static Stream<Kind> connectionOriented() {
        return kinds().filter(Kind::connectionOriented);
    }

    static Stream<Kind> datagrams() {
        return kinds().filter(k -> !k.connectionOriented());
    }

    static List<Kind> streams() {
        return List.of(Kind.UNIX_STREAM, Kind.INET_STREAM, Kind.INET6_STREAM);
    }

    /** Two connected sockets, closed together. */
    record Pair(Socket a, Socket b) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }

    /**
     * Two connected sockets of a kind: client and accepted server side for connection-oriented
     * kinds, two bound datagram sockets connected to each other otherwise.
     */
    static Pair connected(Kind kind) throws IOException {
        if (kind.connectionOriented()) {
            try (Socket server = kind.open()) {
                server.bind(kind.wildcard());
                server.listen();
                Socket client = kind.open();
                try {
                    client.connect(server.getSockName());
                    return new Pair(client, server.accept());
                } catch (IOException | RuntimeException e) {
                    client.close();
                    throw e;
                }
            }
        }
        Socket a = kind.open();
        Socket b = null;
        try {
            b = kind.open();
            a.bind(kind.wildcard());
            b.bind(kind.wildcard());
            a.connect(b.getSockName());
            b.connect(a.getSockName());
            return new Pair(a, b);
        } catch (IOException | RuntimeException e) {
            a.close();
            if (b != null) b.close();
            throw e;
        }
    }

    /** A listening socket of a kind, bound to its wildcard. */
    static Socket listening(Kind kind) throws IOException {
        Socket s = kind.open();
        try {
            s.bind(kind.wildcard());
            s.listen();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Bytes 0, 1, 2, ... (mod 251, a prime, so that shifted copies never line up by chance). */
    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) ((i + seed) % 251);
        return b;
    }

    /** The parts one after another. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Receives from a stream socket until the peer shuts down its side; everything it sent. */
    public static byte[] recvToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b; (b = s.recv(1 << 16)).length > 0; ) out.writeBytes(b);
        return out.toByteArray();
    }

    /** Receives exactly {@code n} bytes from a stream socket (or fails at end of stream). */
    static byte[] recvExactly(Socket s, int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            int r = s.recvInto(out, got, n - got);
            if (r == 0) throw new IOException("end of stream after " + got + " of " + n + " bytes");
            got += r;
        }
        return out;
    }
}
