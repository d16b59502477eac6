package io.jsock;

/** A network interface as {@link Sockets#ifNameIndex} lists it: Python's {@code (index, name)}. */
public record NetInterface(int index, String name) {}
