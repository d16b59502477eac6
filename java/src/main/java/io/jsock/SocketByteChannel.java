package io.jsock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * A ByteChannel over recv and send, honouring the socket's timeout. read returns -1 at end of
 * stream; write sends what the kernel takes (all of it, on a blocking socket). Closing the
 * channel releases its hold on the socket, as the streams do.
 */
final class SocketByteChannel implements ByteChannel {
    private final Socket socket;
    private volatile boolean open = true;

    SocketByteChannel(Socket socket) throws IOException {
        socket.retainIo();
        this.socket = socket;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (!dst.hasRemaining()) return 0;
        int n = socket.recvInto(dst);
        return n == 0 ? -1 : n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) throw new ClosedChannelException();
        return socket.send(src);
    }

    @Override
    public boolean isOpen() {
        return open && !socket.isClosed();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!open) return;
        open = false;
        socket.releaseIo();
    }
}
