package io.jsock;

/**
 * Python's {@code _io_refs}: files and streams made from a socket hold it open, so that
 * {@code close()} on the socket takes effect when the last of them is closed.
 */
final class IoRefs {
    private int refs;
    private boolean closeRequested;

    synchronized boolean retain() {
        if (closeRequested) return false;
        refs++;
        return true;
    }

    /** Returns true when this release is the one that must close the socket. */
    synchronized boolean release() {
        if (refs == 0) return false;
        refs--;
        return refs == 0 && closeRequested;
    }

    /** Returns true when the socket can close now (no file or stream holds it). */
    synchronized boolean closeRequested() {
        closeRequested = true;
        return refs == 0;
    }
}
