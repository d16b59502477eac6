package io.jsock.benchmarks;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A path for an AF_UNIX listener in a fresh temporary directory; closing removes both. */
final class SocketPath implements AutoCloseable {
    private final Path dir;
    private final Path path;

    SocketPath() throws IOException {
        dir = Files.createTempDirectory("jsock-bench");
        path = dir.resolve("s");
    }

    Path path() {
        return path;
    }

    UnixDomainSocketAddress address() {
        return UnixDomainSocketAddress.of(path);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
    }
}
