package io.jsock.internal;

import java.nio.charset.StandardCharsets;

/** IPv4 and IPv6 text forms through libc's inet_pton/inet_ntop, so they match every other program. */
public final class InetText {
    public static final int AF_INET = Consts.get("AF_INET");
    public static final int AF_INET6 = Consts.get("AF_INET6");
    private static final int IFNAMSIZ = Consts.get("IFNAMSIZ");

    private InetText() {}

    /** The 4 or 16 bytes of {@code text} in {@code family}, or null when libc does not accept it. */
    public static byte[] pton(int family, String text) {
        if (text.indexOf('\0') >= 0) return null;
        int size = family == AF_INET ? 4 : 16;
        Scratch s = Scratch.get();
        if (Native.LIBC.inet_pton(family, text, s.aux()) != 1) return null;
        byte[] out = new byte[size];
        s.buffer().get(Scratch.AUX, out, 0, size);
        return out;
    }

    /** The text of 4 or 16 address bytes, as inet_ntop writes it. */
    public static String ntop(byte[] address) {
        int family = address.length == 4 ? AF_INET : AF_INET6;
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        Scratch s = Scratch.get();
        s.buffer().put(Scratch.AUX, address);
        long text = s.aux() + 64;
        if (Native.LIBC.inet_ntop(family, s.aux(), text, 64) == 0) {
            throw new IllegalStateException("inet_ntop failed: errno " + Native.errno());
        }
        return readCString(s, Scratch.AUX + 64, 64);
    }

    /** if_nametoindex: the index of a network interface, or 0 when there is none of that name. */
    public static int interfaceIndex(String name) {
        CStrings.of(name, "interface name");
        return Native.LIBC.if_nametoindex(name);
    }

    /** if_indextoname: the name of an interface, or null when there is none with that index. */
    public static String interfaceName(int index) {
        Scratch s = Scratch.get();
        if (Native.LIBC.if_indextoname(index, s.aux()) == 0) return null;
        return readCString(s, Scratch.AUX, IFNAMSIZ);
    }

    static String readCString(Scratch s, int offset, int max) {
        int n = 0;
        while (n < max && s.buffer().get(offset + n) != 0) n++;
        byte[] b = new byte[n];
        s.buffer().get(offset, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }
}
