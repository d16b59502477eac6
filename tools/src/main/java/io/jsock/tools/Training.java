package io.jsock.tools;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run of {@code ./jsock}'s start-up archive (a CDS archive on Java 17 to 24, an AOT
 * cache on 25+): runs the tool's read-only commands in one JVM, their output discarded, so that
 * the classes they load are the ones the archive holds. It changes nothing on the machine and
 * always exits 0 (a command that fails, on a machine without IPv6 say, still loaded its classes).
 */
public final class Training {
    /** Read-only commands, the common ones first. */
    static final List<List<String>> COMMANDS = List.of(
            List.of("ip", "addr"),
            List.of("ip", "link"),
            List.of("ip", "-j", "addr"),
            List.of("ip", "route"),
            List.of("ss", "-tan"),
            List.of("--help"));

    private Training() {}

    public static void main(String[] args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        for (List<String> command : COMMANDS) {
            try {
                Main.run(command, new Command.Streams(new ByteArrayInputStream(new byte[0]), nowhere, nowhere));
            } catch (RuntimeException | LinkageError e) {
                // a training run never fails: what loaded before the failure is archived all the same
            }
        }
        System.exit(0); // the archive is written at exit
    }
}
