package io.jsock.internal;

import io.jsock.Family;
import io.jsock.Socket;
import io.jsock.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A JVM that loads jsock, for {@link LoaderTest}: it moves "ping" through a socket pair (so the
 * shim is loaded and called), then prints what the extraction directory holds while it still
 * runs. A failure to load is left uncaught, so stderr shows what a user's program would show.
 */
public final class LoaderProbe {
    private LoaderProbe() {}

    public static void main(String[] args) throws Exception {
        Socket[] pair = Socket.pair(Family.UNIX, Type.STREAM);
        try (Socket a = pair[0]; Socket b = pair[1]) {
            a.sendAll("ping".getBytes(StandardCharsets.US_ASCII));
            System.out.println("received " + new String(b.recv(4), StandardCharsets.US_ASCII));
        }
        try (Stream<Path> entries = Files.list(Loader.extractionBase())) {
            System.out.println("while running " + entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
