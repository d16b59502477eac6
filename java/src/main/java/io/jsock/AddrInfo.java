package io.jsock;

/**
 * One result of {@link Sockets#getAddrInfo}: Python's {@code (family, type, proto, canonname,
 * sockaddr)}. The canonical name is {@code ""} unless {@link Sockets#AI_CANONNAME} was asked for,
 * and then only on the first result, as the C library gives it.
 */
public record AddrInfo(Family family, Type type, int proto, String canonName, SockAddr address) {}
