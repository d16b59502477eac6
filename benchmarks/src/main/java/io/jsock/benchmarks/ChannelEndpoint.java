package io.jsock.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A blocking NIO channel over a direct {@code ByteBuffer}, the fastest way to drive each of the
 * channel peers: the JDK's {@code SocketChannel}, jnr-unixsocket's {@code UnixSocketChannel} and
 * junixsocket's {@code AFUNIXSocketChannel}.
 */
final class ChannelEndpoint implements Endpoint {
    private final ByteChannel channel;
    private final ByteBuffer buffer;

    ChannelEndpoint(ByteChannel channel, int capacity) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(capacity);
    }

    @Override
    public void sendFully(int len) throws IOException {
        buffer.clear().limit(len);
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    @Override
    public boolean recvFully(int len) throws IOException {
        buffer.clear().limit(len);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) return Endpoint.endOfStream(buffer.position());
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
