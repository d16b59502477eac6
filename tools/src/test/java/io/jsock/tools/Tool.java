package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jsock.testing.ChildProcess;
import io.jsock.testing.Programs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tool as the tests run it: one of its commands called on this thread, or the whole tool as a process. */
final class Tool {
    private Tool() {}

    /** A command's entry point, as {@link IpCommand#run} and the others have it. */
    interface Entry {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** A command of the tool, called on this thread, its output captured. */
    static Programs.Result call(Entry command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = command.run(args, o, e);
        }
        return new Programs.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code jsock ARGS} as a process: the tool's module on the module path Maven built for the tests. */
    static ChildProcess start(String... args) throws IOException {
        String modulePath = System.getProperty("jsock.tools.modulepath");
        assertNotNull(modulePath, "-Djsock.tools.modulepath is set by tools/pom.xml");
        // Native access for the library's module, as ./jsock grants it (needed on Java 22+).
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=io.jsock",
                "--module-path", modulePath, "-m", "io.jsock.tools/io.jsock.tools.Main"));
        command.addAll(List.of(args));
        return ChildProcess.start("jsock " + String.join(" ", args), command);
    }
}
