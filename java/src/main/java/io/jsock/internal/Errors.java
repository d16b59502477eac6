package io.jsock.internal;

import io.jsock.BindError;
import io.jsock.ConnectError;
import io.jsock.ErrnoDetail;
import io.jsock.SockAddr;
import io.jsock.SocketClosedException;
import io.jsock.SocketError;
import io.jsock.SocketTimeout;
import io.jsock.WouldBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The one place where an errno becomes an exception, with its name and text. */
public final class Errors {
    public static final int EAGAIN = Consts.get("EAGAIN");
    public static final int EINPROGRESS = Consts.get("EINPROGRESS");
    public static final int EINTR = Consts.get("EINTR");
    public static final int EBADF = Consts.get("EBADF");
    public static final int EINVAL = Consts.get("EINVAL");
    public static final int ETIMEDOUT = Consts.get("ETIMEDOUT");
    /** The shim's own "deadline passed" (ETIME is never a socket call's errno). */
    public static final int ETIME = Consts.get("ETIME");
    private static final int ECONNREFUSED = Consts.get("ECONNREFUSED");
    private static final int ENETUNREACH = Consts.get("ENETUNREACH");
    private static final int EHOSTUNREACH = Consts.get("EHOSTUNREACH");
    private static final int EADDRINUSE = Consts.get("EADDRINUSE");
    private static final int EADDRNOTAVAIL = Consts.get("EADDRNOTAVAIL");
    private static final int EACCES = Consts.get("EACCES");

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<Integer, String> TEXTS = new ConcurrentHashMap<>();

    static {
        // The table lists the canonical name (EAGAIN, not EWOULDBLOCK) first.
        Consts.all().forEach((name, value) -> {
            if (isErrnoName(name)) NAMES.putIfAbsent(value.intValue(), name);
        });
    }

    private Errors() {}

    /** Whether a constant's name is an errno's: E and capitals or digits (not EAI_..., ETH_ALEN). */
    public static boolean isErrnoName(String name) {
        return name.matches("E[A-Z0-9]+");
    }

    /** The symbolic name of an errno, or null where the headers have none. */
    public static String name(int errno) {
        return NAMES.get(errno);
    }

    /** The C library's text for an errno. */
    public static String strerror(int errno) {
        // Only errnos the headers name are cached: a peer (a netlink message) can carry any number.
        if (!NAMES.containsKey(errno)) return lookupText(errno);
        return TEXTS.computeIfAbsent(errno, Errors::lookupText);
    }

    private static String lookupText(int errno) {
        Scratch s = Scratch.get();
        int n = Native.SHIM.jsock_strerror(errno, s.aux(), Scratch.AUX_SIZE);
        if (n < 0) return "Unknown error " + errno;
        byte[] text = new byte[n];
        s.buffer().get(Scratch.AUX, text, 0, n);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** The exception for a call that failed with {@code errno}, of the JDK type a caller expects. */
    public static IOException of(int errno, String call, SockAddr address) {
        if (errno == ETIME) return timeout(call, address);
        ErrnoDetail d = new ErrnoDetail(errno, name(errno), strerror(errno), call, address);
        if (errno == EAGAIN || (errno == EINPROGRESS && call.startsWith("connect"))) return new WouldBlock(d);
        if (call.startsWith("connect")
                && (errno == ECONNREFUSED || errno == ENETUNREACH || errno == EHOSTUNREACH || errno == ETIMEDOUT)) {
            return new ConnectError(d);
        }
        // An address in use is found at bind, or at listen when SO_REUSEADDR let two sockets bind
        // it; the same errno from setsockopt (a group joined twice) is no bind failure.
        boolean binding = call.equals("bind") || call.equals("listen");
        if (binding && (errno == EADDRINUSE || (call.equals("bind") && (errno == EADDRNOTAVAIL || errno == EACCES)))) {
            return new BindError(d);
        }
        return new SocketError(d);
    }

    /** For the shim's convention: a negative result is {@code -errno}. */
    public static IOException ofResult(long result, String call, SockAddr address) {
        return of((int) -result, call, address);
    }

    public static SocketTimeout timeout(String call, SockAddr address) {
        return new SocketTimeout(new ErrnoDetail(ETIMEDOUT, "ETIMEDOUT", "timed out", call, address));
    }

    public static SocketClosedException closed(String call) {
        return new SocketClosedException(new ErrnoDetail(EBADF, "EBADF", "Socket closed", call, null));
    }
}
