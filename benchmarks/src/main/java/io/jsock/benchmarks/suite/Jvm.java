package io.jsock.benchmarks.suite;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM the suite runs forks on, with the jsock backend it asks for there and the arguments that asks for it. */
record Jvm(String backend, Path java, String version, int feature, List<String> args) {
    private static final Pattern VERSION = Pattern.compile("version \"([^\"]+)\"");

    /** The JNR-FFI run: the reference JDK (17), where the peers run too. */
    static Jvm jnr(Path java) throws IOException {
        return of("jnr", java, List.of("-Djsock.backend=jnr"));
    }

    /** The FFM run: a JDK 22+ with native access granted to the class path. */
    static Jvm ffm(Path java) throws IOException {
        Jvm j = of("ffm", java, List.of("-Djsock.backend=ffm", "--enable-native-access=ALL-UNNAMED"));
        if (j.feature() < 22) throw new IllegalArgumentException(java + " is Java " + j.version() + ": the FFM backend needs 22+");
        return j;
    }

    private static Jvm of(String backend, Path java, List<String> args) throws IOException {
        if (!Files.isExecutable(java)) throw new IOException("no java at " + java);
        String version = version(java);
        return new Jvm(backend, java, version, feature(version), args);
    }

    /** The version {@code java -version} prints, e.g. 17.0.21.1 or 25.0.3. */
    private static String version(Path java) throws IOException {
        Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Matcher m = VERSION.matcher(out);
        if (!m.find()) throw new IOException(java + " -version printed no version: " + out);
        return m.group(1);
    }

    /** The feature release of a version: 17 of 17.0.21.1, 25 of 25.0.3, 8 of 1.8.0_402. */
    static int feature(String version) {
        String[] f = version.split("[.\\-+_]");
        int first = Integer.parseInt(f[0]);
        return first == 1 && f.length > 1 ? Integer.parseInt(f[1]) : first;
    }

    JsonObject describe() {
        JsonObject o = new JsonObject();
        o.addProperty("backend", backend);
        o.addProperty("java", java.toString());
        o.addProperty("version", version);
        JsonArray a = new JsonArray();
        args.forEach(a::add);
        o.add("args", a);
        return o;
    }
}
