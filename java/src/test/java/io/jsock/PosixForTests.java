package io.jsock;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * The few libc calls the tests need to look at the files behind received fds: pipes, reads and
 * writes at an offset, close. Bound for the tests only; the library itself never reads files.
 */
public interface PosixForTests {
    PosixForTests LIBC = LibraryLoader.create(PosixForTests.class).load("libc.so.6");

    int pipe(@Out int[] fds);

    long read(int fd, @Out byte[] buf, long count);

    long pread(int fd, @Out byte[] buf, long count, long offset);

    long write(int fd, @In byte[] buf, long count);

    int close(int fd);

    /** The first {@code max} bytes of the file behind fd, read at offset 0 (its position stays). */
    static byte[] readAt0(int fd, int max) {
        byte[] buf = new byte[max];
        long n = LIBC.pread(fd, buf, max, 0);
        if (n < 0) throw new IllegalStateException("pread(" + fd + ") failed");
        return java.util.Arrays.copyOf(buf, (int) n);
    }

    /** Everything a pipe's read end gives until its write ends are closed. */
    static byte[] readToEnd(int fd) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (;;) {
            long n = LIBC.read(fd, buf, buf.length);
            if (n < 0) throw new IllegalStateException("read(" + fd + ") failed");
            if (n == 0) return out.toByteArray();
            out.write(buf, 0, (int) n);
        }
    }
}
