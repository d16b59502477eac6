package io.jsock;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sockets one test opens, each with a generous timeout, all closed after it. A test class
 * holds one in a field: {@code @RegisterExtension final OpenSockets open = new OpenSockets();}.
 */
final class OpenSockets implements AfterEachCallback {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<Socket> open = new ArrayList<>();

    /** A connected AF_UNIX pair of {@code type}. */
    Socket[] unixPair(Type type) throws IOException {
        Socket[] p = Socket.pair(Family.UNIX, type);
        open.addAll(List.of(p));
        for (Socket s : p) s.setTimeout(TIMEOUT);
        return p;
    }

    /** A datagram socket of {@code family} bound to port 0 of {@code host}. */
    Socket udp(Family family, String host) throws IOException {
        Socket s = Socket.open(family, Type.DGRAM);
        open.add(s);
        s.bind(family == Family.INET ? SockAddr.inet(host, 0) : SockAddr.inet6(host, 0));
        s.setTimeout(TIMEOUT);
        return s;
    }

    /** One the test opened itself, to be closed with the others. */
    void add(Socket s) {
        open.add(s);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (Socket each : open) each.close();
        open.clear();
    }
}
