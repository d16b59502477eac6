package io.jsock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;

/** The loopback interface the tests use, and nothing else of the machine's network. */
final class Loopback {
    /** The index of {@code lo}. */
    static final int INDEX = index();
    /** 127.0.0.1, lo's IPv4 address. */
    static final Inet4Address ADDRESS4 = (Inet4Address) address("127.0.0.1");

    private Loopback() {}

    static InetAddress address(String numeric) {
        try {
            return InetAddress.getByName(numeric);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int index() {
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            return Ioctl.siocgifindex(s, "lo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
