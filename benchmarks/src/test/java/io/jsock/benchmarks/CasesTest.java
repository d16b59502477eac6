package io.jsock.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** Which cases run once per backend, and which C loop brackets each (no benchmark runs here). */
class CasesTest {
    @Test
    void everyBenchmarkHasACLoopAndTakesTheBracket() {
        for (Class<?> c : new Class<?>[] {StreamSendRecvBenchmark.class, PingPongBenchmark.class, TimeoutRecvBenchmark.class,
                ConnectRateBenchmark.class, DatagramBenchmark.class}) {
            for (Method m : c.getMethods()) {
                if (!m.isAnnotationPresent(Benchmark.class)) continue;
                String name = c.getName() + "." + m.getName();
                Map<String, String> params = Map.of("transport", m.getName().startsWith("udp") ? "UDP" : "TCP", "size", "1024");
                Cases.Loop loop = Cases.loopOf(name, params::get);
                assertTrue(loop.size() > 0 || loop.kase() == CLoop.Case.CONNECT, name);
                assertTrue(java.util.Arrays.asList(m.getParameterTypes()).contains(CBracket.class), name + " takes no CBracket");
            }
        }
    }

    @Test
    void theLoopTakesTheResultsParametersUnlessItNamesItsOwn() {
        String stream = StreamSendRecvBenchmark.class.getName() + ".sendRecv";
        assertEquals(new Cases.Loop(CLoop.Case.STREAM, "TCP", 1024),
                Cases.loopOf(stream, Map.of("transport", "TCP", "size", "1024")::get));
        assertEquals(new Cases.Loop(CLoop.Case.STREAM, "UNIX", 64),
                Cases.loopOf(TimeoutRecvBenchmark.class.getName() + ".jsock", Map.of("transport", "UNIX")::get));
        assertEquals(new Cases.Loop(CLoop.Case.DGRAM, "UDP", 64),
                Cases.loopOf(DatagramBenchmark.class.getName() + ".udpBatched", Map.<String, String>of()::get));
        assertEquals(new Cases.Loop(CLoop.Case.CONNECT, "UNIX", 0),
                Cases.loopOf(ConnectRateBenchmark.class.getName() + ".jsock", Map.of("transport", "UNIX")::get));
        assertThrows(IllegalArgumentException.class, () -> CLoop.Case.DGRAM.transportCode("TCP"));
        assertEquals(1, CLoop.Case.STREAM.transportCode("TCP"));
    }

    @Test
    void jsocksCasesRunPerBackendThePeersOnce() {
        String stream = StreamSendRecvBenchmark.class.getName();
        assertTrue(Cases.usesJsock(stream + ".sendRecv", Map.of("peer", "JSOCK_DIRECT_BUFFER")::get));
        assertFalse(Cases.usesJsock(stream + ".sendRecv", Map.of("peer", "JDK_CHANNEL")::get));
        assertFalse(Cases.usesJsock(stream + ".sendRecvUnixOnly", Map.of("peer", "JUNIXSOCKET")::get));
        assertTrue(Cases.usesJsock(TimeoutRecvBenchmark.class.getName() + ".jsock", Map.<String, String>of()::get));
        assertFalse(Cases.usesJsock(TimeoutRecvBenchmark.class.getName() + ".jdkSocket", Map.<String, String>of()::get));
        assertFalse(Cases.usesJsock(ConnectRateBenchmark.class.getName() + ".jdkChannel", Map.<String, String>of()::get));
        assertFalse(Cases.usesJsock(DatagramBenchmark.class.getName() + ".udpJdkDatagramChannel", Map.<String, String>of()::get));
        assertTrue(Cases.usesJsock(DatagramBenchmark.class.getName() + ".unixBatched", Map.<String, String>of()::get));
    }

    @Test
    void pinningNamesItsCpus() {
        assertEquals(-1, Pinning.of("off").mainCpu());
        assertEquals(0, Pinning.of("SAME").echoCpu());
        assertEquals(1, Pinning.of("split").echoCpu());
        assertThrows(IllegalArgumentException.class, () -> Pinning.of("both"));
    }
}
