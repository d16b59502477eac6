package io.jsock.netdb;

import io.jsock.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs parity.py under the python3 of this machine (-Djsock.test.python) over a list of calls. */
final class PythonPeer {
    private PythonPeer() {}

    /** The outcome of each call, in order: {"ok": ...} or {"error": ...}. */
    @SuppressWarnings("unchecked")
    static List<Object> run(List<?> calls) throws IOException, InterruptedException {
        Path script = Files.createTempFile("jsock-parity-", ".py");
        Path errors = Files.createTempFile("jsock-parity-", ".err");
        try {
            try (InputStream in = PythonPeer.class.getResourceAsStream("parity.py")) {
                if (in == null) throw new IllegalStateException("parity.py is not on the test class path");
                Files.write(script, in.readAllBytes());
            }
            String python = System.getProperty("jsock.test.python", "python3");
            Process p = new ProcessBuilder(python, script.toString())
                    .redirectError(errors.toFile())
                    .start();
            try (OutputStream out = p.getOutputStream()) {
                out.write(Json.write(calls).getBytes(StandardCharsets.UTF_8));
            }
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("parity.py did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("parity.py failed (" + p.exitValue() + "): " + Files.readString(errors));
            }
            return (List<Object>) Json.parse(new String(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(errors);
        }
    }
}
