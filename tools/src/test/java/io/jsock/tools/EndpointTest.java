package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    private static SockAddr only(String text) throws Exception {
        List<SockAddr> addresses = Endpoint.parse(text).resolve();
        assertEquals(1, addresses.size(), text);
        return addresses.get(0);
    }

    @Test
    void unixPath() throws Exception {
        Endpoint e = Endpoint.parse("unix:/run/app.sock");
        assertEquals(Family.UNIX, e.family());
        assertEquals(Type.STREAM, e.type());
        assertEquals(SockAddr.unix("/run/app.sock"), only("unix:/run/app.sock"));
        assertEquals(SockAddr.unix("relative/s"), only("unix:relative/s"));
    }

    @Test
    void unixPathAtTheLimitAndOneOver() throws Exception {
        String path107 = "/" + "p".repeat(SockAddr.Unix.MAX_NAME - 1);
        assertEquals(SockAddr.unix(path107), only("unix:" + path107));
        UsageError e = assertThrows(UsageError.class, () -> Endpoint.parse("unix:" + path107 + "x"));
        assertTrue(e.getMessage().startsWith("bad address 'unix:/ppp"), e.getMessage());
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        // The limit is in bytes: 54 two-byte characters are 108 bytes.
        assertThrows(UsageError.class, () -> Endpoint.parse("unix:" + "é".repeat(54)));
    }

    @Test
    void abstractNames() throws Exception {
        assertEquals(SockAddr.unixAbstract("my-service"), only("abstract:my-service"));
        assertArrayEquals(new byte[] {0, 'a', (byte) 0xff}, ((SockAddr.Unix) only("abstract:\\x00a\\xff")).name());
        Endpoint autobind = Endpoint.parse("abstract:");
        assertTrue(autobind.isAutobind());
        assertTrue(((SockAddr.Unix) autobind.resolve().get(0)).isUnnamed());
        assertFalse(Endpoint.parse("abstract:x").isAutobind());
    }

    @Test
    void abstractNamesPrintAsTheyAreWritten() throws Exception {
        for (String text : List.of("abstract:my-service", "abstract:\\x00a\\xff", "unix:/run/app.sock")) {
            assertEquals(text, Endpoint.parse(text).toString());
        }
    }

    @Test
    void inetForms() throws Exception {
        assertEquals(SockAddr.inet("127.0.0.1", 8080), only("tcp:127.0.0.1:8080"));
        assertEquals(SockAddr.inet("", 0), only("tcp::0"));
        assertEquals(SockAddr.inet6("::1", 65535), only("tcp6:[::1]:65535"));
        assertEquals(SockAddr.inet6("", 9), only("udp6:[]:9"));
        assertEquals(SockAddr.inet6("::1", 0, 0, 1), only("tcp6:[::1%1]:0"));
        Endpoint udp = Endpoint.parse("udp:127.0.0.1:53");
        assertEquals(Family.INET, udp.family());
        assertEquals(Type.DGRAM, udp.type());
        assertEquals(53, udp.port());
        assertEquals(Type.DGRAM, Endpoint.parse("udp6:[::1]:53").type());
        assertEquals(Family.INET6, Endpoint.parse("udp6:[::1]:53").family());
    }

    @Test
    void hostNamesAreResolvedInTheirFamily() throws Exception {
        for (SockAddr a : Endpoint.parse("tcp:localhost:7").resolve()) {
            SockAddr.Inet v4 = (SockAddr.Inet) a;
            assertTrue(v4.address().isLoopbackAddress(), a.toString());
            assertEquals(7, v4.port());
        }
        assertEquals("tcp6:[localhost]:7", Endpoint.parse("tcp6:[localhost]:7").toString());
        assertEquals("udp:localhost:7", Endpoint.parse("udp:localhost:7").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp:127.0.0.1:80", "tcp6:[::1]:80", "udp:127.0.0.1:0", "udp6:[::1]:65535",
            "unix:/tmp/x", "abstract:name"})
    void canonicalFormsRoundTrip(String text) throws Exception {
        assertEquals(text, Endpoint.parse(text).toString());
        Endpoint e = Endpoint.parse(text);
        assertEquals(text, Endpoint.format(e.resolve().get(0), e.type()));
    }

    @Test
    void formatWritesTheSchemeOfTheSocketType() {
        assertEquals("udp:127.0.0.1:5", Endpoint.format(SockAddr.inet("127.0.0.1", 5), Type.DGRAM));
        assertEquals("tcp6:[::1%3]:5", Endpoint.format(SockAddr.inet6("::1", 5, 0, 3), Type.STREAM));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp:foo                | expected tcp:HOST:PORT",
        "nothing                | expected SCHEME:",
        "sctp:127.0.0.1:1       | unknown scheme 'sctp'",
        "tcp:127.0.0.1:         | missing port",
        "tcp:127.0.0.1:65536    | port 65536 is out of range 0-65535",
        "udp:127.0.0.1:99999999 | port 99999999 is out of range 0-65535",
        "tcp:127.0.0.1:-1       | port '-1' is not a number",
        "tcp:127.0.0.1:http     | port 'http' is not a number",
        "tcp:127.0.0.1:1234567890 | port '1234567890' is not a number",
        "tcp:1.2.3.256:80       | '1.2.3.256' is not an IPv4 address",
        "tcp6:::1:80            | write an IPv6 host in brackets",
        "tcp:[::1]:80           | brackets are for IPv6",
        "tcp6:[127.0.0.1]:80    | '127.0.0.1' is not an IPv6 address",
        "tcp6:[::g]:80          | '::g' is not an IPv6 address",
        "tcp6:[fe80::1%no-such-if0]:80 | no network interface named 'no-such-if0'",
        "tcp:bad host:80        | 'bad host' is not a host name or address",
        "unix:                  | empty path",
        "abstract:\\x4          | '\\x4' is not \\x and two hex digits",
        "abstract:\\xZZ         | '\\xZZ' is not \\x and two hex digits",
    })
    void badAddresses(String text, String why) {
        UsageError e = assertThrows(UsageError.class, () -> Endpoint.parse(text));
        String expected = "bad address '" + text + "': " + why;
        assertTrue(e.getMessage().startsWith(expected), e.getMessage() + "\n  expected: " + expected);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void unixPathWithNul() {
        UsageError e = assertThrows(UsageError.class, () -> Endpoint.parse("unix:/tmp/a\0b"));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }
}
