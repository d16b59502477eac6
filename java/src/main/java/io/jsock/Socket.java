package io.jsock;

import io.jsock.internal.Addresses;
import io.jsock.internal.Consts;
import io.jsock.internal.Errors;
import io.jsock.internal.FdGuard;
import io.jsock.internal.Native;
import io.jsock.internal.Scratch;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A socket: Python's socket object, method for method, with Java's conventions.
 *
 * <p>Each call that may block honours the socket's timeout as CPython does: {@code null} blocks,
 * zero never waits ({@link WouldBlock}), a positive timeout is a deadline ({@link SocketTimeout}).
 * {@link #close()} is safe while other threads are blocked on the socket: they wake with
 * {@link SocketClosedException}, and the fd number is released only after they have left.
 * Sockets are close-on-exec. A socket that becomes unreachable without being closed is closed
 * by a cleaner, so no fd leaks.
 */
public final class Socket implements Closeable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int SOCK_NONBLOCK = Sockets.SOCK_NONBLOCK;
    private static final int SOCK_CLOEXEC = Sockets.SOCK_CLOEXEC;
    private static final int O_NONBLOCK = Consts.get("O_NONBLOCK");
    private static final int SOL_SOCKET = Sockets.SOL_SOCKET;
    private static final int POLLIN = Consts.get("POLLIN");
    private static final int POLLOUT = Consts.get("POLLOUT");
    private static final int MSG_TRUNC = Sockets.MSG_TRUNC;
    private static final int ECONNRESET = Consts.get("ECONNRESET");

    private final FdGuard guard;
    private final Family family;
    private final Type type;
    private final int proto;
    /** -1 blocking, 0 non-blocking, else the timeout in nanoseconds; see {@link Timeouts}. */
    private volatile long timeoutNanos;
    private final Cleaner.Cleanable cleanable;
    /** Streams and files made from this socket keep it open until they are closed (makefile). */
    private final IoRefs ioRefs = new IoRefs();

    private Socket(int fd, Family family, Type type, int proto, long timeoutNanos) {
        this.guard = new FdGuard(fd);
        this.family = family;
        this.type = type;
        this.proto = proto;
        this.timeoutNanos = timeoutNanos;
        FdGuard g = guard;
        this.cleanable = CLEANER.register(this, g::close);
    }

    // ---------------------------------------------------------------- creation

    /** {@code socket(family, type)}: protocol 0, close-on-exec, the default timeout. */
    public static Socket open(Family family, Type type) throws IOException {
        return open(family, type, 0, 0);
    }

    /** {@code socket(family, type, proto)}. */
    public static Socket open(Family family, Type type, int proto) throws IOException {
        return open(family, type, proto, 0);
    }

    /**
     * {@code socket(family, type | flags, proto)}: flags may hold {@link Sockets#SOCK_NONBLOCK}
     * (the socket starts non-blocking, timeout zero) and {@link Sockets#SOCK_CLOEXEC} (always
     * implied: jsock's sockets are not inherited, as Python's).
     */
    public static Socket open(Family family, Type type, int proto, int flags) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        checkCreationFlags(flags);
        int fd = Native.LIBC.socket(family.value(), type.value() | SOCK_CLOEXEC | (flags & SOCK_NONBLOCK), proto);
        if (fd < 0) throw Errors.of(Native.errno(), "socket", null);
        return adopt(fd, family, type, proto, (flags & SOCK_NONBLOCK) != 0);
    }

    /** {@code socketpair()}: two connected AF_UNIX stream sockets. */
    public static Socket[] pair() throws IOException {
        return pair(Family.UNIX, Type.STREAM, 0);
    }

    public static Socket[] pair(Family family, Type type) throws IOException {
        return pair(family, type, 0);
    }

    /** {@code socketpair(family, type, proto)}: two connected sockets. */
    public static Socket[] pair(Family family, Type type, int proto) throws IOException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Scratch s = Scratch.get();
        if (Native.LIBC.socketpair(family.value(), type.value() | SOCK_CLOEXEC, proto, s.aux()) != 0) {
            throw Errors.of(Native.errno(), "socketpair", null);
        }
        int a = s.buffer().getInt(Scratch.AUX);
        int b = s.buffer().getInt(Scratch.AUX + 4);
        Socket first = null;
        try {
            first = adopt(a, family, type, proto, false);
        } catch (IOException | RuntimeException e) {
            Native.LIBC.close(b);
            throw e;
        }
        try {
            return new Socket[] {first, adopt(b, family, type, proto, false)};
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    /**
     * {@code fromfd(fd)}: a new socket on a close-on-exec duplicate of {@code fd}, whose family,
     * type and protocol are read from the kernel. The caller keeps {@code fd}.
     */
    public static Socket fromFd(int fd) throws IOException {
        if (fd < 0) throw new IllegalArgumentException("negative file descriptor: " + fd);
        int dup = Native.SHIM.jsock_dup_cloexec(fd);
        if (dup < 0) throw Errors.ofResult(dup, "fromfd", null);
        try {
            return wrapKernelSocket(dup, fd, "fromfd");
        } catch (IOException | RuntimeException e) {
            Native.LIBC.close(dup);
            throw e;
        }
    }

    /**
     * {@code socket(fileno=fd)}: a socket that takes ownership of {@code fd} itself (no dup), its
     * family, type and protocol read from the kernel, as CPython. Closing the socket closes
     * {@code fd}. For fds that came from {@link #detach()} or {@link Sockets#recvFds}. If the fd
     * is refused (not a socket, closed, of a family jsock does not name), it stays the caller's,
     * open. Timeout as {@link #fromFd}.
     */
    public static Socket adopt(int fd) throws IOException {
        if (fd < 0) throw new IllegalArgumentException("negative file descriptor: " + fd);
        return wrapKernelSocket(fd, fd, "socket(fileno)");
    }

    /**
     * The socket over {@code fd} (the caller's {@code original}, or a dup of it), with family, type
     * and protocol from the kernel. Throws without closing {@code fd}.
     */
    private static Socket wrapKernelSocket(int fd, int original, String call) throws IOException {
        int af = intOption(fd, SOL_SOCKET, Sockets.SO_DOMAIN, call);
        int st = intOption(fd, SOL_SOCKET, Sockets.SO_TYPE, call);
        int pr = intOption(fd, SOL_SOCKET, Sockets.SO_PROTOCOL, call);
        Family f = Family.of(af);
        Type t = Type.of(st);
        if (f == null || t == null) {
            throw new IllegalArgumentException("fd " + original + " is a socket of family " + af + " and type " + st
                    + ", which jsock does not support");
        }
        int flags = Native.SHIM.jsock_get_status_flags(fd);
        if (flags < 0) throw Errors.ofResult(flags, call, null);
        long timeout = timeoutFor(fd, (flags & O_NONBLOCK) != 0);
        return new Socket(fd, f, t, pr, timeout);
    }

    /** Wraps a new fd: non-blocking ones get timeout zero, others the default timeout. On failure closes fd. */
    private static Socket adopt(int fd, Family family, Type type, int proto, boolean nonBlocking) throws IOException {
        long timeout;
        try {
            timeout = timeoutFor(fd, nonBlocking);
        } catch (IOException e) {
            Native.LIBC.close(fd);
            throw e;
        }
        return new Socket(fd, family, type, proto, timeout);
    }

    /**
     * The timeout of a socket over a new fd: zero when the fd is non-blocking, else the default
     * timeout (the fd made O_NONBLOCK when that is not "block"). CPython's socket(fileno=fd)
     * differs for a non-blocking fd: it reports the default timeout while the fd stays
     * non-blocking, so its calls fail with BlockingIOError under a timeout of None; jsock reads
     * the fd's mode and reports timeout zero, which is what the fd does.
     */
    private static long timeoutFor(int fd, boolean nonBlocking) throws IOException {
        if (nonBlocking) return 0;
        long timeout = Timeouts.toNanos(Sockets.getDefaultTimeout());
        if (timeout >= 0) {
            int r = Native.SHIM.jsock_set_status_flag(fd, O_NONBLOCK, 1);
            if (r < 0) throw Errors.ofResult(r, "fcntl", null);
        }
        return timeout;
    }

    private static void checkCreationFlags(int flags) {
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            throw new IllegalArgumentException("creation flags may be SOCK_NONBLOCK and SOCK_CLOEXEC only, not 0x"
                    + Integer.toHexString(flags));
        }
    }

    // ---------------------------------------------------------------- attributes

    public Family family() {
        return family;
    }

    public Type type() {
        return type;
    }

    public int proto() {
        return proto;
    }

    /** The fd, or -1 once closed or detached (as Python). */
    public int fileno() {
        return guard.fd();
    }

    public boolean isClosed() {
        return guard.isClosed();
    }

    // ---------------------------------------------------------------- connection

    /** {@code bind(address)}; the address must be of this socket's family. */
    public void bind(SockAddr address) throws IOException {
        checkFamily(address, "bind");
        Scratch s = Scratch.get();
        int len = address.encode(s.buffer(), Scratch.ADDR);
        int fd = guard.enter("bind");
        try {
            if (Native.LIBC.bind(fd, s.addr(), len) != 0) throw failure(Native.errno(), "bind", address);
        } finally {
            guard.exit();
        }
    }

    /** {@code listen()}: a backlog of min(SOMAXCONN, 128), as Python. */
    public void listen() throws IOException {
        listen(Math.min(Sockets.SOMAXCONN, 128));
    }

    /** {@code listen(backlog)}; a negative backlog is taken as 0, as Python. */
    public void listen(int backlog) throws IOException {
        int fd = guard.enter("listen");
        try {
            if (Native.LIBC.listen(fd, Math.max(0, backlog)) != 0) throw failure(Native.errno(), "listen", null);
        } finally {
            guard.exit();
        }
    }

    /**
     * {@code accept()}: the connection as a new socket (its peer by {@link #getPeerName()}).
     * The new socket starts with the default timeout, as in CPython, whatever this one's is.
     */
    public Socket accept() throws IOException {
        int fd = guard.enter("accept");
        int r;
        try {
            r = Native.SHIM.jsock_accept(fd, 0, 0, SOCK_CLOEXEC, timeoutNanos);
        } finally {
            guard.exit();
        }
        if (r < 0) throw failure(-r, "accept", null);
        return adopt(r, family, type, proto, false);
    }

    /** {@code connect(address)}, waiting at most the timeout. */
    public void connect(SockAddr address) throws IOException {
        int err = connectCall(address, "connect");
        if (err != 0) throw failure(err, "connect", address);
    }

    /**
     * {@code connect_ex(address)}: 0 on success, else the errno, as Python (a timeout gives
     * EAGAIN). Bad arguments and a closed socket still throw.
     */
    public int connectEx(SockAddr address) throws IOException {
        int err = connectCall(address, "connect_ex");
        return err == Errors.ETIME ? Errors.EAGAIN : err;
    }

    private int connectCall(SockAddr address, String call) throws IOException {
        checkFamily(address, call);
        Scratch s = Scratch.get();
        int len = address.encode(s.buffer(), Scratch.ADDR);
        int fd = guard.enter(call);
        int err;
        try {
            err = -Native.SHIM.jsock_connect(fd, s.addr(), len, timeoutNanos);
        } finally {
            guard.exit();
        }
        // A close while blocked leaves the call waiting on the dead socket, whose SO_ERROR is 0:
        // without this check the interrupted connect would pass for a success.
        if (guard.isClosed()) throw Errors.closed(call);
        return err;
    }

    /** {@code getsockname()}. */
    public SockAddr getSockName() throws IOException {
        return nameCall(false);
    }

    /** {@code getpeername()}: ENOTCONN when not connected. */
    public SockAddr getPeerName() throws IOException {
        return nameCall(true);
    }

    private SockAddr nameCall(boolean peer) throws IOException {
        String call = peer ? "getpeername" : "getsockname";
        Scratch s = Scratch.get();
        s.buffer().putInt(Scratch.ADDR_LEN, SockAddr.MAX_LENGTH);
        int fd = guard.enter(call);
        try {
            int r = peer ? Native.LIBC.getpeername(fd, s.addr(), s.addrLen())
                    : Native.LIBC.getsockname(fd, s.addr(), s.addrLen());
            if (r != 0) throw failure(Native.errno(), call, null);
        } finally {
            guard.exit();
        }
        return decodeAddress(s);
    }

    /** {@code shutdown(how)}. */
    public void shutdown(How how) throws IOException {
        Objects.requireNonNull(how, "how");
        int fd = guard.enter("shutdown");
        try {
            if (Native.LIBC.shutdown(fd, how.value()) != 0) throw failure(Native.errno(), "shutdown", null);
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- receiving

    /** {@code recv(bufsize)}: at most bufsize bytes; an empty array at end of stream. */
    public byte[] recv(int bufsize) throws IOException {
        return recv(bufsize, 0);
    }

    /**
     * {@code recv(bufsize, flags)} with MSG_ flags (MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, MSG_TRUNC, ...).
     * One call receives at most {@link #MAX_STAGED} bytes into a new array, whatever bufsize asks:
     * a stream returns the rest on the next call; a longer datagram is truncated (MSG_TRUNC tells).
     */
    public byte[] recv(int bufsize, int flags) throws IOException {
        checkSize(bufsize, "recv");
        bufsize = staged(bufsize, false, "recv");
        Scratch.Area a = Scratch.get().data(bufsize);
        presetForTrunc(a, flags, null, 0, bufsize);
        int n = (int) recvCall(a.address(), bufsize, flags, "recv");
        byte[] out = new byte[Math.min(n, bufsize)];
        a.get(out, 0, out.length);
        return out;
    }

    /**
     * {@code recv_into(buffer)}: fills from the buffer's position up to its limit and moves the
     * position past the bytes received. Returns the count the kernel reports, which with
     * MSG_TRUNC can exceed what fitted.
     */
    public int recvInto(ByteBuffer buffer) throws IOException {
        return recvInto(buffer, 0);
    }

    public int recvInto(ByteBuffer buffer, int flags) throws IOException {
        checkWritable(buffer);
        int pos = buffer.position();
        int room = buffer.limit() - pos;
        int n;
        if (buffer.isDirect()) {
            n = (int) recvCall(Addresses.ofCallers(buffer) + pos, room, flags, "recv_into");
        } else {
            n = recvInto(buffer.array(), buffer.arrayOffset() + pos, room, flags);
        }
        buffer.position(pos + Math.min(n, room));
        return n;
    }

    /** {@code recv_into} for {@code len} bytes at {@code offset} of an array. */
    public int recvInto(byte[] buffer, int offset, int len) throws IOException {
        return recvInto(buffer, offset, len, 0);
    }

    public int recvInto(byte[] buffer, int offset, int len, int flags) throws IOException {
        Objects.checkFromIndexSize(offset, len, buffer.length);
        len = staged(len, false, "recv_into");
        Scratch.Area a = Scratch.get().data(len);
        presetForTrunc(a, flags, buffer, offset, len);
        int n = (int) recvCall(a.address(), len, flags, "recv_into");
        a.get(buffer, offset, Math.min(n, len));
        return n;
    }

    private long recvCall(long address, int len, int flags, String call) throws IOException {
        int fd = guard.enter(call);
        long r;
        try {
            // As CPython's sock_recv_guts: asking for nothing does nothing (a stream's recv of 0
            // bytes would block until data came). MSG_TRUNC asks the next datagram's length: asked.
            if (len == 0 && (flags & MSG_TRUNC) == 0) return 0;
            r = Native.SHIM.jsock_recv(fd, address, len, flags, timeoutNanos);
        } finally {
            guard.exit();
        }
        // A close while blocked leaves the call on the dead socket (EOF): report the close.
        if (r <= 0 && (r < 0 || guard.isClosed())) throw failure(r == 0 ? Errors.EBADF : (int) -r, call, null);
        return r;
    }

    /**
     * With MSG_TRUNC a TCP socket discards bytes without writing them, so the scratch area the
     * kernel is given must hold what the caller's memory holds (zeros for a new array), never
     * bytes another transfer of this thread left there. {@code caller} null stands for a new array.
     */
    private static void presetForTrunc(Scratch.Area a, int flags, byte[] caller, int offset, int len) {
        if ((flags & MSG_TRUNC) == 0) return;
        if (caller == null) a.put(new byte[len], 0, len);
        else a.put(caller, offset, len);
    }

    /** {@code recvfrom(bufsize)}: the data and the sender's address (null for an unnamed sender). */
    public Datagram recvFrom(int bufsize) throws IOException {
        return recvFrom(bufsize, 0);
    }

    public Datagram recvFrom(int bufsize, int flags) throws IOException {
        checkSize(bufsize, "recvfrom");
        bufsize = staged(bufsize, false, "recvfrom");
        Scratch s = Scratch.get();
        Scratch.Area a = s.data(bufsize);
        presetForTrunc(a, flags, null, 0, bufsize);
        int n = (int) recvFromCall(s, a.address(), bufsize, flags, "recvfrom");
        byte[] out = new byte[Math.min(n, bufsize)];
        a.get(out, 0, out.length);
        return new Datagram(out, decodeAddress(s));
    }

    /**
     * {@code recvfrom_into(buffer)}: fills from the position up to the limit, moves the position
     * past the bytes received and returns the sender's address (null for an unnamed sender).
     */
    public SockAddr recvFromInto(ByteBuffer buffer) throws IOException {
        return recvFromInto(buffer, 0);
    }

    public SockAddr recvFromInto(ByteBuffer buffer, int flags) throws IOException {
        checkWritable(buffer);
        Scratch s = Scratch.get();
        int pos = buffer.position();
        int room = buffer.limit() - pos;
        int n;
        if (buffer.isDirect()) {
            n = (int) recvFromCall(s, Addresses.ofCallers(buffer) + pos, room, flags, "recvfrom_into");
        } else {
            room = staged(room, false, "recvfrom_into");
            Scratch.Area a = s.data(room);
            presetForTrunc(a, flags, buffer.array(), buffer.arrayOffset() + pos, room);
            n = (int) recvFromCall(s, a.address(), room, flags, "recvfrom_into");
            a.get(buffer.array(), buffer.arrayOffset() + pos, Math.min(n, room));
        }
        buffer.position(pos + Math.min(n, room));
        return decodeAddress(s);
    }

    private long recvFromCall(Scratch s, long address, int len, int flags, String call) throws IOException {
        s.buffer().putInt(Scratch.ADDR_LEN, SockAddr.MAX_LENGTH);
        int fd = guard.enter(call);
        long r;
        try {
            r = Native.SHIM.jsock_recvfrom(fd, address, len, flags, s.addr(), s.addrLen(), timeoutNanos);
        } finally {
            guard.exit();
        }
        if (r <= 0 && (r < 0 || guard.isClosed())) throw failure(r == 0 ? Errors.EBADF : (int) -r, call, null);
        return r;
    }

    // ---------------------------------------------------------------- sending

    /** {@code send(data)}: returns how many bytes the kernel took (maybe fewer on a stream). */
    public int send(byte[] data) throws IOException {
        return send(data, 0, data.length, 0);
    }

    public int send(byte[] data, int offset, int len) throws IOException {
        return send(data, offset, len, 0);
    }

    /** {@code send(data, flags)} for {@code len} bytes at {@code offset}. MSG_NOSIGNAL is always added. */
    public int send(byte[] data, int offset, int len, int flags) throws IOException {
        Objects.checkFromIndexSize(offset, len, data.length);
        len = staged(len, true, "send");
        Scratch.Area a = Scratch.get().data(len);
        a.put(data, offset, len);
        return (int) sendCall(a.address(), len, flags, timeoutNanos, "send");
    }

    /** {@code send} from the buffer's position to its limit; the position moves past what was sent. */
    public int send(ByteBuffer data) throws IOException {
        return send(data, 0);
    }

    public int send(ByteBuffer data, int flags) throws IOException {
        int pos = data.position();
        int len = data.isDirect() ? data.limit() - pos : staged(data.limit() - pos, true, "send");
        int n = (int) sendCall(bufferAddress(data, pos, len), len, flags, timeoutNanos, "send");
        data.position(pos + n);
        return n;
    }

    /** {@code sendall(data)}: sends every byte or throws; the timeout bounds the whole call. */
    public void sendAll(byte[] data) throws IOException {
        sendAll(data, 0, data.length, 0);
    }

    public void sendAll(byte[] data, int offset, int len) throws IOException {
        sendAll(data, offset, len, 0);
    }

    public void sendAll(byte[] data, int offset, int len, int flags) throws IOException {
        Objects.checkFromIndexSize(offset, len, data.length);
        if (len > MAX_STAGED) {
            sendAll(ByteBuffer.wrap(data, offset, len), flags); // in chunks
            return;
        }
        Scratch.Area a = Scratch.get().data(len);
        a.put(data, offset, len);
        long timeout = timeoutNanos;
        sendAllFrom(a.address(), len, flags, timeout, deadlineStart(timeout), 0);
    }

    /** {@code sendall} from the buffer's position to its limit; the position ends at the limit. */
    public void sendAll(ByteBuffer data) throws IOException {
        sendAll(data, 0);
    }

    /**
     * {@code sendall} from the buffer's position to its limit. The position moves past every byte
     * that went, so after a {@link SocketTimeout} or {@link WouldBlock} it marks where to resume.
     * A heap buffer larger than one call stages goes chunk by chunk, under one deadline (a message
     * socket refuses a message that large, see {@link #staged}).
     */
    public void sendAll(ByteBuffer data, int flags) throws IOException {
        int pos = data.position();
        int len = data.limit() - pos;
        if (!data.isDirect()) staged(len, true, "sendall");
        long timeout = timeoutNanos;
        long start = deadlineStart(timeout);
        int sent = 0;
        try {
            do {
                int chunk = data.isDirect() ? len : Math.min(len - sent, MAX_STAGED);
                sent += sendAllFrom(bufferAddress(data, pos + sent, chunk), chunk, flags, timeout, start, sent);
            } while (sent < len);
        } catch (SocketTimeout e) {
            data.position(pos + e.bytesTransferred);
            throw e;
        } catch (WouldBlock e) {
            data.position(pos + e.bytesTransferred);
            throw e;
        }
        data.position(pos + len);
    }

    /** When a deadline of {@code timeout} starts: now, read only for a positive timeout. */
    private static long deadlineStart(long timeout) {
        return timeout > 0 ? System.nanoTime() : 0;
    }

    /**
     * As CPython's sendall: sends until all {@code len} bytes are gone, under the deadline set at
     * {@code start}. {@code before} bytes went in earlier chunks of the same call: a
     * {@link SocketTimeout} or {@link WouldBlock} reports them plus this chunk's in
     * {@code bytesTransferred}, so the caller can resume. Returns {@code len}.
     */
    private int sendAllFrom(long address, int len, int flags, long timeout, long start, int before) throws IOException {
        int sent = 0;
        do { // at least once, as CPython's: sendall of nothing sends an empty datagram
            long left = Timeouts.remaining(timeout, start);
            if (timeout > 0 && left == 0) throw timedOut("sendall", before + sent);
            try {
                sent += (int) sendCall(address + sent, len - sent, flags, left, "sendall");
            } catch (SocketTimeout e) {
                e.bytesTransferred = before + sent;
                throw e;
            } catch (WouldBlock e) {
                e.bytesTransferred = before + sent;
                throw e;
            }
        } while (sent < len);
        return len;
    }

    /** {@code sendto(data, address)}. */
    public int sendTo(byte[] data, SockAddr address) throws IOException {
        return sendTo(data, 0, data.length, 0, address);
    }

    public int sendTo(byte[] data, int offset, int len, int flags, SockAddr address) throws IOException {
        Objects.checkFromIndexSize(offset, len, data.length);
        checkFamily(address, "sendto");
        len = staged(len, true, "sendto");
        Scratch s = Scratch.get();
        Scratch.Area a = s.data(len);
        a.put(data, offset, len);
        return (int) sendToCall(s, a.address(), len, flags, address);
    }

    public int sendTo(ByteBuffer data, SockAddr address) throws IOException {
        return sendTo(data, 0, address);
    }

    /** {@code sendto} from the buffer's position to its limit; the position moves past what was sent. */
    public int sendTo(ByteBuffer data, int flags, SockAddr address) throws IOException {
        checkFamily(address, "sendto");
        Scratch s = Scratch.get();
        int pos = data.position();
        int len = data.isDirect() ? data.limit() - pos : staged(data.limit() - pos, true, "sendto");
        int n = (int) sendToCall(s, bufferAddress(data, pos, len), len, flags, address);
        data.position(pos + n);
        return n;
    }

    private long sendToCall(Scratch s, long address, int len, int flags, SockAddr to) throws IOException {
        int addrLen = to.encode(s.buffer(), Scratch.ADDR);
        int fd = guard.enter("sendto");
        long r;
        try {
            r = Native.SHIM.jsock_sendto(fd, address, len, flags, s.addr(), addrLen, timeoutNanos);
        } finally {
            guard.exit();
        }
        if (r < 0) throw failure((int) -r, "sendto", to);
        return r;
    }

    private long sendCall(long address, int len, int flags, long timeout, String call) throws IOException {
        int fd = guard.enter(call);
        long r;
        try {
            r = Native.SHIM.jsock_send(fd, address, len, flags, timeout);
        } finally {
            guard.exit();
        }
        if (r < 0) throw failure((int) -r, call, null);
        return r;
    }

    /** The native address of a buffer's bytes from {@code pos}: direct as it is, heap copied to scratch. */
    private static long bufferAddress(ByteBuffer data, int pos, int len) {
        if (data.isDirect()) return Addresses.ofCallers(data) + pos;
        Scratch.Area a = Scratch.get().data(len);
        a.buffer().put(a.offset(), data, pos, len);
        return a.address();
    }

    // ---------------------------------------------------------------- messages

    /** {@code sendmsg(buffers)}: the buffers gathered into one message. */
    public int sendMsg(byte[]... buffers) throws IOException {
        return Messages.sendMsg(this, buffers, List.of(), 0, null);
    }

    /**
     * {@code sendmsg(buffers, ancdata, flags, address)}: the buffers gathered into one message with
     * ancillary items; address null on a connected socket.
     */
    public int sendMsg(byte[][] buffers, List<Ancillary> ancillary, int flags, SockAddr address) throws IOException {
        return Messages.sendMsg(this, buffers, ancillary, flags, address);
    }

    /** {@code sendmsg} gathering from each buffer's position to its limit; positions move past what was sent. */
    public int sendMsg(ByteBuffer[] buffers, List<Ancillary> ancillary, int flags, SockAddr address) throws IOException {
        return Messages.sendMsg(this, buffers, ancillary, flags, address);
    }

    /** {@code sendmsg} with the ancillary data prepared in {@code header}: no allocation over direct buffers. */
    public int sendMsg(ByteBuffer[] buffers, MsgHdr header, int flags, SockAddr address) throws IOException {
        return Messages.sendMsg(this, buffers, header, flags, address);
    }

    /** {@code recvmsg(bufsize)}. */
    public Message recvMsg(int bufsize) throws IOException {
        return Messages.recvMsg(this, bufsize, 0, 0);
    }

    /**
     * {@code recvmsg(bufsize, ancbufsize, flags)}: data, ancillary items, flags and sender. Received
     * fds are close-on-exec; with MSG_CTRUNC the fds that did arrive are closed and left out.
     */
    public Message recvMsg(int bufsize, int ancbufsize, int flags) throws IOException {
        return Messages.recvMsg(this, bufsize, ancbufsize, flags);
    }

    /** {@code recvmsg_into(buffers, ancbufsize, flags)}: scatters into the buffers, positions move. */
    public Message recvMsgInto(ByteBuffer[] buffers, int ancbufsize, int flags) throws IOException {
        return Messages.recvMsgInto(this, buffers, ancbufsize, flags);
    }

    /**
     * {@code recvmsg_into} without allocation over direct buffers: returns the byte count; flags,
     * sender and ancillary data are read from {@code header}.
     */
    public int recvMsgInto(ByteBuffer[] buffers, MsgHdr header, int flags) throws IOException {
        return Messages.recvMsgInto(this, buffers, header, header.controlCapacity(), flags);
    }

    /** {@code sendmmsg}: sends messages 0..count-1 of the batch in one call; returns how many went. */
    public int sendMmsg(MessageBatch batch, int count, int flags) throws IOException {
        return sendMmsg(batch, 0, count, flags);
    }

    /**
     * {@code sendmmsg} of messages from..from+count-1 of the batch; returns how many went. Fewer
     * than count go when the socket's buffer fills or a message fails (its error comes with the
     * next call): send the rest from {@code from} plus the count returned.
     */
    public int sendMmsg(MessageBatch batch, int from, int count, int flags) throws IOException {
        Objects.checkFromIndexSize(from, count, batch.count());
        batch.prepareSend(from, count, this);
        return batchCall(batch, from, count, flags, false, "sendmmsg");
    }

    /**
     * {@code recvmmsg}: receives up to count messages into the batch in one call; returns how
     * many came. On a blocking socket the call waits for all count unless flags hold
     * MSG_WAITFORONE (wait for the first, then take what is there), as recvmmsg(2).
     */
    public int recvMmsg(MessageBatch batch, int count, int flags) throws IOException {
        return recvMmsg(batch, 0, count, flags);
    }

    /** {@code recvmmsg} into messages from..from+count-1 of the batch; returns how many came. */
    public int recvMmsg(MessageBatch batch, int from, int count, int flags) throws IOException {
        Objects.checkFromIndexSize(from, count, batch.count());
        batch.prepareReceive(from, count);
        int n = batchCall(batch, from, count, flags, true, "recvmmsg");
        batch.received(from, n);
        return n;
    }

    private int batchCall(MessageBatch batch, int from, int count, int flags, boolean receive, String call)
            throws IOException {
        if (count == 0) return 0;
        long vec = batch.headerAddress(from);
        int fd = guard.enter(call);
        int r;
        try {
            r = receive ? Native.SHIM.jsock_recvmmsg(fd, vec, count, flags, timeoutNanos)
                    : Native.SHIM.jsock_sendmmsg(fd, vec, count, flags, timeoutNanos);
        } finally {
            guard.exit();
        }
        if (r < 0) throw failure(-r, call, null);
        // A close while blocked leaves recvmmsg on the dead socket, whose end of stream reads as
        // a batch of empty datagrams: report the close instead.
        if (guard.isClosed() && (receive || r == 0)) throw Errors.closed(call);
        return r;
    }

    /** One sendmsg or recvmsg over a msghdr laid out in native memory. */
    long messageCall(long msghdr, int flags, boolean receive, String call, SockAddr to) throws IOException {
        int fd = guard.enter(call);
        long r;
        try {
            r = receive ? Native.SHIM.jsock_recvmsg(fd, msghdr, flags, timeoutNanos)
                    : Native.SHIM.jsock_sendmsg(fd, msghdr, flags, timeoutNanos);
        } finally {
            guard.exit();
        }
        if (r < 0 || (r == 0 && receive && guard.isClosed())) throw failure(r == 0 ? Errors.EBADF : (int) -r, call, to);
        return r;
    }

    /**
     * One sendfile(2) moves at most about 2 GiB, and the kernel refuses an offset + count past the
     * largest file offset (EINVAL): larger counts are cut to this; the call reports what went.
     */
    private static final long SENDFILE_MAX = 1L << 30;

    /**
     * {@code sendfile(2)}: sends up to count bytes (1 or more) of the file {@code fd} from offset
     * (the file's own position is left alone); returns the bytes sent, which may be fewer, 0 at
     * the end of the file. Stream sockets only, as Python's {@code socket.sendfile}.
     */
    public long sendFile(int fileFd, long offset, long count) throws IOException {
        if (fileFd < 0) throw new IllegalArgumentException("negative file descriptor: " + fileFd);
        checkSendFile(offset, count);
        return sendFileCall(fileFd, offset, count);
    }

    private long sendFileCall(int fileFd, long offset, long count) throws IOException {
        Scratch s = Scratch.get();
        s.buffer().putLong(Scratch.AUX, offset);
        int fd = guard.enter("sendfile");
        long r;
        try {
            // The kernel refuses an offset + count past the largest offset: cut the count there.
            long most = Math.min(SENDFILE_MAX, Long.MAX_VALUE - offset);
            r = Native.SHIM.jsock_sendfile(fd, fileFd, s.aux(), Math.min(count, most), timeoutNanos);
        } finally {
            guard.exit();
        }
        if (r < 0) throw failure((int) -r, "sendfile", null);
        return r;
    }

    /**
     * As CPython's _check_sendfile_params: a socket whose type has the SOCK_STREAM bit (CPython
     * tests {@code type & SOCK_STREAM}, so SEQPACKET passes, and sendfile(2) serves it), offset 0
     * or more, count 1 or more.
     */
    private void checkSendFile(long offset, long count) {
        if ((type.value() & Sockets.SOCK_STREAM) == 0) throw new IllegalArgumentException("sendfile: only SOCK_STREAM type sockets are supported");
        if (offset < 0) throw new IllegalArgumentException("sendfile: negative offset: " + offset);
        if (count <= 0) throw new IllegalArgumentException("sendfile: count must be a positive integer (got " + count + ")");
    }

    /**
     * Sends count bytes (1 or more) of a file from offset (the channel's position is left alone):
     * through sendfile(2) when the channel's fd can be reached, else by reading the channel into
     * a buffer and sending it (CPython's fallback). Returns the bytes sent: fewer only at the end
     * of the file ({@code Long.MAX_VALUE} sends to the end), or on a non-blocking socket whose
     * buffer filled after some went. A {@link SocketTimeout}'s or {@link WouldBlock}'s
     * {@code bytesTransferred} says how many went. Stream sockets only.
     *
     * <p>sendfile(2) works on a duplicate of the channel's fd, taken while the channel is open:
     * a close of the channel during the transfer cannot let its fd number, reused by another
     * file, be read from.
     */
    public long sendFile(FileChannel file, long offset, long count) throws IOException {
        Objects.requireNonNull(file, "file");
        checkSendFile(offset, count);
        int fileFd = io.jsock.internal.FileDescriptors.duplicate(file);
        ByteBuffer chunk = fileFd >= 0 ? null : ByteBuffer.allocateDirect((int) Math.min(count, 1 << 16));
        long sent = 0;
        try {
            while (sent < count) {
                long n = fileFd >= 0 ? sendFileCall(fileFd, offset + sent, count - sent)
                        : sendFromChannel(file, chunk, offset + sent, count - sent);
                if (n == 0) break;
                sent += n;
            }
        } catch (SocketTimeout e) {
            e.bytesTransferred = (int) Math.min(sent, Integer.MAX_VALUE);
            throw e;
        } catch (WouldBlock e) {
            if (sent == 0) throw e;
        } finally {
            if (fileFd >= 0) Native.LIBC.close(fileFd);
        }
        return sent;
    }

    /** The copy path: one read of the channel at offset, one send; returns what the send took. */
    private long sendFromChannel(FileChannel file, ByteBuffer chunk, long offset, long count) throws IOException {
        chunk.clear().limit((int) Math.min(count, chunk.capacity()));
        int read = file.read(chunk, offset);
        if (read <= 0) return 0;
        chunk.flip();
        return send(chunk);
    }

    // ---------------------------------------------------------------- options and ioctl

    /** {@code getsockopt(level, name)}: an int option. */
    public int getSockOpt(int level, int name) throws IOException {
        return getSockOpt(level, name, "getsockopt");
    }

    /** {@link #getSockOpt(int, int)} with the name the call is reported under (the typed options name theirs). */
    int getSockOpt(int level, int name, String call) throws IOException {
        int fd = guard.enter(call);
        try {
            if (family != Family.VSOCK) return intOption(fd, level, name, call);
            long value = longOption(fd, level, name, call);
            if (value != (int) value) {
                throw new ArithmeticException(call + ": the value " + Long.toUnsignedString(value)
                        + " does not fit an int: read it with getSockOptLong");
            }
            return (int) value;
        } catch (SocketError e) {
            throw guard.isClosed() ? Errors.closed(call) : e;
        } finally {
            guard.exit();
        }
    }

    /**
     * {@code getsockopt(level, name)} of an option the kernel keeps in 64 bits (AF_VSOCK's
     * SO_VM_SOCKETS_BUFFER_SIZE, _MIN and _MAX, SO_MAX_PACING_RATE), read into 8 bytes as CPython
     * reads AF_VSOCK's; an option the kernel writes 4 bytes of reads as that int, 1 byte unsigned.
     */
    public long getSockOptLong(int level, int name) throws IOException {
        int fd = guard.enter("getsockopt");
        try {
            return longOption(fd, level, name, "getsockopt");
        } catch (SocketError e) {
            throw guard.isClosed() ? Errors.closed("getsockopt") : e;
        } finally {
            guard.exit();
        }
    }

    /** {@code setsockopt(level, name, value)} of a 64-bit option: 8 bytes, as CPython sends AF_VSOCK's. */
    public void setSockOpt(int level, int name, long value) throws IOException {
        Scratch s = Scratch.get();
        s.buffer().putLong(Scratch.AUX, value);
        setSockOptCall(level, name, s.aux(), Long.BYTES, "setsockopt");
    }

    /** {@code getsockopt(level, name, buflen)}: the option's bytes, at most buflen (1 to 1024). */
    public byte[] getSockOpt(int level, int name, int buflen) throws IOException {
        return getSockOpt(level, name, buflen, "getsockopt");
    }

    byte[] getSockOpt(int level, int name, int buflen, String call) throws IOException {
        if (buflen <= 0 || buflen > Scratch.AUX_SIZE) {
            throw new IllegalArgumentException("getsockopt buflen out of range: " + buflen + " (1-" + Scratch.AUX_SIZE + ")");
        }
        Scratch s = Scratch.get();
        s.buffer().putInt(Scratch.AUX_LEN, buflen);
        int fd = guard.enter(call);
        try {
            if (Native.LIBC.getsockopt(fd, level, name, s.aux(), s.auxLen()) != 0) {
                throw failure(Native.errno(), call, null);
            }
        } finally {
            guard.exit();
        }
        int len = Math.min(buflen, s.buffer().getInt(Scratch.AUX_LEN));
        byte[] out = new byte[len];
        s.buffer().get(Scratch.AUX, out, 0, len);
        return out;
    }

    /** {@code setsockopt(level, name, value)} for an int option. */
    public void setSockOpt(int level, int name, int value) throws IOException {
        setSockOpt(level, name, value, "setsockopt");
    }

    /**
     * The int form. On AF_VSOCK the value goes as a 64-bit integer, as CPython sends it (-1 is
     * 2^64 - 1 there too): SO_VM_SOCKETS_BUFFER_SIZE and its _MIN and _MAX are u64 in the kernel,
     * which refuses 4 bytes for them; the get of the int form fails with ArithmeticException
     * for a value an int cannot hold ({@link #getSockOptLong} reads any).
     */
    void setSockOpt(int level, int name, int value, String call) throws IOException {
        Scratch s = Scratch.get();
        if (family == Family.VSOCK) {
            s.buffer().putLong(Scratch.AUX, value);
            setSockOptCall(level, name, s.aux(), Long.BYTES, call);
        } else {
            s.buffer().putInt(Scratch.AUX, value);
            setSockOptCall(level, name, s.aux(), Integer.BYTES, call);
        }
    }

    /** {@code setsockopt(level, name, bytes)}. */
    public void setSockOpt(int level, int name, byte[] value) throws IOException {
        setSockOpt(level, name, value, "setsockopt");
    }

    void setSockOpt(int level, int name, byte[] value, String call) throws IOException {
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_STAGED) {
            throw new IllegalArgumentException(call + ": an option value of " + value.length + " bytes, at most " + MAX_STAGED);
        }
        Scratch.Area a = Scratch.get().data(value.length);
        a.put(value, 0, value.length);
        setSockOptCall(level, name, a.address(), value.length, call);
    }

    /**
     * {@code setsockopt(level, name, None, optlen)}: the option with a NULL value of
     * {@code optlen} bytes, as CPython's four-argument form. Options that are actions take no
     * value at all (TIPC_GROUP_LEAVE, TIPC_MCAST_BROADCAST, TIPC_MCAST_REPLICAST: optlen 0);
     * AF_ALG's ALG_SET_AEAD_AUTHSIZE carries its number in optlen.
     */
    public void setSockOptNone(int level, int name, int optlen) throws IOException {
        setSockOptNone(level, name, optlen, "setsockopt");
    }

    void setSockOptNone(int level, int name, int optlen, String call) throws IOException {
        if (optlen < 0) throw new IllegalArgumentException(call + ": negative optlen " + optlen);
        setSockOptCall(level, name, 0, optlen, call);
    }

    private void setSockOptCall(int level, int name, long address, int len, String call) throws IOException {
        int fd = guard.enter(call);
        try {
            if (Native.LIBC.setsockopt(fd, level, name, address, len) != 0) {
                throw failure(Native.errno(), call, null);
            }
        } finally {
            guard.exit();
        }
    }

    /** A typed option: {@code s.get(SockOpt.SO_RCVBUF)}. */
    public <T> T get(SockOpt<T> option) throws IOException {
        return option.get(this);
    }

    /** A typed option: {@code s.set(SockOpt.TCP_NODELAY, true)}. */
    public <T> void set(SockOpt<T> option, T value) throws IOException {
        option.set(this, value);
    }

    /**
     * getsockopt into a 64-bit integer, as CPython does on AF_VSOCK (whose buffer sizes are u64,
     * kept whole as CPython's {@code PyLong_FromUnsignedLong(vflag)}); an option the kernel
     * writes 4 bytes of reads as that int, sign-extended, 1 byte unsigned.
     */
    private static long longOption(int fd, int level, int name, String call) throws IOException {
        Scratch s = Scratch.get();
        s.buffer().putLong(Scratch.AUX, 0);
        s.buffer().putInt(Scratch.AUX_LEN, Long.BYTES);
        if (Native.LIBC.getsockopt(fd, level, name, s.aux(), s.auxLen()) != 0) {
            throw Errors.of(Native.errno(), call, null);
        }
        int len = s.buffer().getInt(Scratch.AUX_LEN);
        if (len == 1) return Byte.toUnsignedInt(s.buffer().get(Scratch.AUX));
        if (len == Integer.BYTES) return s.buffer().getInt(Scratch.AUX);
        return s.buffer().getLong(Scratch.AUX);
    }

    private static int intOption(int fd, int level, int name, String call) throws IOException {
        Scratch s = Scratch.get();
        s.buffer().putInt(Scratch.AUX, 0);
        s.buffer().putInt(Scratch.AUX_LEN, 4);
        if (Native.LIBC.getsockopt(fd, level, name, s.aux(), s.auxLen()) != 0) {
            throw Errors.of(Native.errno(), call, null);
        }
        int len = s.buffer().getInt(Scratch.AUX_LEN);
        return len == 1 ? Byte.toUnsignedInt(s.buffer().get(Scratch.AUX)) : s.buffer().getInt(Scratch.AUX);
    }

    /**
     * {@code ioctl(fd, request, buffer)}: the kernel reads and writes {@code arg} in place (at most
     * 1024 bytes, as an ifreq or any struct the request takes). See {@link Ioctl} for typed requests.
     */
    public void ioctl(long request, byte[] arg) throws IOException {
        ioctl(request, arg, "ioctl");
    }

    /** {@link #ioctl(long, byte[])} with the name the call is reported under (the typed requests name theirs). */
    void ioctl(long request, byte[] arg, String call) throws IOException {
        Objects.requireNonNull(arg, "arg");
        if (arg.length > Scratch.AUX_SIZE) {
            throw new IllegalArgumentException("ioctl argument of " + arg.length + " bytes, at most " + Scratch.AUX_SIZE);
        }
        Scratch s = Scratch.get();
        s.buffer().put(Scratch.AUX, arg);
        for (int i = arg.length; i < Scratch.AUX_SIZE; i++) s.buffer().put(Scratch.AUX + i, (byte) 0);
        int fd = guard.enter(call);
        try {
            int r = Native.SHIM.jsock_ioctl(fd, request, s.aux());
            if (r < 0) throw failure(-r, call, null);
        } finally {
            guard.exit();
        }
        s.buffer().get(Scratch.AUX, arg);
    }

    /** {@code ioctl(fd, request, &value)} for requests on an int (FIONREAD, FIONBIO, SIOCOUTQ, ...): the int after the call. */
    public int ioctl(long request, int value) throws IOException {
        return ioctl(request, value, "ioctl");
    }

    int ioctl(long request, int value, String call) throws IOException {
        Scratch s = Scratch.get();
        s.buffer().putInt(Scratch.AUX, value);
        int fd = guard.enter(call);
        try {
            int r = Native.SHIM.jsock_ioctl_int(fd, request, s.aux());
            if (r < 0) throw failure(-r, call, null);
        } finally {
            guard.exit();
        }
        return s.buffer().getInt(Scratch.AUX);
    }

    // ---------------------------------------------------------------- blocking and timeouts

    /**
     * {@code settimeout(timeout)}: null blocks, zero is non-blocking, positive is a deadline for
     * each call (for the whole of sendAll). The fd is O_NONBLOCK unless blocking, as in CPython.
     */
    public void setTimeout(Duration timeout) throws IOException {
        Timeouts.check(timeout);
        long nanos = Timeouts.toNanos(timeout);
        int fd = guard.enter("settimeout");
        try {
            int r = Native.SHIM.jsock_set_status_flag(fd, O_NONBLOCK, nanos >= 0 ? 1 : 0);
            if (r < 0) throw failure(-r, "settimeout", null);
            timeoutNanos = nanos;
        } finally {
            guard.exit();
        }
    }

    /** {@code gettimeout()}: null when blocking. */
    public Duration getTimeout() {
        return Timeouts.fromNanos(timeoutNanos);
    }

    /** {@code setblocking(flag)}: true is {@code setTimeout(null)}, false is {@code setTimeout(ZERO)}. */
    public void setBlocking(boolean blocking) throws IOException {
        setTimeout(blocking ? null : Duration.ZERO);
    }

    /** {@code getblocking()}: false only in non-blocking mode (timeout zero); a timeout counts as blocking. */
    public boolean getBlocking() {
        return timeoutNanos != 0;
    }

    /** {@code set_inheritable(flag)}: whether the fd survives exec. */
    public void setInheritable(boolean inheritable) throws IOException {
        int fd = guard.enter("set_inheritable");
        try {
            int r = Native.SHIM.jsock_set_cloexec(fd, inheritable ? 0 : 1);
            if (r < 0) throw failure(-r, "set_inheritable", null);
        } finally {
            guard.exit();
        }
    }

    public boolean getInheritable() throws IOException {
        int fd = guard.enter("get_inheritable");
        try {
            int r = Native.SHIM.jsock_get_cloexec(fd);
            if (r < 0) throw failure(-r, "get_inheritable", null);
            return r == 0;
        } finally {
            guard.exit();
        }
    }

    /**
     * Waits until the socket is readable or writable, within the socket's timeout (for streams
     * over non-blocking sockets). Returns false on timeout.
     */
    boolean await(boolean write, long timeout) throws IOException {
        int fd = guard.enter("poll");
        int r;
        try {
            r = Native.SHIM.jsock_wait(fd, write ? POLLOUT : POLLIN, timeout);
        } finally {
            guard.exit();
        }
        if (guard.isClosed()) throw Errors.closed("poll");
        if (r == -Errors.ETIME) return false;
        if (r < 0) throw failure(-r, "poll", null);
        return true;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * {@code close()}: idempotent. Threads blocked on this socket wake with
     * {@link SocketClosedException}. While streams or files made from the socket are open, the fd
     * stays open until the last of them is closed (as Python's makefile). As CPython, a failure
     * of close(2) is reported ({@link SocketError} with EBADF when the fd was closed behind the
     * socket's back), except ECONNRESET, which only says the peer left first; the socket is
     * closed all the same.
     */
    @Override
    public void close() throws IOException {
        if (!ioRefs.closeRequested()) return;
        int errno = closeNow();
        if (errno != 0 && errno != ECONNRESET) throw Errors.of(errno, "close", null);
    }

    private int closeNow() {
        int errno = guard.close();
        cleanable.clean();
        return errno;
    }

    /** {@code detach()}: closes the socket object without closing the fd, and returns the fd (or -1). */
    public int detach() {
        int fd = guard.detach();
        cleanable.clean(); // the guard is detached, so the cleaner closes nothing
        return fd;
    }

    /** {@code dup()}: a new socket on a close-on-exec duplicate of the fd. */
    public Socket dup() throws IOException {
        int fd = guard.enter("dup");
        try {
            int d = Native.SHIM.jsock_dup_cloexec(fd);
            if (d < 0) throw failure(-d, "dup", null);
            return new Socket(d, family, type, proto, timeoutNanos); // shares O_NONBLOCK with this fd
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- files and streams

    /** {@code makefile()}: a binary read file ({@code "r"}), buffered. */
    public SocketFile makeFile() throws IOException {
        return makeFile("r", -1);
    }

    /** {@code makefile(mode)}: the letters {@code r}, {@code w} and {@code b} as Python takes them, buffered. */
    public SocketFile makeFile(String mode) throws IOException {
        return makeFile(mode, -1);
    }

    /**
     * {@code makefile(mode, buffering)}: a negative buffering is the default size, 0 is unbuffered
     * (binary only), a positive number is the buffer size. Text modes read and write UTF-8.
     */
    public SocketFile makeFile(String mode, int buffering) throws IOException {
        return SocketFile.open(this, mode, buffering);
    }

    /** An unbuffered InputStream over recv that honours the timeout; -1 at end of stream. */
    public InputStream inputStream() throws IOException {
        return new SocketInputStream(this);
    }

    /** An unbuffered OutputStream over sendAll that honours the timeout. */
    public OutputStream outputStream() throws IOException {
        return new SocketOutputStream(this);
    }

    /** A ByteChannel over recv and send that honours the timeout. */
    public ByteChannel channel() throws IOException {
        return new SocketByteChannel(this);
    }

    /** Registers a stream or file on this socket: the fd stays open until it is released. */
    void retainIo() throws IOException {
        if (guard.isClosed() || !ioRefs.retain()) throw Errors.closed("makefile"); // closed or detached
    }

    /** Drops a file's or stream's hold; the last one of a closed socket closes it, and reports close(2)'s failure as close() does. */
    void releaseIo() throws IOException {
        if (!ioRefs.release()) return;
        int errno = closeNow();
        if (errno != 0 && errno != ECONNRESET) throw Errors.of(errno, "close", null);
    }

    // ---------------------------------------------------------------- helpers

    void checkFamily(SockAddr address, String call) {
        Objects.requireNonNull(address, "address");
        if (address.family() != family) {
            throw new IllegalArgumentException(call + ": address " + address + " is of family " + address.family()
                    + ", the socket of " + family);
        }
    }

    /**
     * The most bytes one call moves through a byte[] or a heap buffer: they are staged through
     * the calling thread's native scratch area, which is bounded and reused. Direct buffers have
     * no such bound.
     */
    public static final int MAX_STAGED = Scratch.MAX_DATA;

    /**
     * How many of {@code len} bytes of a byte[] or heap buffer one call stages: all, up to
     * {@link #MAX_STAGED}. Beyond it a receive, and a stream's send, move {@code MAX_STAGED}
     * (they may always move fewer); a message send refuses, since fewer bytes would be another message.
     */
    private int staged(int len, boolean sending, String call) {
        if (len <= MAX_STAGED) return len;
        if (sending && type != Type.STREAM) {
            throw new IllegalArgumentException(call + ": a message of " + len + " bytes from a byte[] or heap buffer;"
                    + " at most " + MAX_STAGED + " bytes are staged per call (send it from a direct ByteBuffer)");
        }
        return MAX_STAGED;
    }

    private static void checkSize(int size, String call) {
        if (size < 0) throw new IllegalArgumentException("negative buffersize in " + call + ": " + size);
    }

    private static void checkWritable(ByteBuffer buffer) {
        if (buffer.isReadOnly()) throw new ReadOnlyBufferException();
    }

    private SockAddr decodeAddress(Scratch s) {
        int len = Math.min(s.buffer().getInt(Scratch.ADDR_LEN), SockAddr.MAX_LENGTH);
        return SockAddr.decode(s.buffer(), Scratch.ADDR, len);
    }

    /** The exception for errno: "socket closed" when a close raced the call. */
    private IOException failure(int errno, String call, SockAddr address) {
        if (guard.isClosed()) return Errors.closed(call);
        return Errors.of(errno, call, address);
    }

    private static SocketTimeout timedOut(String call, int sent) {
        SocketTimeout t = Errors.timeout(call, null);
        t.bytesTransferred = sent;
        return t;
    }

    /** Like Python's repr: fd, family, type, proto and, where known, local and remote address. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Socket[fd=").append(fileno())
                .append(", family=").append(family).append(", type=").append(type).append(", proto=").append(proto);
        if (!guard.isClosed()) {
            try {
                SockAddr local = getSockName();
                b.append(", laddr=").append(local);
            } catch (IOException | RuntimeException ignored) {
                // no local address to show
            }
            try {
                SockAddr remote = getPeerName();
                b.append(", raddr=").append(remote);
            } catch (IOException | RuntimeException ignored) {
                // not connected
            }
        }
        return b.append(']').toString();
    }
}
