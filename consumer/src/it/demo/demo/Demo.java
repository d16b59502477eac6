package demo;

import io.jsock.Datagram;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The README's examples, as a user of the published jar writes them: an AF_UNIX socketpair and
 * an AF_INET UDP round trip on loopback. It prints one line per example and where jsock came from;
 * a failed check ends it with exit code 1.
 */
public final class Demo {
    public static void main(String[] args) throws Exception {
        Module jsock = Socket.class.getModule();
        System.out.println("jsock module: " + (jsock.isNamed() ? jsock.getName() : "unnamed"));

        // AF_UNIX stream socketpair: send on one end, receive on the other.
        Socket[] pair = Socket.pair(Family.UNIX, Type.STREAM);
        try (Socket a = pair[0]; Socket b = pair[1]) {
            b.setTimeout(Duration.ofSeconds(5));
            a.sendAll(bytes("ping"));
            check("unix recv", bytes("ping"), b.recv(4));
        }
        System.out.println("unix socketpair: ok");

        // AF_INET UDP: a datagram to a server on 127.0.0.1 and its reply back to the sender.
        try (Socket server = Socket.open(Family.INET, Type.DGRAM);
             Socket client = Socket.open(Family.INET, Type.DGRAM)) {
            server.setTimeout(Duration.ofSeconds(5));
            client.setTimeout(Duration.ofSeconds(5));
            server.bind(SockAddr.inet("127.0.0.1", 0));
            client.bind(SockAddr.inet("127.0.0.1", 0));
            client.sendTo(bytes("hi"), server.getSockName());
            Datagram d = server.recvFrom(2048);
            check("udp request", bytes("hi"), d.data());
            if (!d.address().equals(client.getSockName())) {
                fail("udp sender " + d.address() + ", expected " + client.getSockName());
            }
            server.sendTo(bytes("hi back"), d.address());
            Datagram r = client.recvFrom(2048);
            check("udp reply", bytes("hi back"), r.data());
        }
        System.out.println("udp loopback: ok");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void check(String what, byte[] expected, byte[] got) {
        if (!Arrays.equals(expected, got)) {
            fail(what + ": got " + new String(got, StandardCharsets.US_ASCII) + ", expected "
                    + new String(expected, StandardCharsets.US_ASCII));
        }
    }

    private static void fail(String message) {
        System.out.println("FAILED: " + message);
        System.exit(1);
    }
}
