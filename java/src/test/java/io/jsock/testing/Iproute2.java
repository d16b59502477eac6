package io.jsock.testing;

import io.jsock.netlink.NetNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** iproute2's {@code ip}, on the host or inside a network namespace a test made. */
public final class Iproute2 {
    private Iproute2() {}

    /** {@code ip ARGS} on the host, or inside {@code ns} through nsenter when it is not null. */
    public static Programs.Result ip(NetNamespace ns, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (ns != null) command.addAll(List.of("nsenter", "--net=" + ns.path()));
        command.add("ip");
        command.addAll(List.of(args));
        return Programs.run(command);
    }
}
