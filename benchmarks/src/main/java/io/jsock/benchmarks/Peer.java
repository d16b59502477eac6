package io.jsock.benchmarks;

import io.jsock.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The ways of moving bytes that are measured against each other, each as a pair of {@link Endpoint}s. */
public enum Peer {
    JSOCK_BYTE_ARRAY {
        @Override
        Endpoint[] connect(Transport transport, int capacity) throws IOException {
            Socket[] s = Connections.jsock(transport);
            return new Endpoint[] {new JsockArrayEndpoint(s[0], capacity), new JsockArrayEndpoint(s[1], capacity)};
        }
    },
    JSOCK_HEAP_BUFFER {
        @Override
        Endpoint[] connect(Transport transport, int capacity) throws IOException {
            Socket[] s = Connections.jsock(transport);
            return new Endpoint[] {
                new JsockBufferEndpoint(s[0], ByteBuffer.allocate(capacity)),
                new JsockBufferEndpoint(s[1], ByteBuffer.allocate(capacity))
            };
        }
    },
    JSOCK_DIRECT_BUFFER {
        @Override
        Endpoint[] connect(Transport transport, int capacity) throws IOException {
            Socket[] s = Connections.jsock(transport);
            return new Endpoint[] {
                new JsockBufferEndpoint(s[0], ByteBuffer.allocateDirect(capacity)),
                new JsockBufferEndpoint(s[1], ByteBuffer.allocateDirect(capacity))
            };
        }
    },
    /** The JDK's {@code SocketChannel}, blocking, over a direct buffer. */
    JDK_CHANNEL {
        @Override
        Endpoint[] connect(Transport transport, int capacity) throws IOException {
            return channels(Connections.jdk(transport), capacity);
        }
    },
    /** jnr-unixsocket's {@code UnixSocketChannel}, over a direct buffer; AF_UNIX only. */
    JNR_UNIXSOCKET {
        @Override
        Endpoint[] connect(Transport transport, int capacity) throws IOException {
            requireUnix(transport);
            return channels(Connections.jnr(), capacity);
        }
    },
    /** junixsocket's {@code AFUNIXSocketChannel}, over a direct buffer; AF_UNIX only. */
    JUNIXSOCKET {
        @Override
        Endpoint[] connect(Transport transport, int capacity) throws IOException {
            requireUnix(transport);
            return channels(Connections.junixsocket(), capacity);
        }
    };

    /** Two connected endpoints, each with a buffer of {@code capacity} bytes. */
    abstract Endpoint[] connect(Transport transport, int capacity) throws IOException;

    private static Endpoint[] channels(SocketChannel[] pair, int capacity) {
        return new Endpoint[] {new ChannelEndpoint(pair[0], capacity), new ChannelEndpoint(pair[1], capacity)};
    }

    final void requireUnix(Transport transport) {
        if (transport != Transport.UNIX) throw new IllegalArgumentException(this + " speaks AF_UNIX only, not " + transport);
    }
}
