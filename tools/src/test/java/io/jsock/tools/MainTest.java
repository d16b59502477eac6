package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line, in process: dispatch, options, help and exit codes (the processes are in ToolProcessTest). */
class MainTest {

    private record Outcome(int code, String stdout, String stderr) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Command.Streams io = new Command.Streams(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = Main.run(List.of(args), io);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                   | jsock: missing command (see 'jsock --help')",
        "frobnicate                         | jsock: unknown command 'frobnicate' (see 'jsock --help')",
        "--frob                             | jsock: unknown option '--frob' (see 'jsock --help')",
        "listen                             | jsock: listen: missing address (see 'jsock listen --help')",
        "listen -x tcp:127.0.0.1:0          | jsock: listen: unknown option '-x'",
        "listen --timeout=1 tcp:127.0.0.1:0 | jsock: listen: unknown option '--timeout'",
        "connect tcp:127.0.0.1:1 extra      | jsock: connect: unexpected argument 'extra'",
        "connect --timeout                  | jsock: connect: option '--timeout' needs a value SECONDS",
        "connect --timeout abc tcp:127.0.0.1:1 | jsock: connect: bad timeout 'abc': expected a positive number of seconds",
        "connect --timeout=0 tcp:127.0.0.1:1   | jsock: connect: bad timeout '0'",
        "connect --wait x udp:127.0.0.1:1   | jsock: connect: bad wait 'x': expected a number of seconds, such as 5, 0.5 or 0",
        "connect -w -1 udp:127.0.0.1:1      | jsock: connect: bad wait '-1'",
        "connect -w                         | jsock: connect: option '-w' needs a value SECONDS",
        "connect -v=1 tcp:127.0.0.1:1       | jsock: connect: unknown option '-v=1'",
        "connect --verbose=1 tcp:127.0.0.1:1 | jsock: connect: option '--verbose' takes no value",
        "connect tcp:foo                    | jsock: bad address 'tcp:foo': expected tcp:HOST:PORT",
        "listen -k udp:127.0.0.1:65536      | jsock: bad address 'udp:127.0.0.1:65536': port 65536 is out of range 0-65535",
    })
    void mistakesAreOneLineAndExitCode2(String args, String line) {
        Outcome o = run(args == null ? new String[0] : args.trim().split("\\s+"));
        assertEquals(2, o.code, o.stderr);
        assertTrue(o.stderr.startsWith(line), o.stderr);
        assertEquals(1, o.stderr.lines().count(), o.stderr);
        assertEquals("", o.stdout);
    }

    @Test
    void helpAtTheTopShowsCommandsAddressesAndExamples() {
        for (String flag : List.of("--help", "-h")) {
            Outcome o = run(flag);
            assertEquals(0, o.code);
            assertEquals("", o.stderr);
            assertTrue(o.stdout.startsWith("usage: jsock COMMAND"), o.stdout);
            for (String s : List.of("listen", "connect", "unix:PATH", "abstract:NAME", "tcp:HOST:PORT",
                    "tcp6:[HOST]:PORT", "udp:HOST:PORT", "udp6:[HOST]:PORT", "examples:")) {
                assertTrue(o.stdout.contains(s), s + " in\n" + o.stdout);
            }
        }
    }

    @Test
    void helpOfEachCommandWinsOverMistakes() {
        Outcome listen = run("listen", "--bogus", "nonsense", "-h");
        assertEquals(0, listen.code, listen.stderr);
        assertTrue(listen.stdout.startsWith("usage: jsock listen [OPTIONS] ADDRESS"), listen.stdout);
        assertTrue(listen.stdout.contains("--keep-open"), listen.stdout);
        assertTrue(listen.stdout.contains("udp6:[HOST]:PORT"), listen.stdout);
        Outcome connect = run("connect", "--help");
        assertEquals(0, connect.code);
        assertTrue(connect.stdout.contains("--timeout SECONDS"), connect.stdout);
        assertTrue(connect.stdout.contains("-w, --wait SECONDS"), connect.stdout);
        assertTrue(connect.stdout.contains("udp default: 1"), connect.stdout);
        assertTrue(connect.stdout.contains("examples:"), connect.stdout);
    }

    @Test
    void timeouts() throws Exception {
        assertEquals(Duration.ofSeconds(5), ConnectCommand.parseTimeout("5"));
        assertEquals(Duration.ofMillis(500), ConnectCommand.parseTimeout("0.5"));
        assertEquals(Duration.ofNanos(1), ConnectCommand.parseTimeout("0.000000001"));
        for (String bad : List.of("0", "-1", "1e3", "", "x", "0.0000000001", "99999999999999999999")) {
            assertThrows(UsageError.class, () -> ConnectCommand.parseTimeout(bad), bad);
        }
    }

    @Test
    void waits() throws Exception {
        assertEquals(Duration.ZERO, ConnectCommand.parseWait("0"));
        assertEquals(Duration.ofMillis(1500), ConnectCommand.parseWait("1.5"));
        assertEquals(Duration.ofSeconds(1), ConnectCommand.DATAGRAM_WAIT, "the default for udp: and udp6:");
        for (String bad : List.of("-1", "1e3", "", "x", "0.0000000001", "99999999999999999999")) {
            assertThrows(UsageError.class, () -> ConnectCommand.parseWait(bad), bad);
        }
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitCode1() throws Exception {
        try (java.net.Socket bound = new java.net.Socket()) {
            bound.bind(new java.net.InetSocketAddress("127.0.0.1", 0)); // bound, not listening: refused
            Outcome o = run("connect", "tcp:127.0.0.1:" + bound.getLocalPort());
            assertEquals(1, o.code, o.stderr);
            assertEquals(1, o.stderr.lines().count(), o.stderr);
            assertTrue(o.stderr.startsWith("jsock: connect("), o.stderr);
            assertTrue(o.stderr.contains("ECONNREFUSED"), o.stderr);
        }
    }
}
