package io.jsock.benchmarks.report;

import java.util.Locale;

/**
 * Where a result ran: the JDK's feature release, the jsock backend asked for ({@code
 * -Djsock.backend}) and the one that ran as {@code io.jsock.internal.Native.backend()} reported it:
 * "jnr", "ffm", "unknown" (a jsock without that method, which ignores the property and runs JNR),
 * or "-" for a peer, which does not run jsock.
 */
public record Backend(int jdk, String asked, String ran) {
    public boolean runsJsock() {
        return !ran.equals("-");
    }

    /** Whether two results ran in the same kind of run (the same JDK, the same backend asked for). */
    public boolean sameRun(Backend other) {
        return jdk == other.jdk && asked.equals(other.asked);
    }

    /** e.g. "jnr", "ffm", "ffm?" (asked, not reported), "jnr (ffm asked)". */
    public String shortName() {
        if (!runsJsock()) return "";
        if (ran.equals("unknown")) return asked + "?";
        if (!ran.equals(asked) && !asked.isEmpty()) return ran + " (" + asked + " asked)";
        return ran;
    }

    /** e.g. "JDK 17 · jnr", "JDK 25 · ffm?", "JDK 17" for a peer. */
    public String label() {
        return "JDK " + jdk + (runsJsock() ? " · " + shortName() : "");
    }

    public boolean askedFfm() {
        return asked.toLowerCase(Locale.ROOT).equals("ffm");
    }
}
