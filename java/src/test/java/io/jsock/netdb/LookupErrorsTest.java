package io.jsock.netdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.AddrInfo;
import io.jsock.Family;
import io.jsock.GaiError;
import io.jsock.HostError;
import io.jsock.SockAddr;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.internal.Consts;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parity test cannot show: the Java types and messages of failures, and odd inputs. */
class LookupErrorsTest {
    @Test
    void aGaiErrorIsAnUnknownHostExceptionThatNamesWhatWasLookedUp() {
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> Sockets.getAddrInfo("localhost", "http", null, null, 0, Sockets.AI_NUMERICHOST));
        GaiError g = assertInstanceOf(GaiError.class, e);
        assertEquals(Sockets.EAI_NONAME, g.code());
        assertEquals(Sockets.EAI_NONAME, g.errno());
        assertEquals("EAI_NONAME", g.errnoName());
        assertEquals("getaddrinfo", g.call());
        assertEquals("localhost, http", g.name());
        assertEquals("getaddrinfo(localhost, http): [Errno " + Sockets.EAI_NONAME + " EAI_NONAME] " + g.strerror(),
                g.getMessage());
        assertTrue(!g.strerror().isEmpty());
    }

    @Test
    void aGetNameInfoFailureNamesTheAddress() {
        SockAddr documentation = SockAddr.inet("192.0.2.1", 80);
        // NI_NAMEREQD with NI_NUMERICHOST: no name may be looked up, and one is required.
        GaiError g = assertThrows(GaiError.class,
                () -> Sockets.getNameInfo(documentation, Sockets.NI_NAMEREQD | Sockets.NI_NUMERICHOST));
        assertEquals(documentation, g.address());
        assertTrue(g.getMessage().startsWith("getnameinfo(inet:192.0.2.1:80): [Errno "), g.getMessage());
    }

    @Test
    void aHostErrorCarriesTheCallsHErrno() {
        // The C library answers for the unspecified address itself: no entry, nothing asked of DNS.
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> Sockets.getHostByAddr("::"));
        HostError h = assertInstanceOf(HostError.class, e);
        assertEquals(Consts.get("HOST_NOT_FOUND"), h.code());
        assertEquals("HOST_NOT_FOUND", h.errnoName());
        assertEquals("gethostbyaddr", h.call());
        assertEquals("::", h.name());
        assertEquals("gethostbyaddr(::): [Errno " + h.code() + " HOST_NOT_FOUND] " + h.strerror(), h.getMessage());
    }

    @Test
    void errorsWithoutAnErrnoAreSocketExceptionsWithPythonsText() {
        SocketException e = assertThrows(SocketException.class, () -> Sockets.getServByName("no-such-service"));
        assertEquals("getservbyname(no-such-service, null): service/proto not found", e.getMessage());
        e = assertThrows(SocketException.class, () -> Sockets.inetPton(Family.INET, "1.2.3"));
        assertTrue(e.getMessage().startsWith("illegal IP address string passed to inet_pton"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCall() {
        assertThrows(NullPointerException.class, () -> Sockets.getHostByName(null));
        assertThrows(NullPointerException.class, () -> Sockets.inetPton(null, "::1"));
        assertThrows(NullPointerException.class, () -> Sockets.getNameInfo(null, 0));
        assertThrows(IllegalArgumentException.class, () -> Sockets.getNameInfo(SockAddr.unix("/tmp/x"), 0));
        assertThrows(IllegalArgumentException.class, () -> Sockets.getAddrInfo("local\0host", 80));
        assertThrows(IllegalArgumentException.class, () -> Sockets.getAddrInfo("localhost", "ht\0tp"));
        assertThrows(IllegalArgumentException.class, () -> Sockets.getServByName("http", "t\0cp"));
        assertThrows(IllegalArgumentException.class, () -> Sockets.ifNameToIndex("l\0o"));
    }

    @Test
    void aHostLongerThanTheFirstBufferIsPassedWhole() throws Exception {
        // 50000 labels of one letter (100 KB): more than a thread's first scratch area, and still
        // a name the codec accepts.
        String host = "a.".repeat(50000) + "example";
        GaiError g = assertThrows(GaiError.class,
                () -> Sockets.getAddrInfo(host, 80, null, null, 0, Sockets.AI_NUMERICHOST));
        assertEquals(Sockets.EAI_NONAME, g.code());
        // And the area works as before afterwards.
        List<AddrInfo> r = Sockets.getAddrInfo("127.0.0.1", 80, Family.INET, Type.STREAM, 0, Sockets.AI_NUMERICHOST);
        assertEquals(List.of(new AddrInfo(Family.INET, Type.STREAM, Sockets.IPPROTO_TCP, "", SockAddr.inet("127.0.0.1", 80))), r);
    }

    @Test
    void internationalNamesAreEncodedAsPythonsIdnaCodecDoes() throws Exception {
        // AI_NUMERICHOST keeps the name from being looked up: only its encoding is exercised.
        GaiError g = assertThrows(GaiError.class,
                () -> Sockets.getAddrInfo("bücher。example", 80, null, null, 0, Sockets.AI_NUMERICHOST));
        assertEquals(Sockets.EAI_NONAME, g.code());
        assertThrows(IllegalArgumentException.class, () -> Sockets.getAddrInfo("bücher..example", 80));
        assertThrows(IllegalArgumentException.class, () -> Sockets.getAddrInfo("ü" + "x".repeat(70), 80));
    }
}
