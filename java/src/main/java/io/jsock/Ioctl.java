package io.jsock;

import java.io.IOException;

/**
 * Typed ioctl requests on a socket, built on the raw {@link Socket#ioctl(long, int)} and
 * {@link Socket#ioctl(long, byte[])}.
 */
public final class Ioctl {
    private Ioctl() {}

    /** FIONREAD: bytes waiting to be read (for a datagram socket, the size of the next datagram). */
    public static int fionread(Socket socket) throws IOException {
        return socket.ioctl(Sockets.FIONREAD, 0);
    }
}
