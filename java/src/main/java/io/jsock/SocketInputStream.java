package io.jsock;

import java.io.IOException;
import java.io.InputStream;

/**
 * Python's SocketIO for reading: unbuffered, over recv, honouring the socket's timeout
 * ({@link SocketTimeout}) and non-blocking mode ({@link WouldBlock}). It holds the socket open
 * until closed; closing it does not close the socket.
 */
final class SocketInputStream extends InputStream {
    private final Socket socket;
    private boolean closed;
    /**
     * As CPython's SocketIO: after a timeout, bytes may have been lost inside a buffered reader
     * above this stream, so the stream refuses to read on.
     */
    private boolean timedOut;

    SocketInputStream(Socket socket) throws IOException {
        socket.retainIo();
        this.socket = socket;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : Byte.toUnsignedInt(one[0]);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (timedOut) throw new IOException("cannot read from timed out object");
        if (len == 0) return 0;
        int n;
        try {
            n = socket.recvInto(b, off, len);
        } catch (SocketTimeout e) {
            timedOut = true;
            throw e;
        }
        return n == 0 ? -1 : n;
    }

    /** The bytes the kernel holds for reading now (FIONREAD). */
    @Override
    public int available() throws IOException {
        ensureOpen();
        return Ioctl.fionread(socket);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        socket.releaseIo();
    }

    private void ensureOpen() throws IOException {
        if (closed) throw new IOException("stream closed");
    }
}
