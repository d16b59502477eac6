package io.jsock.benchmarks;

import io.jsock.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;

/** jsock over a heap or a direct {@code ByteBuffer}: {@code send(ByteBuffer)} and {@code recvInto(ByteBuffer)}. */
final class JsockBufferEndpoint implements Endpoint {
    private final Socket socket;
    private final ByteBuffer buffer;

    JsockBufferEndpoint(Socket socket, ByteBuffer buffer) {
        this.socket = socket;
        this.buffer = buffer;
    }

    @Override
    public void sendFully(int len) throws IOException {
        buffer.clear().limit(len);
        while (buffer.hasRemaining()) socket.send(buffer);
    }

    @Override
    public boolean recvFully(int len) throws IOException {
        buffer.clear().limit(len);
        while (buffer.hasRemaining()) {
            if (socket.recvInto(buffer) == 0) return Endpoint.endOfStream(buffer.position());
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
