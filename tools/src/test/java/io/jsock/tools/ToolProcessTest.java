package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.ChildProcess;
import io.jsock.testing.Iproute2;
import io.jsock.testing.Programs;
import io.jsock.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tool, started as a process on the module path, against CPython's socket module as
 * the peer: random payloads both ways, compared byte for byte (through SHA-256 on the python side).
 * {@link ToolThroughTheScriptTest} runs the same tests with the tool started by {@code ./jsock},
 * from the start-up archive the script made.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ToolProcessTest {
    private static final int STREAM_PAYLOAD = 200 * 1024;
    private static final Pattern LISTENING = Pattern.compile("jsock: listening on (\\S+)");

    @TempDir
    Path dir;

    /** Accepts one stream connection, sends a file and shuts down its side, prints the SHA-256 of what it read. */
    private static final String STREAM_SERVER = String.join("\n",
            "import hashlib, socket, sys",
            "family, where, reply = sys.argv[1:4]",
            "if family == 'unix':",
            "    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "    s.bind(where)",
            "else:",
            "    s = socket.socket(socket.AF_INET6 if family == 'inet6' else socket.AF_INET, socket.SOCK_STREAM)",
            "    s.bind((where, 0))",
            "s.listen(1)",
            "s.settimeout(60)",
            "print(s.getsockname()[1] if family != 'unix' else where, flush=True)",
            "c, _ = s.accept()",
            "c.settimeout(60)",
            "c.sendall(open(reply, 'rb').read())",
            "c.shutdown(socket.SHUT_WR)",
            "h = hashlib.sha256()",
            "while True:",
            "    d = c.recv(65536)",
            "    if not d: break",
            "    h.update(d)",
            "c.close()",
            "print(h.hexdigest(), flush=True)");

    /** Connects, sends a file and shuts down its side, prints the SHA-256 of what it read. */
    private static final String STREAM_CLIENT = String.join("\n",
            "import hashlib, socket, sys",
            "family, host, port, payload = sys.argv[1:5]",
            "if family == 'unix':",
            "    s, address = socket.socket(socket.AF_UNIX), host",
            "elif family == 'abstract':",
            "    s, address = socket.socket(socket.AF_UNIX), b'\\0' + host.encode()",
            "else:",
            "    s = socket.socket(socket.AF_INET6 if family == 'inet6' else socket.AF_INET)",
            "    address = (host, int(port))",
            "s.settimeout(60)",
            "s.connect(address)",
            "s.sendall(open(payload, 'rb').read())",
            "s.shutdown(socket.SHUT_WR)",
            "h = hashlib.sha256()",
            "while True:",
            "    d = s.recv(65536)",
            "    if not d: break",
            "    h.update(d)",
            "s.close()",
            "print(h.hexdigest(), flush=True)");

    /** Receives datagrams until it has LENGTH bytes, answers the sender, prints the SHA-256 of what it got. */
    private static final String UDP_SERVER = String.join("\n",
            "import hashlib, socket, sys",
            "host, length = sys.argv[1], int(sys.argv[2])",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)",
            "s.bind((host, 0))",
            "s.settimeout(60)",
            "print(s.getsockname()[1], flush=True)",
            "h, n = hashlib.sha256(), 0",
            "while n < length:",
            "    d, peer = s.recvfrom(65536)",
            "    h.update(d)",
            "    n += len(d)",
            "s.sendto(b'got %d bytes' % n, peer)",
            "print(h.hexdigest(), flush=True)");

    /** Sends a file in datagrams of 4 KiB, prints the datagram that comes back. */
    private static final String UDP_CLIENT = String.join("\n",
            "import socket, sys",
            "family, host, port, payload = sys.argv[1:5]",
            "s = socket.socket(socket.AF_INET6 if family == 'inet6' else socket.AF_INET, socket.SOCK_DGRAM)",
            "s.settimeout(60)",
            "data = open(payload, 'rb').read()",
            "for i in range(0, len(data), 4096):",
            "    s.sendto(data[i:i + 4096], (host, int(port)))",
            "print(s.recvfrom(65536)[0].decode(), flush=True)");

    // ---- connect: python listens, jsock connects

    @Test
    void connectUnixPath() throws Exception {
        Path socket = dir.resolve("server.sock");
        connectToStreamServer("unix", socket.toString(), port -> "unix:" + port);
    }

    @Test
    void connectTcp6Loopback() throws Exception {
        connectToStreamServer("inet6", "::1", port -> "tcp6:[::1]:" + port);
    }

    private void connectToStreamServer(String family, String where, java.util.function.Function<String, String> address)
            throws Exception {
        byte[] toPython = random(STREAM_PAYLOAD, 1);
        byte[] fromPython = random(STREAM_PAYLOAD, 2);
        try (ChildProcess python = Python.startCode(STREAM_SERVER, family, where, write("reply", fromPython))) {
            String bound = python.nextLine();
            try (ChildProcess jsock = start("connect", address.apply(bound))) {
                jsock.feed(toPython);
                assertEquals(sha256(toPython), python.nextLine(), "what python received");
                assertEquals(0, jsock.waitFor(), jsock.stderr().toString());
                assertArrayEquals(fromPython, jsock.stdout(), "what jsock wrote to stdout");
                assertEquals(List.of(), jsock.stderr(), "nothing on stderr in normal operation");
            }
            assertEquals(0, python.waitFor(), python.stderr().toString());
        }
    }

    @Test
    void connectUdpSendsStdinAsDatagramsAndPrintsTheReply() throws Exception {
        byte[] payload = random(64 * 1024, 3);
        try (ChildProcess python = Python.startCode(UDP_SERVER, "127.0.0.1", Integer.toString(payload.length))) {
            String port = python.nextLine();
            try (ChildProcess jsock = start("connect", "udp:127.0.0.1:" + port)) {
                jsock.feed(payload, false).join(); // stdin stays open: UDP connect ends with it
                assertEquals(sha256(payload), python.nextLine(), "what python received");
                byte[] reply = ("got " + payload.length + " bytes").getBytes(StandardCharsets.US_ASCII);
                jsock.awaitStdout(reply.length);
                jsock.closeStdin();
                assertEquals(0, jsock.waitFor(), jsock.stderr().toString());
                assertArrayEquals(reply, jsock.stdout());
                assertEquals(List.of(), jsock.stderr());
            }
            assertEquals(0, python.waitFor(), python.stderr().toString());
        }
    }

    /** Echoes every datagram to its sender, after DELAY seconds; prints its port. */
    private static final String UDP_ECHO = String.join("\n",
            "import socket, sys, time",
            "delay = float(sys.argv[1])",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.bind(('127.0.0.1', 0))",
            "s.settimeout(60)",
            "print(s.getsockname()[1], flush=True)",
            "while True:",
            "    d, peer = s.recvfrom(65536)",
            "    time.sleep(delay)",
            "    s.sendto(d, peer)");

    @Test
    void connectUdpPrintsTheEchoAfterTheEndOfStdin() throws Exception {
        try (ChildProcess python = Python.startCode(UDP_ECHO, "0")) {
            String port = python.nextLine();
            // echo hi | jsock connect udp:127.0.0.1:PORT
            try (ChildProcess jsock = start("connect", "udp:127.0.0.1:" + port)) {
                jsock.feed("hi\n".getBytes(StandardCharsets.US_ASCII)); // and the end of stdin
                assertEquals(0, jsock.waitFor(), jsock.stderr().toString());
                assertEquals("hi\n", new String(jsock.stdout(), StandardCharsets.US_ASCII), "the echo, within the default wait");
                assertEquals(List.of(), jsock.stderr());
            }
        }
    }

    @Test
    void connectUdpWaitsAsLongAsTheWaitOptionSays() throws Exception {
        try (ChildProcess python = Python.startCode(UDP_ECHO, "1.5")) { // later than the default wait of 1 s
            String port = python.nextLine();
            try (ChildProcess jsock = start("connect", "-w", "4", "udp:127.0.0.1:" + port)) {
                jsock.feed("late\n".getBytes(StandardCharsets.US_ASCII));
                jsock.awaitStdout(5);
                assertEquals(0, jsock.waitFor(), jsock.stderr().toString());
                assertEquals("late\n", new String(jsock.stdout(), StandardCharsets.US_ASCII));
                assertEquals(List.of(), jsock.stderr());
            }
        }
    }

    @Test
    void connectUdpToAPortNobodyListensOnIsRefused() throws Exception {
        int port;
        try (java.net.DatagramSocket free = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort(); // free again once closed
        }
        try (ChildProcess jsock = start("connect", "udp:127.0.0.1:" + port)) {
            jsock.feed("anyone?\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(1, jsock.waitFor(), jsock.stderr().toString());
            List<String> stderr = jsock.stderr();
            assertEquals(1, stderr.size(), stderr.toString());
            assertTrue(stderr.get(0).contains("ECONNREFUSED"), stderr.get(0));
        }
    }

    /** Accepts one connection, reads it to its end, answers "bye" and then neither sends nor closes until its stdin ends. */
    private static final String SILENT_AFTER_BYE = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "s.bind(('127.0.0.1', 0))",
            "s.listen(1)",
            "s.settimeout(60)",
            "print(s.getsockname()[1], flush=True)",
            "c, _ = s.accept()",
            "c.settimeout(60)",
            "got = b''",
            "while True:",
            "    d = c.recv(65536)",
            "    if not d: break",
            "    got += d",
            "c.sendall(b'bye')",
            "print(got.decode(), flush=True)",
            "sys.stdin.read()");

    @Test
    void connectTcpWithAWaitEndsWhenThePeerFallsSilent() throws Exception {
        try (ChildProcess python = Python.startCode(SILENT_AFTER_BYE)) {
            String port = python.nextLine();
            try (ChildProcess jsock = start("connect", "--wait", "1", "tcp:127.0.0.1:" + port)) {
                jsock.feed("hi".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hi", python.nextLine(), "stdin's end shut down jsock's side, as without --wait");
                assertEquals(0, jsock.waitFor(), jsock.stderr().toString());
                assertEquals("bye", new String(jsock.stdout(), StandardCharsets.US_ASCII));
                assertEquals(List.of(), jsock.stderr());
            }
            python.closeStdin();
            assertEquals(0, python.waitFor(), python.stderr().toString());
        }
    }

    // ---- listen: jsock listens, python connects

    @Test
    void listenTcp6PortZero() throws Exception {
        try (ChildProcess jsock = start("listen", "tcp6:[::1]:0")) {
            String address = listeningOn(jsock);
            assertTrue(address.matches("tcp6:\\[::1]:[1-9][0-9]*"), address);
            exchangeWithStreamClient(jsock, "inet6", "::1", port(address));
        }
    }

    @Test
    void listenTcpPortZero() throws Exception {
        try (ChildProcess jsock = start("listen", "tcp:127.0.0.1:0")) {
            String address = listeningOn(jsock);
            assertTrue(address.matches("tcp:127\\.0\\.0\\.1:[1-9][0-9]*"), address);
            exchangeWithStreamClient(jsock, "inet", "127.0.0.1", port(address));
        }
    }

    @Test
    void listenUnixPathRemovesItsSocketFile() throws Exception {
        Path socket = dir.resolve("listen.sock");
        try (ChildProcess jsock = start("listen", "-v", "unix:" + socket)) {
            assertEquals("unix:" + socket, listeningOn(jsock));
            assertTrue(Files.exists(socket));
            exchangeWithStreamClient(jsock, "unix", socket.toString(), "-");
        }
        assertFalse(Files.exists(socket), "the socket file is removed at exit");
    }

    @Test
    void listenAbstractAutobind() throws Exception {
        try (ChildProcess jsock = start("listen", "abstract:")) {
            String address = listeningOn(jsock);
            assertTrue(address.matches("abstract:[0-9a-f]{5}"), address); // the kernel's autobind names
            exchangeWithStreamClient(jsock, "abstract", address.substring("abstract:".length()), "-");
        }
    }

    /** Python sends one payload, jsock's stdin another; each must arrive whole at the other end. */
    private void exchangeWithStreamClient(ChildProcess jsock, String family, String host, String port) throws Exception {
        byte[] fromPython = random(STREAM_PAYLOAD, 4);
        byte[] toPython = random(STREAM_PAYLOAD, 5);
        jsock.feed(toPython);
        try (ChildProcess python = Python.startCode(STREAM_CLIENT, family, host, port, write("payload", fromPython))) {
            assertEquals(sha256(toPython), python.nextLine(), "what python received");
            assertEquals(0, python.waitFor(), python.stderr().toString());
        }
        assertEquals(0, jsock.waitFor(), jsock.stderr().toString());
        assertArrayEquals(fromPython, jsock.stdout(), "what jsock wrote to stdout");
        for (String line : jsock.stderr()) {
            assertTrue(line.startsWith("jsock: listening on ") || line.startsWith("jsock: connection "), line);
        }
    }

    @Test
    void listenKeepOpenServesOneConnectionAfterAnother() throws Exception {
        Path socket = dir.resolve("keep.sock");
        try (ChildProcess jsock = start("listen", "--keep-open", "--verbose", "unix:" + socket)) {
            listeningOn(jsock);
            jsock.closeStdin(); // each connection sees the end of stdin at once
            byte[] first = random(1000, 6);
            byte[] second = random(3000, 7);
            for (byte[] payload : List.of(first, second)) {
                try (ChildProcess python = Python.startCode(STREAM_CLIENT, "unix", socket.toString(), "-",
                        write("payload", payload))) {
                    assertEquals(sha256(new byte[0]), python.nextLine());
                    assertEquals(0, python.waitFor(), python.stderr().toString());
                }
            }
            jsock.awaitStdout(first.length + second.length);
            jsock.terminate();
            byte[] both = new byte[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            assertArrayEquals(both, jsock.stdout());
            assertEquals(2, jsock.stderr().stream().filter(l -> l.startsWith("jsock: connection from")).count(),
                    jsock.stderr().toString());
        }
        assertFalse(Files.exists(socket), "the socket file is removed when jsock is terminated");
    }

    @Test
    void listenUdp6PrintsDatagramsAndAnswersTheLastSender() throws Exception {
        byte[] payload = random(32 * 1024, 8);
        try (ChildProcess jsock = start("listen", "udp6:[::1]:0")) {
            String address = listeningOn(jsock);
            assertTrue(address.matches("udp6:\\[::1]:[1-9][0-9]*"), address);
            jsock.feed("pong".getBytes(StandardCharsets.US_ASCII)); // held until a datagram names the sender
            try (ChildProcess python = Python.startCode(UDP_CLIENT, "inet6", "::1", port(address),
                    write("payload", payload))) {
                assertEquals("pong", python.nextLine());
                assertEquals(0, python.waitFor(), python.stderr().toString());
            }
            jsock.awaitStdout(payload.length);
            jsock.terminate();
            assertArrayEquals(payload, jsock.stdout());
        }
    }

    /** Listens with a backlog of 0 and never accepts: once one connection waits, Linux drops further SYNs. */
    private static final String FULL_BACKLOG = String.join("\n",
            "import socket, sys, time",
            "l = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "l.bind(('127.0.0.1', 0))",
            "l.listen(0)",
            "port = l.getsockname()[1]",
            "waiting = []",
            "for _ in range(3):",
            "    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "    c.setblocking(False)",
            "    c.connect_ex(('127.0.0.1', port))",
            "    waiting.append(c)",
            "time.sleep(0.5)",
            "print(port, flush=True)",
            "sys.stdin.read()");

    @Test
    void connectTimeoutIsOneLineAndExitCode1() throws Exception {
        try (ChildProcess python = Python.startCode(FULL_BACKLOG)) {
            String port = python.nextLine();
            try (ChildProcess jsock = start("connect", "--timeout", "0.5", "tcp:127.0.0.1:" + port)) {
                jsock.closeStdin();
                assertEquals(1, jsock.waitFor(), jsock.stderr().toString());
                List<String> stderr = jsock.stderr();
                assertEquals(1, stderr.size(), stderr.toString());
                assertTrue(stderr.get(0).matches("jsock: connect\\(inet:127\\.0\\.0\\.1:" + port
                        + "\\): \\[Errno [0-9]+ ETIMEDOUT] timed out"), stderr.get(0));
            }
            python.closeStdin();
            assertEquals(0, python.waitFor(), python.stderr().toString());
        }
    }

    // ---- the command line, as a process

    @Test
    void badAddressIsOneLineAndExitCode2() throws Exception {
        try (ChildProcess jsock = start("connect", "tcp:foo")) {
            assertEquals(2, jsock.waitFor());
            assertEquals(List.of("jsock: bad address 'tcp:foo': expected tcp:HOST:PORT"), jsock.stderr());
            assertEquals(0, jsock.stdout().length);
        }
    }

    @Test
    void helpExitsZero() throws Exception {
        try (ChildProcess jsock = start("--help")) {
            assertEquals(0, jsock.waitFor());
            String help = new String(jsock.stdout(), StandardCharsets.UTF_8);
            assertTrue(help.startsWith("usage: jsock COMMAND"), help);
            assertEquals(List.of(), jsock.stderr());
        }
    }

    @Test
    void ipAndSsRunFromTheCommandLine() throws Exception {
        try (ChildProcess jsock = start("ip", "-j", "link")) {
            assertEquals(0, jsock.waitFor());
            Programs.Result ip = Iproute2.ip(null, "-j", "link");
            assertEquals(0, ip.exit(), ip.err());
            assertEquals(names(ip.out()), names(new String(jsock.stdout(), StandardCharsets.UTF_8)));
            assertEquals(List.of(), jsock.stderr());
        }
        try (ChildProcess jsock = start("ss", "--help")) {
            assertEquals(0, jsock.waitFor());
            assertTrue(new String(jsock.stdout(), StandardCharsets.UTF_8).startsWith("usage: jsock ss"));
        }
    }

    @Test
    void ipShowOfAMissingDeviceIsIpsMessageAndExitCode() throws Exception {
        for (String form : List.of("link show dev jsocknosuch0", "-j addr show dev jsocknosuch0")) {
            String[] args = form.split(" ");
            Programs.Result ip = Iproute2.ip(null, args);
            List<String> command = new java.util.ArrayList<>(List.of("ip"));
            command.addAll(List.of(args));
            try (ChildProcess jsock = start(command.toArray(new String[0]))) {
                assertEquals(ip.exit(), jsock.waitFor(), "exit code of " + form);
                assertEquals(ip.err().lines().toList(), jsock.stderr(), "stderr of " + form);
                assertEquals(ip.out(), new String(jsock.stdout(), StandardCharsets.UTF_8), "stdout of " + form);
            }
        }
    }

    /** The interface names of {@code ip -j link} output, in order. */
    private static List<String> names(String json) {
        return com.eclipsesource.json.Json.parse(json).asArray().values().stream()
                .map(v -> v.asObject().getString("ifname", "?")).toList();
    }

    // ---- helpers

    /** {@code jsock ARGS} as a process: here the tool's module on the module path Maven built, without an archive. */
    ChildProcess start(String... args) throws java.io.IOException {
        return Tool.start(args);
    }

    private static String listeningOn(ChildProcess jsock) throws InterruptedException {
        String line = jsock.nextStderrLine();
        Matcher m = LISTENING.matcher(line);
        assertTrue(m.matches(), line);
        return m.group(1);
    }

    private static String port(String address) {
        return address.substring(address.lastIndexOf(':') + 1);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private String write(String name, byte[] data) throws Exception {
        Path file = Files.createTempFile(dir, name, ".bin");
        Files.write(file, data);
        return file.toString();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
