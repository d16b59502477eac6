package io.jsock;

import io.jsock.testing.Python;
import java.io.IOException;

/**
 * Run by {@link SockAddrTest} in a private network namespace whose loopback carries the
 * link-local address fe80::1: passes scope ids through the kernel and prints what comes back,
 * one {@code label spec} a line, for the test to judge.
 */
public final class ScopeIdProbe {
    private ScopeIdProbe() {}

    public static void main(String[] args) throws IOException {
        SockAddr.Inet6 linkLocal = SockAddr.inet6("fe80::1%lo", 0);
        System.out.println("index " + Integer.toUnsignedString(linkLocal.scopeId()));

        try (Socket listener = Socket.open(Family.INET6, Type.STREAM);
             Socket client = Socket.open(Family.INET6, Type.STREAM);
             Socket unscoped = Socket.open(Family.INET6, Type.STREAM)) {
            listener.bind(linkLocal);
            listener.listen();
            SockAddr.Inet6 bound = (SockAddr.Inet6) listener.getSockName();
            System.out.println("tcp-bound " + Python.spec(bound));
            client.connect(bound);
            System.out.println("tcp-peer " + Python.spec(client.getPeerName()));
            System.out.println("tcp-local " + Python.spec(client.getSockName()));
            try (Socket accepted = listener.accept()) {
                System.out.println("tcp-accepted-peer " + Python.spec(accepted.getPeerName()));
            }
            // Without its scope a link-local address names no interface: the kernel refuses it.
            int err = unscoped.connectEx(SockAddr.inet6(bound.host(), bound.port(), 0, 0));
            System.out.println("tcp-unscoped-connect " + (err == 0 ? "0" : io.jsock.internal.Errors.name(err)));
        }
        try (Socket receiver = Socket.open(Family.INET6, Type.DGRAM);
             Socket sender = Socket.open(Family.INET6, Type.DGRAM)) {
            receiver.bind(linkLocal);
            sender.bind(linkLocal);
            sender.sendTo(new byte[] {1, 2, 3}, receiver.getSockName());
            Datagram d = receiver.recvFrom(16);
            System.out.println("udp-from " + Python.spec(d.address()));
            System.out.println("udp-sender " + Python.spec(sender.getSockName()));
            sender.connect(receiver.getSockName());
            System.out.println("udp-peer " + Python.spec(sender.getPeerName()));
        }
    }
}
