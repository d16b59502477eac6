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
        // Each table in one call (one downcall to link, not one per entry: start-up).
        CONSTANTS = Collections.unmodifiableMap(table(Shim.TABLE_CONSTANTS, new LinkedHashMap<>()));
        LAYOUTS = Collections.unmodifiableMap(table(Shim.TABLE_LAYOUTS, new HashMap<>()));
    }

    /** The shim's table {@code which}, from its text: a line "NAME VALUE" per entry. */
    private static Map<String, Long> table(int which, Map<String, Long> into) {
        String text = Native.SHIM.jsock_table_text(which);
        if (text == null) throw new IllegalStateException("jsock: libjsock gave no table " + which + " (out of memory?)");
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            int space = text.indexOf(' ', start);
            if (end < 0 || space < 0 || space > end) {
                throw new IllegalStateException("jsock: libjsock's table " + which + " is malformed at offset " + start);
            }
            into.put(text.substring(start, space), Long.parseLong(text, space + 1, end, 10));
        }
        return into;
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
