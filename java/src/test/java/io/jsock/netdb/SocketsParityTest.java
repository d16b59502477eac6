package io.jsock.netdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jsock.AddrInfo;
import io.jsock.ErrnoException;
import io.jsock.Family;
import io.jsock.GaiError;
import io.jsock.HostEntry;
import io.jsock.HostError;
import io.jsock.NameInfo;
import io.jsock.NetInterface;
import io.jsock.SockAddr;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.testing.Json;
import io.jsock.testing.Python;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The module-level functions against CPython's socket module on this machine: the same calls,
 * made by jsock and by python3 (parity.py), compared field by field. Results must be equal;
 * where Python raises, jsock must throw the matching exception (gaierror: GaiError with the same
 * EAI code and text; herror: HostError likewise; OSError with an errno: an ErrnoException with
 * that errno; OSError without one: a SocketException with Python's text; ValueError,
 * OverflowError, UnicodeError: IllegalArgumentException).
 *
 * Only names in /etc/hosts, loopback and numeric addresses are looked up, never the network.
 */
class SocketsParityTest {
    /** Python's names for the kinds of constant the module functions are about. */
    private static final Pattern CONSTANT_KINDS =
            Pattern.compile("^(AF|SOCK|SOL|SO|IPPROTO|IP|IPV6|TCP|MSG|AI|NI|EAI|SCM|SHUT)_.*");
    private static final AtomicInteger COMPARISONS = new AtomicInteger();

    @FunctionalInterface
    interface JavaCall {
        Object call() throws Exception;
    }

    /**
     * One call. A {@code deviation} says why jsock's errno differs from Python's for this call;
     * then only the kind of failure is compared.
     */
    record Call(String fn, List<Object> args, JavaCall java, String deviation) {
        String describe() {
            String a = Json.write(forPython(args));
            return fn + "(" + a.substring(1, a.length() - 1) + ")";
        }
    }

    private final List<Call> calls = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> sameAsPython() throws Exception {
        String hostName = Sockets.getHostName();
        addressLookups(hostName);
        hostLookups(hostName);
        protocolsAndServices();
        addressTexts();
        byteOrderAndCmsg();
        interfaces();
        call("has_ipv6", List.of(), Sockets::hasIpv6);

        List<Object> outcomes = python(calls.stream().map(c -> Map.of("fn", c.fn(), "args", forPython(c.args()))).toList());
        assertEquals(calls.size(), outcomes.size());
        Stream<DynamicTest> each = IntStream.range(0, calls.size()).mapToObj(i -> {
            Call c = calls.get(i);
            return DynamicTest.dynamicTest(c.describe(), () -> compare(c, (Map<?, ?>) outcomes.get(i)));
        });
        List<Object> constants = python(List.of(Map.of("fn", "constants", "args", List.of())));
        return Stream.concat(each, Stream.of(DynamicTest.dynamicTest("every constant",
                () -> compareConstants((Map<?, ?>) ((Map<?, ?>) constants.get(0)).get("ok")))));
    }

    /** What parity.py says of each call, in order: {"ok": ...} or {"error": ...}. */
    @SuppressWarnings("unchecked")
    private static List<Object> python(List<?> calls) throws IOException {
        return (List<Object>) Json.parse(Python.run("parity.py", Json.write(calls).getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void report() {
        System.out.println("SocketsParityTest: " + COMPARISONS.get() + " field comparisons with CPython");
    }

    // ---------------------------------------------------------------- the calls

    private void addressLookups(String hostName) {
        int stream = Sockets.SOCK_STREAM, dgram = Sockets.SOCK_DGRAM, raw = Sockets.SOCK_RAW;
        int inet = Sockets.AF_INET, inet6 = Sockets.AF_INET6;
        int numeric = Sockets.AI_NUMERICHOST;
        // Names from /etc/hosts and the loopback addresses, by port, service name and number.
        getAddrInfo("localhost", 80, 0, 0, 0, 0);
        getAddrInfo("localhost", "http", 0, stream, 0, 0);
        getAddrInfo("localhost", null, 0, 0, 0, 0);
        getAddrInfo("localhost", 80, 0, stream, 0, Sockets.AI_CANONNAME);
        getAddrInfo("localhost", 80, inet, stream, 0, Sockets.AI_ADDRCONFIG);
        getAddrInfo("::1", 443, 0, 0, 0, 0);
        getAddrInfo("::1", "https", inet6, stream, 0, Sockets.AI_CANONNAME);
        getAddrInfo("127.0.0.1", 80, 0, 0, 0, 0);
        getAddrInfo("127.0.0.1", "domain", 0, dgram, 0, 0);
        getAddrInfo("127.0.0.1", "22", 0, stream, Sockets.IPPROTO_TCP, 0);
        getAddrInfo(hostName, 80, 0, 0, 0, 0);
        getAddrInfo(hostName, "ssh", 0, stream, 0, Sockets.AI_CANONNAME);
        getAddrInfo(hostName, null, inet, 0, 0, 0);
        // Numeric hosts, with AI_NUMERICHOST: nothing is looked up.
        getAddrInfo("127.0.0.1", 0, 0, 0, 0, numeric);
        getAddrInfo("::1", 8080, 0, stream, 0, numeric);
        getAddrInfo("192.0.2.7", "http", 0, 0, 0, numeric);
        getAddrInfo("2001:db8::5", 53, inet6, dgram, 0, numeric);
        getAddrInfo("::ffff:192.0.2.1", 1, 0, 0, 0, numeric);
        getAddrInfo("fe80::1%lo", 9, 0, stream, 0, numeric);
        getAddrInfo("fe80::1%1", 9, 0, stream, 0, numeric);
        getAddrInfo("127.0.0.1", 7, inet6, stream, 0, numeric | Sockets.AI_V4MAPPED);
        getAddrInfo("localhost", 80, 0, 0, 0, numeric);
        getAddrInfo("bücher.example", 80, 0, 0, 0, numeric);
        getAddrInfo("1.2.3", 80, 0, 0, 0, numeric);
        getAddrInfo("::1", 80, inet, 0, 0, numeric);
        getAddrInfo("127.0.0.1", 80, inet6, 0, 0, numeric);
        // No host: the wildcard with AI_PASSIVE, the loopback without.
        getAddrInfo(null, 80, 0, stream, 0, Sockets.AI_PASSIVE);
        getAddrInfo(null, "http", inet6, 0, 0, Sockets.AI_PASSIVE);
        getAddrInfo(null, 0, inet, dgram, 0, Sockets.AI_PASSIVE);
        getAddrInfo(null, 80, 0, stream, 0, 0);
        getAddrInfo(null, null, 0, 0, 0, 0);
        // Services and ports, good and bad.
        getAddrInfo("127.0.0.1", "ssh", 0, 0, 0, 0);
        getAddrInfo("127.0.0.1", "0", 0, stream, 0, 0);
        getAddrInfo("127.0.0.1", 65535, 0, stream, 0, 0);
        getAddrInfo("127.0.0.1", 65536, 0, stream, 0, 0);
        getAddrInfo("127.0.0.1", 70000, 0, stream, 0, 0);
        getAddrInfo("127.0.0.1", -1, 0, stream, 0, 0);
        getAddrInfo("127.0.0.1", "no-such-service", 0, 0, 0, 0);
        getAddrInfo("127.0.0.1", "http", 0, 0, 0, Sockets.AI_NUMERICSERV);
        getAddrInfo("127.0.0.1", "tftp", 0, stream, 0, 0);
        // Families, types, protocols and flags the C library refuses.
        getAddrInfo("127.0.0.1", 80, Sockets.AF_UNIX, 0, 0, 0);
        getAddrInfo("127.0.0.1", 80, 0, raw, 0, 0);
        getAddrInfo("127.0.0.1", 80, 0, stream, Sockets.IPPROTO_UDP, 0);
        getAddrInfo("127.0.0.1", 80, 0, Sockets.SOCK_SEQPACKET, 0, 0);
        getAddrInfo("127.0.0.1", 80, 0, 0, 0, 0x7fffffff);
        // Host names the idna codec refuses before any look-up.
        getAddrInfo("a..b", 80, 0, 0, 0, 0);
        getAddrInfo("x".repeat(64) + ".example", 80, 0, 0, 0, 0);
        getAddrInfo("", 80, 0, 0, 0, numeric);

        int numericHost = Sockets.NI_NUMERICHOST, numericServ = Sockets.NI_NUMERICSERV;
        getNameInfo(SockAddr.inet("127.0.0.1", 80), 0);
        getNameInfo(SockAddr.inet("127.0.0.1", 80), numericHost);
        getNameInfo(SockAddr.inet("127.0.0.1", 80), numericServ);
        getNameInfo(SockAddr.inet("127.0.0.1", 53), Sockets.NI_DGRAM);
        getNameInfo(SockAddr.inet("127.0.0.1", 22), Sockets.NI_NAMEREQD);
        getNameInfo(SockAddr.inet("127.0.0.1", 22), Sockets.NI_NOFQDN);
        getNameInfo(SockAddr.inet("127.0.0.1", 0), numericHost | numericServ);
        getNameInfo(SockAddr.inet("127.0.0.1", 65535), 0);
        getNameInfo(SockAddr.inet("192.0.2.1", 443), numericHost);
        getNameInfo(SockAddr.inet6("::1", 22, 0, 0), numericHost);
        getNameInfo(SockAddr.inet6("::1", 53, 0, 0), numericHost | Sockets.NI_DGRAM);
        getNameInfo(SockAddr.inet6("::1", 80, 5, 0), numericHost | numericServ);
        getNameInfo(SockAddr.inet6("fe80::1", 80, 0, 1), numericHost);
        getNameInfo(SockAddr.inet6("::ffff:127.0.0.1", 80, 0, 0), numericHost);
        getNameInfo(SockAddr.inet6("2001:db8::1", 8080, 0, 0), numericHost);
    }

    private void hostLookups(String hostName) {
        call("gethostname", List.of(), Sockets::getHostName);
        for (String name : new String[] {"", "localhost", "127.0.0.1", hostName, "  localhost  ", "0.0.0.0", "::"}) {
            call("getfqdn", List.of(name), () -> Sockets.getFqdn(name));
        }
        for (String name : new String[] {"localhost", "127.0.0.1", "", "<broadcast>", "255.255.255.255", hostName,
                "::1", "a..b", "1.2.3.4"}) {
            call("gethostbyname", List.of(name), () -> Sockets.getHostByName(name));
        }
        for (String name : new String[] {"localhost", hostName, "127.0.0.1", "192.0.2.1"}) {
            call("gethostbyname_ex", List.of(name), () -> Sockets.getHostByNameEx(name));
        }
        for (String address : new String[] {"127.0.0.1", "localhost", hostName, ""}) {
            call("gethostbyaddr", List.of(address), () -> Sockets.getHostByAddr(address));
        }
        calls.add(new Call("gethostbyaddr", List.of("::"), () -> Sockets.getHostByAddr("::"),
                "CPython reports the global h_errno, which the C library's shortcut for :: leaves at 0;"
                + " jsock reports the call's own h_errno, HOST_NOT_FOUND"));
    }

    private void protocolsAndServices() {
        for (String name : new String[] {"tcp", "udp", "icmp", "ip", "ipv6-icmp", "sctp", "udplite", "TCP",
                "no-such-protocol", ""}) {
            call("getprotobyname", List.of(name), () -> Sockets.getProtoByName(name));
        }
        String[] services = {"http", "https", "ssh", "smtp", "ftp", "telnet", "pop3", "imap", "imaps", "pop3s",
            "domain", "ntp", "snmp", "ldap", "submission", "sunrpc", "nntp", "bgp", "rsync", "kerberos",
            "syslog", "tftp", "www", "postgresql", "no-such-service"};
        for (String s : services) {
            call("getservbyname", List.of(s), () -> Sockets.getServByName(s));
            call("getservbyname", List.of(s, "tcp"), () -> Sockets.getServByName(s, "tcp"));
            call("getservbyname", List.of(s, "udp"), () -> Sockets.getServByName(s, "udp"));
        }
        call("getservbyname", List.of("http", "no-such-protocol"), () -> Sockets.getServByName("http", "no-such-protocol"));
        int[] ports = {7, 21, 22, 23, 25, 53, 69, 80, 110, 119, 123, 143, 161, 179, 389, 443, 514, 587, 873, 993,
            995, 5432, 0, 1, 65535, 65536, -1, 100000};
        for (int port : ports) {
            call("getservbyport", List.of(port), () -> Sockets.getServByPort(port));
            call("getservbyport", List.of(port, "udp"), () -> Sockets.getServByPort(port, "udp"));
        }
        call("getservbyport", List.of(80, "no-such-protocol"), () -> Sockets.getServByPort(80, "no-such-protocol"));
    }

    private void addressTexts() {
        String[] v4 = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "1.2.3.4", "192.0.2.33", "10.0.0.255",
            "256.0.0.1", "1.2.3", "1.2.3.4.5", "", " 1.2.3.4", "1.2.3.4 ", "0x1.2.3.4", "1..2.3", "a.b.c.d",
            "127.1", "1.2.3.-1", "01.2.3.4", "1.2.3.04", "::1", "1.2.3.4\0", "１.2.3.4"};
        String[] v6 = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "fe80::1", "2001:db8::1", "2001:DB8::A",
            "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "0:0:0:0:0:0:0:0", "ff02::1:ff00:0",
            "2001:db8:0:0:1:0:0:1", "1:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1", "::ffff:0:0", "64:ff9b::192.0.2.33",
            ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", "::1%lo", "1:2:3:4:5:6:7",
            "::ffff:1.2.3", "[::1]", "1.2.3.4", " ::1", "::1 ", "02001:db8::1", "1:2:3:4:5:6:7::", "::1\0"};
        for (String t : v4) inetPtonAndBack(Sockets.AF_INET, t);
        for (String t : v6) inetPtonAndBack(Sockets.AF_INET6, t);
        call("inet_pton", List.of(Sockets.AF_UNIX, "1.2.3.4"), () -> Sockets.inetPton(Family.UNIX, "1.2.3.4"));

        HexFormat hex = HexFormat.of();
        String[] v6Packed = {"00000000000000000000000000000000", "00000000000000000000000000000001",
            "00010000000000000000000000000001", "00010000000100000000000000000001", "00010000000000010000000000000001",
            "20010db8000000000000ff0000428329", "00000000000000000000ffffc0000221", "000000000000000000000000c0000221",
            "fe800000000000000000000000000001", "ffffffffffffffffffffffffffffffff", "00000000000000010000000000000000"};
        for (String p : v6Packed) inetNtop(Sockets.AF_INET6, hex.parseHex(p));
        for (String p : new String[] {"00000000", "7f000001", "ffffffff", "c0000221"}) inetNtop(Sockets.AF_INET, hex.parseHex(p));
        for (int length : new int[] {0, 3, 5, 15, 16}) inetNtop(Sockets.AF_INET, new byte[length]);
        for (int length : new int[] {0, 4, 15, 17}) inetNtop(Sockets.AF_INET6, new byte[length]);
        inetNtop(Sockets.AF_UNIX, new byte[4]);

        for (String t : new String[] {"1", "127.1", "0x7f.1", "0177.0.0.1", "1.2.3.4", "255.255.255.255",
                "256.1.1.1", "4294967295", "4294967296", "1.2.3.4 junk", "1.2.3.4\n", "x", "", " 1.2.3.4",
                "1.2.3.4.5", "0x100.0.0.1", "1.2.3.4\0"}) {
            call("inet_aton", List.of(t), () -> Sockets.inetAton(t));
        }
        for (String p : new String[] {"7f000001", "00000000", "ffffffff", "c00002", "c000022101", ""}) {
            byte[] packed = hex.parseHex(p);
            call("inet_ntoa", List.of(packed), () -> Sockets.inetNtoa(packed));
        }
    }

    private void byteOrderAndCmsg() {
        for (long x : new long[] {0, 1, 0x12345678L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x100000000L, -1,
                Long.MAX_VALUE}) {
            call("ntohl", List.of(x), () -> Sockets.ntohl(x));
            call("htonl", List.of(x), () -> Sockets.htonl(x));
        }
        for (int x : new int[] {0, 1, 0x1234, 0x7FFF, 0x8000, 0xFFFF, 0x10000, -1, Integer.MAX_VALUE}) {
            call("ntohs", List.of(x), () -> Sockets.ntohs(x));
            call("htons", List.of(x), () -> Sockets.htons(x));
        }
        for (int n : new int[] {0, 1, 4, 8, 13, 100, 4096, Integer.MAX_VALUE - 16, Integer.MAX_VALUE - 15,
                Integer.MAX_VALUE - 24, Integer.MAX_VALUE - 23, Integer.MAX_VALUE, -1}) {
            call("CMSG_LEN", List.of(n), () -> Sockets.cmsgLen(n));
            call("CMSG_SPACE", List.of(n), () -> Sockets.cmsgSpace(n));
        }
    }

    private void interfaces() throws Exception {
        call("if_nameindex", List.of(), Sockets::ifNameIndex);
        for (NetInterface i : Sockets.ifNameIndex()) {
            call("if_nametoindex", List.of(i.name()), () -> Sockets.ifNameToIndex(i.name()));
            call("if_indextoname", List.of(i.index()), () -> Sockets.ifIndexToName(i.index()));
        }
        call("if_nametoindex", List.of("no-such-if0"), () -> Sockets.ifNameToIndex("no-such-if0"));
        for (int index : new int[] {0, -1, 99999}) {
            call("if_indextoname", List.of(index), () -> Sockets.ifIndexToName(index));
        }
    }

    // ---------------------------------------------------------------- call builders

    private void call(String fn, List<Object> args, JavaCall java) {
        calls.add(new Call(fn, args, java, null));
    }

    private void getAddrInfo(String host, Object port, int family, int type, int proto, int flags) {
        List<Object> args = new ArrayList<>();
        args.add(host);
        args.add(port);
        args.addAll(List.of(family, type, proto, flags));
        call("getaddrinfo", args, () -> port instanceof Integer p
                ? Sockets.getAddrInfo(host, p, family(family), type(type), proto, flags)
                : Sockets.getAddrInfo(host, (String) port, family(family), type(type), proto, flags));
    }

    private void getNameInfo(SockAddr address, int flags) {
        call("getnameinfo", List.of(new Tuple(sockAddr(address)), flags), () -> Sockets.getNameInfo(address, flags));
    }

    private void inetPtonAndBack(int af, String text) {
        call("inet_pton", List.of(af, text), () -> Sockets.inetPton(family(af), text));
    }

    private void inetNtop(int af, byte[] packed) {
        call("inet_ntop", List.of(af, packed), () -> Sockets.inetNtop(family(af), packed));
    }

    private static Family family(int af) {
        if (af == Sockets.AF_UNSPEC) return null;
        Family f = Family.of(af);
        if (f == null) throw new AssertionError("no Family for " + af);
        return f;
    }

    private static Type type(int socktype) {
        if (socktype == 0) return null;
        Type t = Type.of(socktype);
        if (t == null) throw new AssertionError("no Type for " + socktype);
        return t;
    }

    // ---------------------------------------------------------------- comparing

    private static void compare(Call call, Map<?, ?> python) {
        Object result;
        try {
            result = call.java().call();
        } catch (Exception e) {
            if (!python.containsKey("error")) {
                throw new AssertionError(call.describe() + ": Python returned " + Json.write(python.get("ok"))
                        + " but jsock threw " + e, e);
            }
            compareError(call, python, e);
            return;
        }
        if (python.containsKey("error")) {
            fail(call.describe() + ": Python raised " + python.get("error") + " " + python.get("message")
                    + " but jsock returned " + Json.write(asJson(result)));
        }
        compareValue(call.describe(), python.get("ok"), asJson(result));
    }

    private static void compareError(Call call, Map<?, ?> python, Exception e) {
        String what = call.describe() + ": Python raised " + python.get("error") + " " + python.get("message")
                + ", jsock threw " + e;
        String pyClass = (String) python.get("error");
        if (pyClass.equals("gaierror") || pyClass.equals("herror")) {
            Class<?> expected = pyClass.equals("gaierror") ? GaiError.class : HostError.class;
            assertTrue(expected.isInstance(e), what);
            if (call.deviation() != null) {
                System.out.println("SocketsParityTest: " + call.describe() + ": " + call.deviation());
                COMPARISONS.incrementAndGet();
                return;
            }
            ErrnoException x = (ErrnoException) e;
            compareValue(what + " [errno]", python.get("errno"), (long) x.errno());
            compareValue(what + " [strerror]", python.get("strerror"), x.strerror());
        } else if (python.containsKey("errno")) { // an OSError
            if (python.get("errno") != null) {
                assertTrue(e instanceof ErrnoException && !(e instanceof GaiError) && !(e instanceof HostError), what);
                compareValue(what + " [errno]", python.get("errno"), (long) ((ErrnoException) e).errno());
                compareValue(what + " [strerror]", python.get("strerror"), ((ErrnoException) e).strerror());
            } else {
                assertTrue(e instanceof SocketException && !(e instanceof ErrnoException), what);
                assertTrue(e.getMessage().contains((String) python.get("message")), what);
                COMPARISONS.incrementAndGet();
            }
        } else { // ValueError, OverflowError, UnicodeError
            assertInstanceOf(IllegalArgumentException.class, e, what);
            COMPARISONS.incrementAndGet();
        }
    }

    /** Compares leaf by leaf, naming the path of the first difference. */
    private static void compareValue(String path, Object expected, Object actual) {
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertEquals(e.size(), a.size(), path + ": number of items (Python " + Json.write(e) + ", jsock "
                    + Json.write(a) + ")");
            for (int i = 0; i < e.size(); i++) compareValue(path + "[" + i + "]", e.get(i), a.get(i));
            return;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            assertEquals(new TreeSet<>(e.keySet()), new TreeSet<>(a.keySet()), path + ": keys");
            for (Object k : e.keySet()) compareValue(path + "." + k, e.get(k), a.get(k));
            return;
        }
        COMPARISONS.incrementAndGet();
        assertEquals(expected, actual, path);
    }

    /** An argument Python must receive as a tuple (a sockaddr). */
    record Tuple(List<Object> items) {}

    /** Arguments as parity.py reads them: bytes as {"bytes": hex}, tuples as {"tuple": [...]}. */
    private static Object forPython(Object v) {
        if (v instanceof byte[] b) return Map.of("bytes", HexFormat.of().formatHex(b));
        if (v instanceof Tuple t) return Map.of("tuple", forPython(t.items()));
        if (v instanceof List<?> list) return list.stream().map(SocketsParityTest::forPython).toList();
        return v;
    }

    /** A jsock result in the form parity.py gives Python's. */
    private static Object asJson(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) return v;
        if (v instanceof Integer i) return (long) i;
        if (v instanceof byte[] b) return Map.of("bytes", HexFormat.of().formatHex(b));
        if (v instanceof List<?> list) return list.stream().map(SocketsParityTest::asJson).toList();
        if (v instanceof AddrInfo a) {
            return List.of((long) a.family().value(), (long) a.type().value(), (long) a.proto(), a.canonName(),
                    asJson(a.address()));
        }
        if (v instanceof SockAddr a) return sockAddr(a).stream().map(SocketsParityTest::asJson).toList();
        if (v instanceof NameInfo n) return List.of(n.host(), n.service());
        if (v instanceof HostEntry h) return List.of(h.name(), h.aliases(), h.addresses());
        if (v instanceof NetInterface n) return List.of((long) n.index(), n.name());
        throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }

    /** A sockaddr as Python's tuple: (host, port) or (host, port, flowinfo, scope_id). */
    private static List<Object> sockAddr(SockAddr address) {
        if (address instanceof SockAddr.Inet in) return List.of(in.host(), (long) in.port());
        SockAddr.Inet6 in6 = (SockAddr.Inet6) address;
        return List.of(in6.host(), (long) in6.port(), (long) in6.flowInfo(), Integer.toUnsignedLong(in6.scopeId()));
    }

    /** Every int constant Python has is a field of Sockets with its value; none of the function's kinds is missing. */
    private static void compareConstants(Map<?, ?> python) throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<?, ?> e : python.entrySet()) {
            String name = (String) e.getKey();
            Field f;
            try {
                f = Sockets.class.getField(name);
            } catch (NoSuchFieldException absent) {
                if (CONSTANT_KINDS.matcher(name).matches()) missing.add(name);
                continue;
            }
            assertTrue(Modifier.isStatic(f.getModifiers()) && f.getType() == int.class, name);
            long value = ((Number) e.getValue()).longValue();
            // Python's unsigned 32-bit values (INADDR_*) are the same bits in a Java int.
            assertEquals(value, value > Integer.MAX_VALUE ? Integer.toUnsignedLong(f.getInt(null)) : f.getInt(null), name);
            COMPARISONS.incrementAndGet();
            compared++;
        }
        assertEquals(List.of(), missing, "Python's constants that Sockets lacks");
        assertTrue(compared > 200, "only " + compared + " constants compared");
    }
}
