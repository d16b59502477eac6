package io.jsock.benchmarks;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

/**
 * One end of a connected stream socket with a buffer of its own, driven the way one library is
 * meant to be driven. Every peer moves the same bytes with the same loops, so what differs is
 * only the library's cost per call.
 */
public interface Endpoint extends Closeable {
    /** Sends the first {@code len} bytes of the buffer, in as many calls as the kernel needs. */
    void sendFully(int len) throws IOException;

    /** Receives exactly {@code len} bytes into the buffer; false if the stream ended before any byte. */
    boolean recvFully(int len) throws IOException;

    /** The end of the stream after {@code received} bytes of a message: clean only at its start. */
    static boolean endOfStream(int received) throws EOFException {
        if (received == 0) return false;
        throw new EOFException("the stream ended " + received + " bytes into a message");
    }
}
