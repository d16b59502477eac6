package io.jsock.tools;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.SockOpt;
import io.jsock.Socket;
import io.jsock.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/** {@code jsock listen ADDRESS}: serves one connection (or all, one after another, with -k). */
final class ListenCommand implements Command {
    static final Args.Option KEEP_OPEN =
            new Args.Option("keep-open", "k", null, "after a connection ends, accept the next one");

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public String summary() {
        return "accept a connection on ADDRESS (or receive datagrams) and move bytes";
    }

    @Override
    public List<Args.Option> options() {
        return List.of(KEEP_OPEN, Args.VERBOSE, Args.HELP);
    }

    @Override
    public String description() {
        return String.join("\n",
                "Binds ADDRESS, accepts one connection and moves bytes both ways: stdin to the",
                "connection, the connection to stdout. At the end of stdin the connection's write",
                "side is shut down; the connection is over when that is done and the peer has",
                "closed its side. With port 0 (or abstract: with no name) the kernel picks the",
                "address, printed on stderr as 'jsock: listening on ADDRESS'. On udp: and udp6:",
                "it prints every datagram it receives and sends each chunk of stdin to the last",
                "sender, until it is stopped. A socket file it creates for unix: is removed when",
                "it exits.");
    }

    @Override
    public String examples() {
        return Command.example("jsock listen tcp6:[::1]:0 > received.bin", "listen on a free port, save what arrives")
                + Command.example("jsock listen -k unix:/tmp/app.sock < /dev/null", "print what each client sends, one after another")
                + Command.example("jsock listen udp:127.0.0.1:5353", "print datagrams as they come");
    }

    @Override
    public int run(Args args, Streams io) throws IOException {
        Endpoint endpoint = args.address();
        boolean verbose = args.has(Args.VERBOSE);
        boolean keepOpen = args.has(KEEP_OPEN);
        SockAddr address = endpoint.resolve().get(0);
        try (Socket server = Socket.open(endpoint.family(), endpoint.type())) {
            if (endpoint.family() != Family.UNIX) server.set(SockOpt.SO_REUSEADDR, true);
            server.bind(address);
            if (address instanceof SockAddr.Unix u && u.kind() == SockAddr.Unix.Kind.PATH) removeAtExit(u);
            boolean stream = endpoint.type() == Type.STREAM;
            if (stream) server.listen();
            if (verbose || endpoint.port() == 0 || endpoint.isAutobind()) {
                io.say("listening on " + Endpoint.format(server.getSockName(), endpoint.type()));
            }
            Pump pump = new Pump(io.in(), io.out(), endpoint.type());
            if (!stream) {
                pump.datagramsFrom(server);
                return 0;
            }
            do {
                Socket connection = server.accept(); // a failure here ends even -k: it would repeat
                try (connection) {
                    if (verbose) io.say("connection from " + Endpoint.format(connection.getPeerName(), Type.STREAM));
                    pump.stream(connection);
                    if (verbose) io.say("connection closed");
                } catch (IOException e) {
                    if (!keepOpen) throw e;
                    io.say(e.getMessage()); // this connection failed; the next may not
                }
            } while (keepOpen);
        }
        return 0;
    }

    /**
     * Removes the socket file bind created when the process exits, however it exits short of a
     * kill: unless the file was replaced meanwhile, which someone else then owns.
     */
    private static void removeAtExit(SockAddr.Unix address) throws IOException {
        Path file = Path.of(address.path());
        Object created = fileKey(file);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (Objects.equals(created, fileKey(file))) Files.delete(file);
            } catch (IOException e) {
                // already gone
            }
        }, "jsock remove " + file));
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }
}
