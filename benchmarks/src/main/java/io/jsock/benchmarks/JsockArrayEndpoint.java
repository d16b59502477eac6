package io.jsock.benchmarks;

import io.jsock.Socket;
import java.io.IOException;

/** jsock over a {@code byte[]}: {@code send(byte[], off, len)} and {@code recvInto(byte[], off, len)}. */
final class JsockArrayEndpoint implements Endpoint {
    private final Socket socket;
    private final byte[] buffer;

    JsockArrayEndpoint(Socket socket, int capacity) {
        this.socket = socket;
        this.buffer = new byte[capacity];
    }

    @Override
    public void sendFully(int len) throws IOException {
        for (int off = 0; off < len; ) off += socket.send(buffer, off, len - off);
    }

    @Override
    public boolean recvFully(int len) throws IOException {
        for (int off = 0; off < len; ) {
            int n = socket.recvInto(buffer, off, len - off);
            if (n == 0) return Endpoint.endOfStream(off);
            off += n;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
