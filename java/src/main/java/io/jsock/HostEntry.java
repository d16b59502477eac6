package io.jsock;

import java.util.List;
import java.util.Objects;

/**
 * A host database entry, Python's {@code (hostname, aliaslist, ipaddrlist)}: the primary name,
 * its other names, and its addresses as text (IPv4 or IPv6, as inet_ntop writes them).
 */
public record HostEntry(String name, List<String> aliases, List<String> addresses) {
    public HostEntry {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        addresses = List.copyOf(addresses);
    }
}
