package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Type;
import io.jsock.testing.Programs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jsock ss -tan} lists the TCP sockets the test opens as {@code ss -tanH} lists them, column for column. */
class SsCommandTest {

    @Test
    void theTestsTcpSocketsAsSsListsThem() throws Exception {
        try (Socket v4 = Socket.open(Family.INET, Type.STREAM); Socket v6 = Socket.open(Family.INET6, Type.STREAM)) {
            v4.bind(SockAddr.inet("127.0.0.1", 0));
            v4.listen(9);
            v6.bind(SockAddr.inet6("::", 0)); // dual-stack: ss shows its address as *
            v6.listen(5);
            int p4 = ((SockAddr.Inet) v4.getSockName()).port();
            int p6 = ((SockAddr.Inet6) v6.getSockName()).port();
            List<Socket> open = new ArrayList<>();
            try {
                Socket c4 = Socket.open(Family.INET, Type.STREAM);
                open.add(c4);
                c4.connect(SockAddr.inet("127.0.0.1", p4));
                open.add(v4.accept());
                Socket mapped = Socket.open(Family.INET, Type.STREAM); // IPv4 to the IPv6 listener: ::ffff:127.0.0.1
                open.add(mapped);
                mapped.connect(SockAddr.inet("127.0.0.1", p6));
                open.add(v6.accept());
                Socket c6 = Socket.open(Family.INET6, Type.STREAM);
                open.add(c6);
                c6.connect(SockAddr.inet6("::1", p6));
                v6.accept().close(); // the server closes: it waits in FIN-WAIT-2, the client in CLOSE-WAIT
                try (Socket d6 = Socket.open(Family.INET6, Type.STREAM)) {
                    d6.connect(SockAddr.inet6("::1", p6));
                    v6.accept().close();
                } // both closed, the server first: it waits in TIME-WAIT
                c4.sendAll(new byte[7]); // seven bytes wait, unread, in the accepted socket's queue

                List<String> ours = null;
                List<String> theirs = null;
                for (int attempt = 0; attempt < 10; attempt++) {
                    Programs.Result jsock = Tool.call(SsCommand::run, "-tan");
                    Programs.Result ss = Programs.run(List.of("ss", "-tanH"));
                    assertEquals(0, jsock.exit(), jsock.err());
                    assertEquals(0, ss.exit(), ss.err());
                    assertTrue(jsock.out().startsWith("State"), "a header line without -H");
                    ours = mine(jsock.out(), p4, p6);
                    theirs = mine(ss.out(), p4, p6);
                    if (ours.equals(theirs)) break;
                    Thread.sleep(200); // a state changing between the two looks (FIN handshakes) is looked at again
                }
                assertEquals(theirs, ours);
                assertTrue(ours.size() >= 8, "listeners, connections, closing ones and TIME-WAIT: " + ours);
                assertTrue(ours.stream().anyMatch(l -> l.startsWith("CLOSE-WAIT ")), ours.toString());
                assertTrue(ours.stream().anyMatch(l -> l.startsWith("LISTEN 0 9 127.0.0.1:" + p4 + " ")), ours.toString());
                assertTrue(ours.stream().anyMatch(l -> l.startsWith("LISTEN 0 5 *:" + p6 + " ")), ours.toString());
                assertTrue(ours.stream().anyMatch(l -> l.startsWith("TIME-WAIT ")), ours.toString());
                assertTrue(ours.stream().anyMatch(l -> l.startsWith("ESTAB 7 0 127.0.0.1:" + p4 + " ")), ours.toString());
                assertTrue(ours.stream().anyMatch(l -> l.contains("[::ffff:127.0.0.1]:" + p6)), ours.toString());
            } finally {
                for (Socket s : open) s.close();
            }
        }
    }

    @Test
    void listeningAndUnixSockets() throws Exception {
        try (Socket l = Socket.open(Family.INET, Type.STREAM)) {
            l.bind(SockAddr.inet("127.0.0.1", 0));
            l.listen();
            int port = ((SockAddr.Inet) l.getSockName()).port();
            Programs.Result r = Tool.call(SsCommand::run, "-tlnH");
            assertEquals(0, r.exit());
            assertTrue(r.out().lines().anyMatch(s -> s.contains("127.0.0.1:" + port) && s.startsWith("LISTEN")), r.out());
            assertFalse(r.out().lines().anyMatch(s -> s.startsWith("ESTAB")), "-l lists listeners only");
        }
        String name = "jsock-ss-test-" + ProcessHandle.current().pid();
        try (Socket u = Socket.open(Family.UNIX, Type.STREAM)) {
            u.bind(SockAddr.unixAbstract(name));
            u.listen();
            Programs.Result r = Tool.call(SsCommand::run, "-xlH");
            assertTrue(r.out().lines().anyMatch(s -> s.startsWith("u_str") && s.contains("@" + name)), r.out());
        }
        assertEquals(2, Tool.call(SsCommand::run, "-q").exit());
    }

    /** The lines about the test's ports, their columns joined by single spaces, sorted. */
    private static List<String> mine(String output, int p4, int p6) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (l.startsWith("State ")) continue;
            String[] f = l.split(" ");
            if (f.length < 5) continue;
            if (endsWithPort(f[3], p4, p6) || endsWithPort(f[4], p4, p6)) out.add(String.join(" ", List.of(f).subList(0, 5)));
        }
        out.sort(null);
        return out;
    }

    private static boolean endsWithPort(String address, int p4, int p6) {
        return address.endsWith(":" + p4) || address.endsWith(":" + p6);
    }
}
