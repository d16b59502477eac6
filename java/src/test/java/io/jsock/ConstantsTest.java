package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jsock.internal.Consts;
import io.jsock.internal.Errors;
import io.jsock.testing.Python;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jsock's numbers against two readers no one here wrote: CPython's socket and errno modules,
 * and the C compiler reading the system headers in a program this test writes.
 */
class ConstantsTest {
    /**
     * Integer constants of CPython's socket module that the system headers do not define, so
     * that Sockets (whose numbers all come from the headers) cannot have them. Each is proved
     * absent from the headers below; one the headers gain stops being an exception.
     */
    static final Map<String, String> PYTHON_ONLY = Map.of(
            "ALG_OP_SIGN", "CPython defines it itself for AF_ALG's asymmetric-cipher interface, which was proposed"
                    + " for Linux but never merged; linux/if_alg.h has no such name",
            "ALG_OP_VERIFY", "as ALG_OP_SIGN: CPython's own number for the unmerged akcipher interface",
            "ALG_SET_PUBKEY", "as ALG_OP_SIGN: CPython's own number for the unmerged akcipher interface",
            "UDPLITE_SEND_CSCOV", "CPython defines it itself; the kernel keeps it in its internal"
                    + " include/net/udplite.h, which neither the uapi nor the C library headers export",
            "UDPLITE_RECV_CSCOV", "as UDPLITE_SEND_CSCOV: only in the kernel's internal headers");

    /**
     * Names of the shim's table that are CPython's spelling of something the headers spell
     * otherwise, with the C expression that is their value (an independent reading of consts.c).
     */
    static final Map<String, String> SPELLED_OTHERWISE = spelledOtherwise();

    private static Map<String, String> spelledOtherwise() {
        Map<String, String> m = new HashMap<>();
        m.put("UNIX_PATH_MAX", "sizeof(((struct sockaddr_un *) 0)->sun_path)"); // linux/un.h clashes with sys/un.h
        m.put("CAN_BCM_CAN_FD_FRAME", "CAN_FD_FRAME");
        for (String op : List.of("TX_SETUP", "TX_DELETE", "TX_READ", "TX_SEND", "RX_SETUP", "RX_DELETE", "RX_READ",
                "TX_STATUS", "TX_EXPIRED", "RX_STATUS", "RX_TIMEOUT", "RX_CHANGED", "SETTIMER", "STARTTIMER",
                "TX_COUNTEVT", "TX_ANNOUNCE", "TX_CP_CAN_ID", "RX_FILTER_ID", "RX_CHECK_DLC", "RX_NO_AUTOTIMER",
                "RX_ANNOUNCE_RESUME", "TX_RESET_MULTI_IDX", "RX_RTR_FRAME")) {
            m.put("CAN_BCM_" + op, op); // linux/can/bcm.h has the BCM opcodes and flags without the prefix
        }
        return m;
    }

    /** CPython's tables: "socket", "errno", "errorcode", "family", "kind", each name to value. */
    static Map<String, Map<String, Long>> python;
    static String pythonVersion;

    @BeforeAll
    static void askPython() {
        python = new HashMap<>();
        for (String line : Python.lines("constants.py")) {
            String[] f = line.split(" ");
            if (f[0].equals("version")) {
                pythonVersion = f[1];
                continue;
            }
            python.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1], Long.parseLong(f[2]));
        }
        for (String table : List.of("socket", "errno", "errorcode", "family", "kind")) {
            assertTrue(python.containsKey(table) && !python.get(table).isEmpty(), "CPython listed no " + table);
        }
    }

    static Map<String, Integer> socketsFields() throws IllegalAccessException {
        Map<String, Integer> fields = new TreeMap<>();
        for (Field f : Sockets.class.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class) fields.put(f.getName(), f.getInt(null));
        }
        return fields;
    }

    /** Python ints are unbounded: INADDR_NONE is 4294967295 there and -1 in a Java int. */
    static boolean sameNumber(int java, long py) {
        return java == py || Integer.toUnsignedLong(java) == py;
    }

    @Test
    void everySocketsConstantIsTheTablesAndPythonsNumber() throws Exception {
        Map<String, Integer> fields = socketsFields();
        Map<String, Long> py = python.get("socket");
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Integer> e : fields.entrySet()) {
            String name = e.getKey();
            int value = e.getValue();
            Long table = Consts.all().get(name);
            if (table == null) wrong.add(name + " is not a name of the shim's table, so no header check covers it");
            else if (value != table.intValue()) wrong.add(name + " = " + value + " but the shim's table says " + table);
            Long p = py.get(name);
            if (p != null) {
                compared++;
                if (!sameNumber(value, p)) wrong.add(name + " = " + value + " but CPython's socket." + name + " = " + p);
            }
        }
        System.out.printf("ConstantsTest: %d int constants in Sockets, %d of them also in CPython %s's socket module%n",
                fields.size(), compared, pythonVersion);
        if (!wrong.isEmpty()) fail(wrong.size() + " wrong constants:\n  " + String.join("\n  ", wrong));
        assertTrue(compared > 300, "only " + compared + " constants in common with CPython: is that its socket module?");
    }

    @Test
    void everyConstantPythonHasAndTheHeadersDefineIsInSockets() throws Exception {
        Map<String, Integer> fields = socketsFields();
        List<String> missing = new ArrayList<>();
        for (String name : python.get("socket").keySet()) {
            if (!fields.containsKey(name) && !PYTHON_ONLY.containsKey(name)) missing.add(name);
        }
        if (!missing.isEmpty()) {
            List<String> defined = new ArrayList<>();
            List<String> lacking = new ArrayList<>();
            for (String name : missing) (definedByHeaders(name) ? defined : lacking).add(name);
            fail("CPython's socket module has " + missing.size() + " constants Sockets lacks."
                    + (defined.isEmpty() ? "" : "\nThe headers define " + defined + ": add them to native/constants.list and Sockets.")
                    + (lacking.isEmpty() ? "" : "\nThe headers lack " + lacking + ": document each in PYTHON_ONLY with the reason."));
        }
        for (Map.Entry<String, String> e : PYTHON_ONLY.entrySet()) {
            String name = e.getKey();
            assertFalse(fields.containsKey(name), name + " is in Sockets now: drop it from PYTHON_ONLY");
            assertFalse(definedByHeaders(name), name + " is defined by this system's headers after all (" + e.getValue()
                    + "): add it to native/constants.list and Sockets");
        }
        System.out.println("ConstantsTest: CPython-only constants the headers lack (documented): " + PYTHON_ONLY.keySet());
    }

    /** Whether the headers give {@code name} a value (as a macro or an enumerator). */
    private static boolean definedByHeaders(String name) {
        return CProgram.compiles(CProgram.SOCKET_HEADERS + "\nlong long probe(void) { return (long long) (" + name + "); }\n");
    }

    @Test
    void errnoNamesAreCPythons() {
        Map<String, Long> names = python.get("errno");
        List<String> wrong = new ArrayList<>();
        // Each errno CPython knows has a name in jsock, and it is a name CPython gives that number.
        python.get("errorcode").forEach((pyName, code) -> {
            String ours = Errors.name(code.intValue());
            if (ours == null) wrong.add("errno " + code + " (" + pyName + ") has no name in jsock");
            else if (!code.equals(names.get(ours))) {
                wrong.add("jsock names errno " + code + " " + ours + ", which is errno." + ours + " = " + names.get(ours) + " in CPython");
            }
        });
        // Each E name of the shim's table is CPython's errno of the same name and number.
        int checked = 0;
        for (Map.Entry<String, Long> e : Consts.all().entrySet()) {
            String name = e.getKey();
            if (!Errors.isErrnoName(name)) continue;
            checked++;
            Long py = names.get(name);
            if (py == null) wrong.add(name + " is in jsock's table but not in CPython's errno module");
            else if (!py.equals(e.getValue())) wrong.add(name + " = " + e.getValue() + " in jsock, " + py + " in CPython");
        }
        System.out.printf("ConstantsTest: %d errno values of CPython named by jsock, %d errno names of the table checked%n",
                python.get("errorcode").size(), checked);
        if (!wrong.isEmpty()) fail(String.join("\n", wrong));
    }

    @Test
    void familiesAndTypesAreCPythons() {
        Map<String, Long> families = python.get("family");
        for (Family f : Family.values()) {
            assertTrue(families.containsKey(f.cName()), "CPython has no " + f.cName());
            assertEquals(families.get(f.cName()), (long) f.value(), f.cName());
            assertEquals(f, Family.of(f.value()));
        }
        Map<String, Long> kinds = python.get("kind");
        for (Type t : Type.values()) {
            assertTrue(kinds.containsKey(t.cName()), "CPython has no " + t.cName());
            assertEquals(kinds.get(t.cName()), (long) t.value(), t.cName());
            assertEquals(t, Type.of(t.value() | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC));
        }
        assertEquals(kinds.get("SOCK_NONBLOCK"), (long) Sockets.SOCK_NONBLOCK);
        assertEquals(kinds.get("SOCK_CLOEXEC"), (long) Sockets.SOCK_CLOEXEC);
    }

    /**
     * Every constant and every size and offset of the shim's tables, against the value a C
     * program of this test computes from the headers: a name the headers lack does not compile,
     * a wrong value differs.
     */
    @Test
    void theShimsTablesAreTheHeaders() {
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, String> expressions = new LinkedHashMap<>();
        Consts.all().forEach((name, value) -> {
            if (name.startsWith("JSOCK_")) return; // the shim's own numbers (jsock.h), not the system's
            expected.put(name, value);
            expressions.put(name, SPELLED_OTHERWISE.getOrDefault(name, name));
        });
        Consts.allLayouts().forEach((name, value) -> {
            expected.put(name, value);
            expressions.put(name, layoutExpression(name));
        });
        List<String> exprs = new ArrayList<>(expressions.values());
        Map<String, Long> actual = CProgram.values(CProgram.SOCKET_HEADERS, exprs);
        List<String> wrong = new ArrayList<>();
        expressions.forEach((name, expr) -> {
            long c = actual.get(expr);
            if (c != expected.get(name)) wrong.add(name + ": the shim says " + expected.get(name) + ", the headers " + c);
        });
        System.out.printf("ConstantsTest: %d constants and %d layout entries of the shim checked against the C headers%n",
                Consts.all().size(), Consts.allLayouts().size());
        if (!wrong.isEmpty()) fail(wrong.size() + " entries differ from the headers:\n  " + String.join("\n  ", wrong));
        assertTrue(Consts.all().size() > 500 && Consts.allLayouts().size() > 50, "the shim's tables look empty");
    }

    /**
     * Every name of native/constants.list that the headers define is in the shim's table. The
     * table keeps a name only where consts.c's headers define it, so a header it does not
     * include would lose names without a word.
     */
    @Test
    void everyListedNameTheHeadersDefineIsInTheTable() throws IOException {
        Path list = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .getParent().resolve("native").resolve("constants.list");
        assertTrue(Files.isRegularFile(list), "no " + list + " (the test runs from the java module's folder)");
        List<String> macros = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.endsWith(" enum")) continue; // enumerators are always taken
            macros.add(l.split("\\s+")[0]);
        }
        StringBuilder src = new StringBuilder(CProgram.SOCKET_HEADERS).append("\nint main(void) {\n");
        for (String m : macros) src.append("#ifdef ").append(m).append("\n    puts(\"").append(m).append("\");\n#endif\n");
        src.append("    return 0;\n}\n");
        List<String> defined = CProgram.run(src.toString());
        List<String> lost = new ArrayList<>();
        for (String name : defined) if (!Consts.has(name)) lost.add(name);
        System.out.printf("ConstantsTest: %d of the %d macro names of constants.list are defined by the headers%n",
                defined.size(), macros.size());
        assertTrue(lost.isEmpty(), "the headers define " + lost + ", listed in constants.list, but the shim's table"
                + " lacks them: consts.c does not include the header that defines them");
    }

    /** {@code sizeof(sockaddr_in)} or {@code sockaddr_in.sin_port}, as C. Names ending in _t are typedefs. */
    static String layoutExpression(String entry) {
        if (entry.startsWith("sizeof(") && entry.endsWith(")")) {
            String type = entry.substring("sizeof(".length(), entry.length() - 1);
            int dot = type.indexOf('.');
            if (dot >= 0) { // a field's width: "sizeof(struct.field)"
                return "sizeof(((struct " + type.substring(0, dot) + " *) 0)->" + type.substring(dot + 1) + ")";
            }
            return "sizeof(" + (type.endsWith("_t") ? type : "struct " + type) + ")";
        }
        int dot = entry.indexOf('.');
        if (dot < 0) throw new AssertionError("layout entry of unknown form: " + entry);
        return "offsetof(struct " + entry.substring(0, dot) + ", " + entry.substring(dot + 1) + ")";
    }
}
