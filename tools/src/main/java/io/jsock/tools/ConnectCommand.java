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
        return List.of(TIMEOUT, Args.VERBOSE, Args.HELP);
    }

    @Override
    public String description() {
        return String.join("\n",
                "Connects to ADDRESS and moves bytes both ways: stdin to the socket, the socket to",
                "stdout. At the end of stdin the socket's write side is shut down; the command ends",
                "when that is done and the peer has closed its side. A host name is tried at each",
                "of its addresses in turn.",
                "On udp: and udp6: each chunk of stdin is sent as one datagram, the datagrams that",
                "come back are printed, and the command ends at the end of stdin.");
    }

    @Override
    public String examples() {
        return Command.example("echo hello | jsock connect unix:/run/app.sock", "send a line, print the answer")
                + Command.example("jsock connect --timeout 2 tcp:127.0.0.1:80 < req.txt", "give up if not connected in 2 s")
                + Command.example("printf ping | jsock connect udp6:[::1]:9999", "send one datagram");
    }

    @Override
    public int run(Args args, Streams io) throws IOException, UsageError {
        Duration timeout = null;
        if (args.has(TIMEOUT)) timeout = parseTimeout(args.value(TIMEOUT));
        Endpoint endpoint = args.address();
        boolean stream = endpoint.type() == Type.STREAM;
        try (Socket socket = connect(endpoint, timeout)) {
            if (args.has(Args.VERBOSE)) io.say("connected to " + Endpoint.format(socket.getPeerName(), endpoint.type()));
            Pump pump = new Pump(io.in(), io.out(), endpoint.type());
            if (stream) {
                pump.stream(socket);
            } else {
                pump.datagramsTo(socket);
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
        String why = "expected a positive number of seconds, such as 5 or 0.5";
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() > 0 && text.matches("[0-9.]+")) {
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the one message
        }
        throw new UsageError("connect: bad timeout '" + text + "': " + why);
    }
}
