package io.jsock.benchmarks;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.SockOpt;
import io.jsock.Socket;
import io.jsock.Type;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import jnr.unixsocket.UnixSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketPair;

/**
 * How each library makes a connected pair of blocking stream sockets: over UNIX a socketpair
 * where the library has one (the JDK has none, so a listener on a path, which the kernel treats
 * alike once connected), over TCP a connection through 127.0.0.1 with TCP_NODELAY on both ends,
 * so no small write waits for Nagle.
 */
final class Connections {
    static final String LOOPBACK = "127.0.0.1";

    private Connections() {}

    /** jsock: {@code Socket.pair} over UNIX; a listener, connect and accept over TCP. */
    static Socket[] jsock(Transport transport) throws IOException {
        if (transport == Transport.UNIX) return Socket.pair(Family.UNIX, Type.STREAM);
        try (Socket listener = Socket.open(Family.INET, Type.STREAM)) {
            listener.bind(SockAddr.inet(LOOPBACK, 0));
            listener.listen(1);
            Socket client = Socket.open(Family.INET, Type.STREAM);
            Socket server = null;
            try {
                client.connect(listener.getSockName());
                server = listener.accept();
                client.set(SockOpt.TCP_NODELAY, true);
                server.set(SockOpt.TCP_NODELAY, true);
                return new Socket[] {client, server};
            } catch (IOException | RuntimeException e) {
                client.close();
                if (server != null) server.close();
                throw e;
            }
        }
    }

    /** The JDK: {@code SocketChannel}s through a {@code ServerSocketChannel} on a path or on 127.0.0.1. */
    static SocketChannel[] jdk(Transport transport) throws IOException {
        if (transport == Transport.UNIX) {
            try (SocketPath path = new SocketPath();
                    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listener.bind(path.address());
                return connect(listener);
            }
        }
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            SocketChannel[] pair = connect(listener);
            for (SocketChannel c : pair) c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return pair;
        }
    }

    private static SocketChannel[] connect(ServerSocketChannel listener) throws IOException {
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        try {
            return new SocketChannel[] {client, listener.accept()};
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** jnr-unixsocket: {@code UnixSocketChannel.pair()} (AF_UNIX only). */
    static SocketChannel[] jnr() throws IOException {
        return UnixSocketChannel.pair();
    }

    /** junixsocket: {@code AFUNIXSocketPair.open()} (AF_UNIX only). */
    static SocketChannel[] junixsocket() throws IOException {
        AFUNIXSocketPair<AFUNIXSocketChannel> pair = AFUNIXSocketPair.open();
        return new SocketChannel[] {pair.getSocket1(), pair.getSocket2()};
    }
}
