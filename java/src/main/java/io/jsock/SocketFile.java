package io.jsock;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * What {@link Socket#makeFile} returns, Python's {@code makefile}: the mode's letters
 * {@code r}, {@code w} and {@code b} in any order (no {@code w} means reading); binary modes give
 * streams, text modes a Reader and Writer in UTF-8. Buffered by default (a negative buffering:
 * 8192 bytes, Python's DEFAULT_BUFFER_SIZE; at most {@link Socket#MAX_STAGED}, what one receive
 * can fill); buffering 0 is unbuffered and binary only. The file holds the socket open until closed.
 */
public final class SocketFile implements Closeable {
    /** Python's io.DEFAULT_BUFFER_SIZE. */
    public static final int DEFAULT_BUFFER_SIZE = 8192;

    private final Socket socket;
    private final String mode;
    private final boolean binary;
    private final InputStream in;
    private final OutputStream out;
    private final BufferedReader reader;
    private final Writer writer;
    private boolean closed;

    private SocketFile(Socket socket, String mode, boolean binary, InputStream in, OutputStream out) {
        this.socket = socket;
        this.mode = mode;
        this.binary = binary;
        this.in = in;
        this.out = out;
        this.reader = in == null || binary ? null : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.writer = out == null || binary ? null : new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    static SocketFile open(Socket socket, String mode, int buffering) throws IOException {
        java.util.Objects.requireNonNull(mode, "mode");
        boolean read = false;
        boolean write = false;
        boolean binary = false;
        // As Python's makefile: a set of the letters r, w and b; a mode without w reads.
        for (char c : mode.toCharArray()) {
            if (c == 'r') read = true;
            else if (c == 'w') write = true;
            else if (c == 'b') binary = true;
            else throw new IllegalArgumentException("invalid mode '" + mode + "' (only r, w, b allowed)");
        }
        if (!write) read = true;
        if (buffering == 0 && !binary) throw new IllegalArgumentException("unbuffered streams must be binary");
        // A buffer larger than one receive can fill holds nothing more: sizes above it are served as it.
        int size = buffering < 0 ? DEFAULT_BUFFER_SIZE : Math.min(buffering, Socket.MAX_STAGED);
        InputStream in = null;
        OutputStream out = null;
        try {
            if (read) {
                in = new SocketInputStream(socket);
                if (size > 0) in = new BufferedInputStream(in, size);
            }
            if (write) {
                out = new SocketOutputStream(socket);
                if (size > 0) out = new BufferedOutputStream(out, size);
            }
        } catch (IOException | RuntimeException | Error e) {
            // Each stream holds the socket open: release the one made before the failure.
            if (in != null) in.close();
            throw e;
        }
        return new SocketFile(socket, mode, binary, in, out);
    }

    public String mode() {
        return mode;
    }

    public Socket socket() {
        return socket;
    }

    /** The binary input of an {@code rb}/{@code rwb} file. */
    public InputStream inputStream() {
        if (in == null || !binary) throw new IllegalStateException("makefile('" + mode + "') has no binary input");
        return in;
    }

    /** The binary output of a {@code wb}/{@code rwb} file. */
    public OutputStream outputStream() {
        if (out == null || !binary) throw new IllegalStateException("makefile('" + mode + "') has no binary output");
        return out;
    }

    /** The text input (UTF-8) of an {@code r}/{@code rw} file. */
    public BufferedReader reader() {
        if (reader == null) throw new IllegalStateException("makefile('" + mode + "') has no text input");
        return reader;
    }

    /** The text output (UTF-8) of a {@code w}/{@code rw} file. */
    public Writer writer() {
        if (writer == null) throw new IllegalStateException("makefile('" + mode + "') has no text output");
        return writer;
    }

    /**
     * {@code readline()} of a binary file: the bytes up to and including the next {@code \n}, or
     * up to the end of the stream (an empty array there), as Python's; the line end is kept.
     */
    public byte[] readLine() throws IOException {
        return readLine(-1);
    }

    /** {@code readline(size)}: as {@link #readLine()}, but at most {@code size} bytes (a negative size: no bound). */
    public byte[] readLine(int size) throws IOException {
        InputStream input = inputStream();
        checkOpen();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (size < 0 || line.size() < size) {
            int b = input.read();
            if (b < 0) break;
            line.write(b);
            if (b == '\n') break;
        }
        return line.toByteArray();
    }

    /** Python's {@code closed}: whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Python's {@code name}: the socket's fd, as CPython's SocketIO reports it; -1 once this file
     * is closed (even while the socket itself stays open), or once the socket closed.
     */
    public int name() {
        return isClosed() ? -1 : socket.fileno();
    }

    /** Python's {@code fileno()}: the socket's fd; refused on a closed file. */
    public int fileno() throws IOException {
        checkOpen();
        return socket.fileno();
    }

    /** Python's {@code readable()}: whether the mode reads; refused on a closed file. */
    public boolean readable() throws IOException {
        checkOpenSocket();
        return in != null;
    }

    /** Python's {@code writable()}: whether the mode writes; refused on a closed file. */
    public boolean writable() throws IOException {
        checkOpenSocket();
        return out != null;
    }

    private synchronized void checkOpen() throws IOException {
        if (closed) throw new IOException("I/O operation on closed file.");
    }

    /** CPython's SocketIO.readable and writable word it so. */
    private synchronized void checkOpenSocket() throws IOException {
        if (closed) throw new IOException("I/O operation on closed socket.");
    }

    /** Sends what the buffers hold. */
    public void flush() throws IOException {
        if (writer != null) writer.flush();
        if (out != null) out.flush();
    }

    /** Flushes, then releases the socket (which closes if it was closed while the file was open). */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            flush();
        } finally {
            if (in != null) in.close();
            if (out != null) out.close();
        }
    }
}
