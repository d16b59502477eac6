package io.jsock.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/** One command of the tool: its name, its options, its help, and what it does. */
interface Command {

    /** Where a command reads and writes: stdin and stdout carry data, stderr carries messages only. */
    record Streams(InputStream in, OutputStream out, PrintStream err) {
        /** A message on stderr, in the one format of the tool. */
        void say(String message) {
            err.println("jsock: " + message);
        }
    }

    String name();

    /** The line the top-level help shows. */
    String summary();

    List<Args.Option> options();

    /** What --help shows after the usage line: what the command does. */
    String description();

    /** The examples --help ends with, one a line. */
    String examples();

    /** Runs the command; returns the exit code. */
    int run(Args args, Streams io) throws IOException, UsageError;

    /** One line of examples: the command, and what it does in a column of its own. */
    static String example(String command, String what) {
        return String.format("  %-54s %s\n", command, what);
    }

    default String help() {
        StringBuilder b = new StringBuilder();
        b.append("usage: jsock ").append(name()).append(" [OPTIONS] ADDRESS\n\n");
        b.append(description()).append("\n\noptions:\n");
        for (Args.Option o : options()) b.append(o.describe()).append('\n');
        b.append('\n').append(Main.ADDRESS_HELP);
        b.append("\nexamples:\n").append(examples());
        return b.toString();
    }
}
