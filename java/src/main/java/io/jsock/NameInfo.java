package io.jsock;

/** The result of {@link Sockets#getNameInfo}: Python's {@code (host, port)}, the port as text. */
public record NameInfo(String host, String service) {}
