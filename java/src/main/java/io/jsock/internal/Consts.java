package io.jsock.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of the system headers, as libjsock was compiled against them: constants by their
 * C name, struct sizes as {@code sizeof(name)} and field offsets as {@code struct.field}.
 * No number is typed by hand on the Java side.
 */
public final class Consts {
    private static final Map<String, Long> CONSTANTS;
    private static final Map<String, Long> LAYOUTS;

    static {
        Shim shim = Native.SHIM;
        Map<String, Long> c = new LinkedHashMap<>();
        for (int i = 0, n = shim.jsock_const_count(); i < n; i++) {
            c.put(shim.jsock_const_name(i), shim.jsock_const_value(i));
        }
        Map<String, Long> l = new HashMap<>();
        for (int i = 0, n = shim.jsock_layout_count(); i < n; i++) {
            l.put(shim.jsock_layout_name(i), shim.jsock_layout_value(i));
        }
        CONSTANTS = Collections.unmodifiableMap(c);
        LAYOUTS = Collections.unmodifiableMap(l);
    }

    private Consts() {}

    /** The value of a constant the headers must define. */
    public static int get(String name) {
        Long v = CONSTANTS.get(name);
        if (v == null) {
            throw new IllegalStateException("jsock: " + name + " is not defined by this system's headers");
        }
        return v.intValue();
    }

    /** The value of a constant, or {@code absent} where the headers lack it. */
    public static int get(String name, int absent) {
        Long v = CONSTANTS.get(name);
        return v == null ? absent : v.intValue();
    }

    /** For constants wider than an int (ioctl request numbers). */
    public static long getLong(String name) {
        Long v = CONSTANTS.get(name);
        if (v == null) {
            throw new IllegalStateException("jsock: " + name + " is not defined by this system's headers");
        }
        return v;
    }

    public static boolean has(String name) {
        return CONSTANTS.containsKey(name);
    }

    /** Every constant in the shim's table, in the table's order. */
    public static Map<String, Long> all() {
        return CONSTANTS;
    }

    /** A struct size ({@code "sizeof(sockaddr_in6)"}) or field offset ({@code "sockaddr_in6.sin6_port"}). */
    public static int layout(String name) {
        Long v = LAYOUTS.get(name);
        if (v == null) throw new IllegalStateException("jsock: no layout entry " + name + " in libjsock");
        return v.intValue();
    }

    public static int sizeOf(String struct) {
        return layout("sizeof(" + struct + ")");
    }

    public static int offsetOf(String struct, String field) {
        return layout(struct + "." + field);
    }

    public static Map<String, Long> allLayouts() {
        return LAYOUTS;
    }
}
