package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsock.testing.ChildProcess;
import io.jsock.testing.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ToolProcessTest}'s tests with the tool started as users start it: by {@code ./jsock}
 * (a copy of the script with this build installed, {@link ScriptCopy}), on this JDK, from the
 * start-up archive the script made for it beforehand, with its start-up flags for ip and ss.
 * The archive must change nothing the tool does.
 */
class ToolThroughTheScriptTest extends ToolProcessTest {
    @TempDir
    static Path top;

    private static Path script;

    @BeforeAll
    static void theScriptMakesItsArchive() throws Exception {
        Path repo = ScriptCopy.built(top.resolve("repo"));
        script = repo.resolve("jsock");
        Programs.Result first = Programs.run(command("ip", "link"));
        assertEquals(0, first.exit(), first.err());
        try (Stream<Path> files = Files.list(ScriptCopy.archives(repo))) {
            List<String> archives = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsa") || n.endsWith(".aot")).toList();
            assertEquals(1, archives.size(), "the archive for this JDK: " + archives + "; " + first.err());
        }
        Programs.Result again = Programs.run(command("ip", "link"));
        assertEquals(0, again.exit(), again.err());
        assertEquals("", again.err(), "no message, the archive made");
    }

    @Override
    ChildProcess start(String... args) throws IOException {
        return ChildProcess.start("./jsock " + String.join(" ", args), command(args));
    }

    /** ./jsock ARGS on this JDK, whatever JSOCK_JAVA, JSOCK_ARCHIVE or JSOCK_BACKEND the tests' environment has. */
    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "-u", "JSOCK_JAVA", "-u", "JSOCK_ARCHIVE", "-u", "JSOCK_BACKEND",
                "JAVA_HOME=" + System.getProperty("java.home"), script.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
