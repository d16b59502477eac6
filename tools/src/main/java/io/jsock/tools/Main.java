package io.jsock.tools;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code jsock} command: finds the command named by the first argument and runs it.
 * Exit codes: 0 done, 1 a socket or I/O failure, 2 a mistake on the command line.
 */
public final class Main {
    static final List<Command> COMMANDS = List.of(new ListenCommand(), new ConnectCommand());

    /** The netlink commands parse their own arguments, iproute2's way: name, summary, entry. */
    private record NetlinkTool(String name, String summary, Entry entry) {
        interface Entry {
            int run(String[] args, PrintStream out, PrintStream err);
        }
    }

    private static final List<NetlinkTool> NETLINK_TOOLS = List.of(
            new NetlinkTool("ip", "links, addresses, routes and neighbours over rtnetlink, as iproute2's ip", IpCommand::run),
            new NetlinkTool("ss", "TCP, UDP and UNIX sockets over sock_diag, as iproute2's ss", SsCommand::run),
            new NetlinkTool("monitor", "print link and address changes as they happen", MonitorCommand::run),
            new NetlinkTool("tipc", "TIPC nodes, bearers, links, name table and sockets over TIPCv2, as iproute2's tipc", TipcCommand::run));

    static final String ADDRESS_HELP = String.join("\n",
            "addresses:",
            "  unix:PATH             AF_UNIX stream socket at a filesystem path",
            "  abstract:NAME         AF_UNIX stream socket with an abstract name (no file; \\xNN for any byte)",
            "  tcp:HOST:PORT         TCP over IPv4; HOST a name or an address such as 127.0.0.1",
            "  tcp6:[HOST]:PORT      TCP over IPv6; HOST a name or an address such as ::1",
            "  udp:HOST:PORT         UDP over IPv4",
            "  udp6:[HOST]:PORT      UDP over IPv6",
            "  For listen, port 0 (or abstract: with no name) lets the kernel choose.",
            "");

    private Main() {}

    public static void main(String[] args) {
        Command.Streams io = new Command.Streams(new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), System.err);
        System.exit(run(Arrays.asList(args), io));
    }

    static int run(List<String> args, Command.Streams io) {
        boolean verbose = args.contains("-v") || args.contains("--verbose");
        try {
            if (args.isEmpty()) throw new UsageError("missing command (see 'jsock --help')");
            String name = args.get(0);
            if (Args.HELP.matches(name)) return printHelp(io, help());
            List<String> rest = args.subList(1, args.size());
            for (NetlinkTool tool : NETLINK_TOOLS) {
                if (tool.name().equals(name)) {
                    PrintStream out = new PrintStream(io.out(), true, StandardCharsets.UTF_8);
                    int code = tool.entry().run(rest.toArray(new String[0]), out, io.err());
                    out.flush();
                    return code;
                }
            }
            Command command = find(name);
            if (Args.wantsHelp(rest)) return printHelp(io, command.help());
            return command.run(Args.parse(command.name(), command.options(), rest), io);
        } catch (UsageError e) {
            io.say(e.getMessage());
            return 2;
        } catch (IOException e) {
            io.say(e.getMessage());
            if (verbose) e.printStackTrace(io.err());
            return 1;
        } catch (UnsatisfiedLinkError e) { // the native library did not load: its message says why and what to set
            String message = String.valueOf(e.getMessage());
            io.err().println(message.startsWith("jsock: ") ? message : "jsock: " + e);
            if (verbose) e.printStackTrace(io.err());
            return 1;
        } catch (LinkageError | RuntimeException e) { // a bug
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            io.say(root == e ? e.toString() : e + ": " + root);
            if (verbose) e.printStackTrace(io.err());
            return 1;
        }
    }

    private static Command find(String name) throws UsageError {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) return c;
        }
        if (name.startsWith("-")) throw new UsageError("unknown option '" + name + "' (see 'jsock --help')");
        throw new UsageError("unknown command '" + name + "' (see 'jsock --help')");
    }

    static String help() {
        StringBuilder b = new StringBuilder();
        b.append("usage: jsock COMMAND [OPTIONS] [ADDRESS]\n\n");
        b.append("listen and connect move bytes between stdin/stdout and a socket, both ways at once, as nc\n");
        b.append("and socat do; ip, ss, monitor and tipc speak netlink to the kernel, as iproute2 does.\n\n");
        b.append("commands:\n");
        for (Command c : COMMANDS) b.append(String.format("  %-10s %s\n", c.name(), c.summary()));
        for (NetlinkTool t : NETLINK_TOOLS) b.append(String.format("  %-10s %s\n", t.name(), t.summary()));
        b.append('\n').append(ADDRESS_HELP);
        b.append("\nexamples:\n");
        b.append(Command.example("jsock listen tcp6:[::1]:0", "listen on a free port, printed on stderr"));
        b.append(Command.example("jsock connect tcp:127.0.0.1:8080 < request.txt", "send a file, print the answer"));
        b.append(Command.example("echo hello | jsock connect abstract:my-service", "the same over an abstract UNIX name"));
        b.append(Command.example("jsock ip -j addr", "this machine's addresses, as JSON in the shape of ip -j"));
        b.append(Command.example("jsock ss -tan", "every TCP socket, numeric"));
        b.append(Command.example("jsock tipc -j link stat show", "TIPC link statistics, as JSON in the shape of tipc -j"));
        b.append("\nRun 'jsock COMMAND --help' for the options of a command.\n");
        b.append("Exit codes: 0 done, 1 a socket or I/O failure, 2 a mistake on the command line.\n");
        return b.toString();
    }

    private static int printHelp(Command.Streams io, String text) throws IOException {
        io.out().write(text.getBytes(StandardCharsets.UTF_8));
        io.out().flush();
        return 0;
    }
}
