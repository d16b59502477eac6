package io.jsock.tools;

import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Type;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** {@code jsock connect ADDRESS}: connects and moves bytes until the peer has closed. */
final class ConnectCommand implements Command {
    static final Args.Option TIMEOUT =
            new Args.Option("timeout", null, "SECONDS", "give up connecting after SECONDS (such as 5 or 0.5)");
    static final Args.Option WAIT = new Args.Option("wait", "w", "SECONDS",
            "once stdin has ended, end when nothing came for SECONDS (udp default: 1)");
    /** How long a datagram socket waits for more replies after the end of stdin, unless --wait says otherwise. */
    static final Duration DATAGRAM_WAIT = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String summary() {
        return "connect to ADDRESS (or send datagrams to it) and move bytes";
    }

    @Override
    public List<Args.Option> options() {
        return List.of(TIMEOUT, WAIT, Args.VERBOSE, Args.HELP);
    }

    @Override
    public String description() {
        return String.join("\n",
                "Connects to ADDRESS and moves bytes both ways: stdin to the socket, the socket to",
                "stdout. At the end of stdin the socket's write side is shut down; the command ends",
                "when that is done and the peer has closed its side. A host name is tried at each",
                "of its addresses in turn.",
                "With --wait, it also ends when, stdin ended, nothing has come for SECONDS.",
                "On udp: and udp6: each chunk of stdin is sent as one datagram and the datagrams that",
                "come back are printed. After the end of stdin replies are still printed until",
                "none has come for 1 s (or the --wait given); then the command ends. A port where",
                "nobody listens is reported (ECONNREFUSED), exit code 1.");
    }

    @Override
    public String examples() {
        return Command.example("echo hello | jsock connect unix:/run/app.sock", "send a line, print the answer")
                + Command.example("jsock connect --timeout 2 tcp:127.0.0.1:80 < req.txt", "give up if not connected in 2 s")
                + Command.example("printf ping | jsock connect udp6:[::1]:9999", "send one datagram, print the replies")
                + Command.example("jsock connect -w 5 udp:127.0.0.1:5353 < query.bin", "wait up to 5 s for each reply");
    }

    @Override
    public int run(Args args, Streams io) throws IOException, UsageError {
        Duration timeout = null;
        if (args.has(TIMEOUT)) timeout = parseTimeout(args.value(TIMEOUT));
        Endpoint endpoint = args.address();
        boolean stream = endpoint.type() == Type.STREAM;
        Duration wait = args.has(WAIT) ? parseWait(args.value(WAIT)) : stream ? null : DATAGRAM_WAIT;
        try (Socket socket = connect(endpoint, timeout)) {
            if (args.has(Args.VERBOSE)) io.say("connected to " + Endpoint.format(socket.getPeerName(), endpoint.type()));
            Pump pump = new Pump(io.in(), io.out(), endpoint.type());
            if (stream) {
                pump.stream(socket, wait);
            } else {
                pump.datagramsTo(socket, wait);
            }
        }
        return 0;
    }

    /** A socket connected to the first of the endpoint's addresses that accepts; else the last failure. */
    private static Socket connect(Endpoint endpoint, Duration timeout) throws IOException {
        IOException last = null;
        for (SockAddr address : endpoint.resolve()) {
            Socket socket = Socket.open(endpoint.family(), endpoint.type());
            try {
                socket.setTimeout(timeout);
                socket.connect(address);
                socket.setTimeout(null); // the timeout is for connecting; data may take its time
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
        }
        throw last;
    }

    /** Seconds as a positive decimal number. */
    static Duration parseTimeout(String text) throws UsageError {
        Duration d = seconds(text, false);
        if (d == null) throw new UsageError("connect: bad timeout '" + text + "': expected a positive number of seconds, such as 5 or 0.5");
        return d;
    }

    /** Seconds as a decimal number, zero allowed. */
    static Duration parseWait(String text) throws UsageError {
        Duration d = seconds(text, true);
        if (d == null) throw new UsageError("connect: bad wait '" + text + "': expected a number of seconds, such as 5, 0.5 or 0");
        return d;
    }

    /** {@code text} as seconds (digits and a point only), or null. */
    private static Duration seconds(String text, boolean zeroAllowed) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if ((seconds.signum() > 0 || (zeroAllowed && seconds.signum() == 0)) && text.matches("[0-9.]+")) {
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number of seconds
        }
        return null;
    }
}
