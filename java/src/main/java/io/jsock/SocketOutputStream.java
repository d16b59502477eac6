package io.jsock;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Python's SocketIO for writing: unbuffered, every write is a sendAll bounded by the socket's
 * timeout. It holds the socket open until closed; closing it does not close the socket.
 */
final class SocketOutputStream extends OutputStream {
    private final Socket socket;
    private boolean closed;

    SocketOutputStream(Socket socket) throws IOException {
        socket.retainIo();
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) throw new IOException("stream closed");
        socket.sendAll(b, off, len);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        socket.releaseIo();
    }
}
