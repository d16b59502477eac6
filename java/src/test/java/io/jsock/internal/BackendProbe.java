package io.jsock.internal;

import io.jsock.ErrnoException;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A small consumer of jsock, for {@link BackendTest}'s child JVMs: a direct buffer through a socket
 * pair, a libc failure with its errno, calls with C strings in and out, a look-up; then one line with
 * the backend's name. Anything wrong is left uncaught (a non-zero exit and a trace on stderr).
 */
public final class BackendProbe {
    private BackendProbe() {}

    public static void main(String[] args) throws Exception {
        Socket[] pair = Socket.pair(Family.UNIX, Type.STREAM);
        try (Socket a = pair[0]; Socket b = pair[1]) {
            a.sendAll("ping".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer in = ByteBuffer.allocateDirect(8);
            if (b.recvInto(in) != 4) throw new AssertionError("received " + in);
        }
        try (Socket s = Socket.open(Family.UNIX, Type.STREAM)) {
            s.bind(SockAddr.unix("/nonexistent/jsock-probe")); // libc's bind: errno
            throw new AssertionError("bound in a directory that is not there");
        } catch (java.io.IOException e) {
            if (!(e instanceof ErrnoException x) || !"ENOENT".equals(x.errnoName())) throw e;
        }
        if (Sockets.inetPton(Family.INET6, "::1").length != 16) throw new AssertionError("inet_pton");
        if (!"lo".equals(Sockets.ifIndexToName(Sockets.ifNameToIndex("lo")))) throw new AssertionError("if_nametoindex");
        if (Sockets.getAddrInfo("127.0.0.1", 80).isEmpty()) throw new AssertionError("getaddrinfo");
        System.out.println(Native.backend() + " ok");
    }
}
