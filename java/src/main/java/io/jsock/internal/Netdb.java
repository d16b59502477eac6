package io.jsock.internal;

import io.jsock.ErrnoDetail;
import io.jsock.GaiError;
import io.jsock.HostError;
import io.jsock.SockAddr;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Java half of native/netdb.c: lays a look-up's C strings into native memory, calls the
 * shim, retries with a larger buffer when the record did not fit, reads the record's fields,
 * and turns the resolver bands into {@link GaiError} and {@link HostError}.
 */
public final class Netdb {
    private static final int EAI_BASE = Consts.get("JSOCK_EAI_BASE");
    private static final int HERR_BASE = Consts.get("JSOCK_HERR_BASE");
    private static final int BAND_HALF = Consts.get("JSOCK_BAND_HALF");
    /** Room for a typical record; a larger one is asked for again with the size the shim reports. */
    private static final int FIRST_RECORD = 4096;
    /** A resolver may answer differently from one call to the next; give up growing after this. */
    private static final int ATTEMPTS = 4;

    private static final Map<Integer, String> EAI_NAMES = new HashMap<>();
    private static final Map<Integer, String> HERR_NAMES = new HashMap<>();
    private static final Map<Long, String> TEXTS = new ConcurrentHashMap<>();

    static {
        Consts.all().forEach((name, value) -> {
            if (name.startsWith("EAI_")) EAI_NAMES.putIfAbsent(value.intValue(), name);
        });
        // NO_DATA before its alias NO_ADDRESS: the first name of a value is the one reported.
        for (String name : new String[] {"NETDB_INTERNAL", "NETDB_SUCCESS", "HOST_NOT_FOUND", "TRY_AGAIN",
                "NO_RECOVERY", "NO_DATA"}) {
            if (Consts.has(name)) HERR_NAMES.putIfAbsent(Consts.get(name), name);
        }
    }

    private Netdb() {}

    /** One native call over the strings laid out for it: returns the shim's result. */
    @FunctionalInterface
    public interface Lookup {
        long call(long[] strings, long buf, long buflen);
    }

    /** The outcome of a look-up: the shim's result and, when it is a record, its fields. */
    public record Result(long code, Fields fields) {
        public boolean failed() {
            return code < 0;
        }
    }

    /**
     * Runs a look-up with {@code strings} (bytes, or null for a NULL pointer) as NUL-terminated
     * C strings, with room for a record that grows to the size the shim asks for.
     */
    public static Result lookup(byte[][] strings, Lookup lookup) {
        long room = FIRST_RECORD;
        for (int attempt = 1;; attempt++) {
            int start = stringsSize(strings);
            if (room > Integer.MAX_VALUE - start) {
                throw new IllegalStateException("jsock: a look-up's result of " + room + " bytes");
            }
            Scratch.Area area = Scratch.get().data((int) (start + room));
            long r = lookup.call(layStrings(area, strings), area.address() + start, room);
            if (r < 0) return new Result(r, null);
            if (r <= room) return new Result(r, new Fields(area.buffer(), area.offset() + start, (int) r));
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("jsock: a look-up's result kept growing (" + r + " bytes)");
            }
            room = r;
        }
    }

    /** Runs a call whose result is a number, not a record, with {@code strings} as C strings. */
    public static long call(byte[][] strings, Lookup lookup) {
        Scratch.Area area = Scratch.get().data(stringsSize(strings));
        return lookup.call(layStrings(area, strings), 0, 0);
    }

    private static int stringsSize(byte[][] strings) {
        int size = 0;
        for (byte[] s : strings) size += s == null ? 0 : s.length + 1;
        return (size + 7) & ~7;
    }

    /** Writes each string and its NUL into the area; returns their addresses (0 for null). */
    private static long[] layStrings(Scratch.Area area, byte[][] strings) {
        long[] addresses = new long[strings.length];
        int at = 0;
        for (int i = 0; i < strings.length; i++) {
            byte[] s = strings[i];
            if (s == null) continue;
            area.buffer().put(area.offset() + at, s);
            area.buffer().put(area.offset() + at + s.length, (byte) 0);
            addresses[i] = area.address() + at;
            at += s.length + 1;
        }
        return addresses;
    }

    /** gethostname(2), as Python reads it. */
    public static String hostName() throws java.io.IOException {
        Scratch s = Scratch.get();
        int n = Native.SHIM.jsock_gethostname(s.aux(), Scratch.AUX_SIZE);
        if (n < 0) throw Errors.ofResult(n, "gethostname", null);
        return InetText.readCString(s, Scratch.AUX, n);
    }

    /** The shim's fields of one record: ints, strings and byte blocks, read in order. */
    public static final class Fields {
        private final ByteBuffer in;
        private int at;
        private final int end;

        Fields(ByteBuffer buffer, int offset, int length) {
            this.in = buffer.duplicate().order(ByteOrder.nativeOrder());
            this.at = offset;
            this.end = offset + length;
        }

        public int nextInt() {
            need(4);
            int v = in.getInt(at);
            at += 4;
            return v;
        }

        /** A string field, or null for the C library's NULL. */
        public String nextString() {
            int n = nextInt();
            if (n < 0) return null;
            need(n);
            byte[] b = new byte[n];
            in.get(at, b);
            at += n;
            return new String(b, StandardCharsets.UTF_8);
        }

        public byte[] nextBytes() {
            int n = nextInt();
            need(n);
            byte[] b = new byte[n];
            in.get(at, b);
            at += n;
            return b;
        }

        /** A bytes field holding a sockaddr, decoded by its family's record. */
        public SockAddr nextAddress() {
            int n = nextInt();
            need(n);
            SockAddr a = SockAddr.decode(in, at, n);
            at += n;
            return a;
        }

        private void need(int n) {
            if (n < 0 || n > end - at) throw new IllegalStateException("jsock: malformed look-up record");
        }
    }

    // ---- what the shim's results mean ----

    /** True when {@code r} is a getaddrinfo/getnameinfo failure (an EAI_ code in its band). */
    public static boolean isGaiFailure(long r) {
        return Math.abs(r - EAI_BASE) <= BAND_HALF;
    }

    /** True when {@code r} is a gethostby*_r failure (an h_errno code in its band). */
    public static boolean isHostFailure(long r) {
        return Math.abs(r - HERR_BASE) <= BAND_HALF;
    }

    /**
     * The exception for a failed getaddrinfo/getnameinfo: a {@link GaiError} for an EAI_ code,
     * or the errno's own exception ({@code EAI_SYSTEM} is reported as -errno, as CPython does).
     */
    public static java.io.IOException gaiFailure(long r, String call, String name, SockAddr address) {
        if (!isGaiFailure(r)) return Errors.ofResult(r, call, address);
        return gaiError((int) (r - EAI_BASE), call, name, address);
    }

    public static GaiError gaiError(int code, String call, String name, SockAddr address) {
        return new GaiError(new ErrnoDetail(code, EAI_NAMES.get(code), gaiStrerror(code), call, address), name);
    }

    /** The exception for a failed gethostby*_r: a {@link HostError}, or the errno's exception. */
    public static java.io.IOException hostFailure(long r, String call, String name) {
        if (!isHostFailure(r)) return Errors.ofResult(r, call, null);
        int code = (int) (r - HERR_BASE);
        return new HostError(new ErrnoDetail(code, HERR_NAMES.get(code), hstrerror(code), call, null), name);
    }

    /** The C library's text for an EAI_ code. */
    public static String gaiStrerror(int code) {
        return text(0, code);
    }

    /** The C library's text for an h_errno code. */
    public static String hstrerror(int code) {
        return text(1, code);
    }

    private static String text(int kind, int code) {
        return TEXTS.computeIfAbsent(((long) kind << 32) | (code & 0xFFFFFFFFL), k -> {
            Scratch s = Scratch.get();
            int n = kind == 0 ? Native.SHIM.jsock_gai_strerror(code, s.aux(), Scratch.AUX_SIZE)
                    : Native.SHIM.jsock_hstrerror(code, s.aux(), Scratch.AUX_SIZE);
            return n < 0 ? "Unknown error " + code : InetText.readCString(s, Scratch.AUX, n);
        });
    }

    // ---- the bytes a name is looked up by ----

    private static final Pattern DOTS = Pattern.compile("[.\u3002\uFF0E\uFF61]");

    /**
     * A host name as Python's "idna" codec encodes it before every look-up: ASCII as it is
     * (labels 1 to 63 bytes), other text label by label through IDNA 2003 (nameprep, punycode).
     * Text the codec refuses is refused here with an IllegalArgumentException, as Python's
     * UnicodeError. Null stays null (no host).
     */
    public static byte[] hostBytes(String host) {
        if (host == null) return null;
        boolean ascii = host.chars().allMatch(c -> c < 0x80);
        String encoded = ascii ? checkAsciiLabels(host) : toAscii(host);
        byte[] b = encoded.getBytes(StandardCharsets.US_ASCII);
        CStrings.checkNoNul(b, "host name", host);
        return b;
    }

    /** The codec's fast path: every label but the last 1 to 63 bytes, the last under 64. */
    private static String checkAsciiLabels(String host) {
        if (host.isEmpty()) return host;
        String[] labels = host.split("\\.", -1);
        for (int i = 0; i < labels.length - 1; i++) {
            if (labels[i].isEmpty() || labels[i].length() > 63) throw idnaError(host, "label empty or too long");
        }
        if (labels[labels.length - 1].length() > 63) throw idnaError(host, "label too long");
        return host;
    }

    /** Label by label through ToASCII; a trailing dot stays a dot. */
    private static String toAscii(String host) {
        String[] labels = DOTS.split(host, -1);
        int count = labels[labels.length - 1].isEmpty() ? labels.length - 1 : labels.length;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String label;
            try {
                label = IDN.toASCII(labels[i], IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw idnaError(host, e.getMessage());
            }
            if (label.isEmpty() || label.length() > 63) throw idnaError(host, "label empty or too long");
            if (i > 0) out.append('.');
            out.append(label);
        }
        if (count < labels.length) out.append('.');
        return out.toString();
    }

    private static IllegalArgumentException idnaError(String host, String why) {
        return new IllegalArgumentException("encoding with 'idna' codec failed (UnicodeError: " + why + "): '"
                + host + "'");
    }

    /** Text as the UTF-8 C string Python passes; null stays null. A NUL or a lone surrogate inside is refused. */
    public static byte[] cString(String text, String what) {
        return CStrings.of(text, what);
    }
}
