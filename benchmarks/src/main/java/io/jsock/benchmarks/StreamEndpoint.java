package io.jsock.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A {@code java.net.Socket} through its streams over a {@code byte[]}: the JDK's classic socket. */
final class StreamEndpoint implements Endpoint {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer;

    StreamEndpoint(Socket socket, int capacity) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.buffer = new byte[capacity];
    }

    @Override
    public void sendFully(int len) throws IOException {
        out.write(buffer, 0, len);
    }

    @Override
    public boolean recvFully(int len) throws IOException {
        for (int off = 0; off < len; ) {
            int n = in.read(buffer, off, len - off);
            if (n < 0) return Endpoint.endOfStream(off);
            off += n;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
