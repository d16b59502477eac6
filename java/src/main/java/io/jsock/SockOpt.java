package io.jsock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A typed socket option: its level, its name and how its value is encoded. Every option is
 * read and written through the raw {@link Socket#getSockOpt(int, int, int)} and
 * {@link Socket#setSockOpt(int, int, byte[])}, so this class is codec only.
 *
 * @param <T> the Java type of the option's value
 */
public abstract class SockOpt<T> {
    private final String cName;
    private final int level;
    private final int name;

    SockOpt(String cName, int level, int name) {
        this.cName = cName;
        this.level = level;
        this.name = name;
    }

    /** The C name, such as {@code SO_RCVBUF}. */
    public String cName() {
        return cName;
    }

    public int level() {
        return level;
    }

    public int name() {
        return name;
    }

    /** Reads the option from a socket. */
    public abstract T get(Socket socket) throws IOException;

    /** Writes the option to a socket. */
    public abstract void set(Socket socket, T value) throws IOException;

    @Override
    public String toString() {
        return cName;
    }

    // ---- codecs

    /** An int option. */
    static SockOpt<Integer> intOpt(String cName, int level, int name) {
        return new SockOpt<>(cName, level, name) {
            @Override public Integer get(Socket s) throws IOException { return s.getSockOpt(level(), name()); }
            @Override public void set(Socket s, Integer v) throws IOException { s.setSockOpt(level(), name(), v); }
        };
    }

    /** An int option read as a flag (non-zero is true). */
    static SockOpt<Boolean> boolOpt(String cName, int level, int name) {
        return new SockOpt<>(cName, level, name) {
            @Override public Boolean get(Socket s) throws IOException { return s.getSockOpt(level(), name()) != 0; }
            @Override public void set(Socket s, Boolean v) throws IOException { s.setSockOpt(level(), name(), v ? 1 : 0); }
        };
    }

    static ByteBuffer nativeOrder(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    // ---- SOL_SOCKET

    public static final SockOpt<Boolean> SO_REUSEADDR = boolOpt("SO_REUSEADDR", Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR);
    public static final SockOpt<Integer> SO_RCVBUF = intOpt("SO_RCVBUF", Sockets.SOL_SOCKET, Sockets.SO_RCVBUF);
    public static final SockOpt<Integer> SO_SNDBUF = intOpt("SO_SNDBUF", Sockets.SOL_SOCKET, Sockets.SO_SNDBUF);
    public static final SockOpt<Integer> SO_ERROR = intOpt("SO_ERROR", Sockets.SOL_SOCKET, Sockets.SO_ERROR);
    public static final SockOpt<Boolean> TCP_NODELAY = boolOpt("TCP_NODELAY", Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY);
}
