package io.jsock.tipc;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.SocketTimeout;
import io.jsock.Sockets;
import io.jsock.Type;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the TIPC topology service: a SOCK_SEQPACKET connection to the service
 * TIPC_TOP_SRV (name {@code {1,1}}) that subscribes to service ranges and receives their events.
 *
 * <pre>{@code
 * try (TopologyClient top = TopologyClient.open()) {
 *     Subscription sub = top.subscribe(Subscription.ports(SockAddr.tipcNameSeq(18888, 0, 100), null));
 *     TopologyEvent e = top.receive();   // PUBLISHED when a socket binds {18888, 0..100}
 * }
 * }</pre>
 *
 * <p>The client speaks network byte order. The server takes either order (it tells which by
 * the filter's bits) and answers each subscription in its own, but Linux (6.1 at least) cancels a
 * subscription by clearing TIPC_SUB_CANCEL as a bit of network order before it compares: a
 * subscription sent in a little-endian host's order cannot be cancelled. The server drops the connection of a subscriber that asks for what
 * it refuses; {@link #receive()} then throws {@link EOFException}. {@link #subscribe} and
 * {@link #cancel} may be called from one thread while another waits in {@link #receive()}.
 */
public final class TopologyClient implements AutoCloseable {
    /** The topology service's type and instance: TIPC_TOP_SRV. */
    public static final long SERVICE_TYPE = Integer.toUnsignedLong(Sockets.TIPC_TOP_SRV);

    /** The order of what this client sends, and so of what the server answers. */
    static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    private final Socket socket;
    private final AtomicLong handles = new AtomicLong();

    private TopologyClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects to this node's topology service. */
    public static TopologyClient open() throws IOException {
        Socket s = Socket.open(Family.TIPC, Type.SEQPACKET);
        try {
            s.connect(SockAddr.tipcName(SERVICE_TYPE, SERVICE_TYPE));
            return new TopologyClient(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A client over a SOCK_SEQPACKET or SOCK_STREAM socket already connected to a topology
     * service (another node's, say); closing the client closes it.
     */
    public static TopologyClient over(Socket connected) {
        Objects.requireNonNull(connected, "connected");
        if (connected.family() != Family.TIPC) {
            throw new IllegalArgumentException("the topology service is reached over AF_TIPC, not " + connected.family());
        }
        return new TopologyClient(connected);
    }

    /** The connection to the service. */
    public Socket socket() {
        return socket;
    }

    /**
     * Sends the subscription and returns it. One whose handle is all zero is given a handle of
     * its own first (a count, see {@link Subscription#withHandle(long)}), so that each
     * subscription of this client can be told apart and cancelled alone: the returned one is
     * the one its events carry and {@link #cancel} takes.
     */
    public Subscription subscribe(Subscription subscription) throws IOException {
        Objects.requireNonNull(subscription, "subscription");
        if ((subscription.filter() & Subscription.CANCEL) != 0) {
            throw new IllegalArgumentException("subscribe with TIPC_SUB_CANCEL: use cancel()");
        }
        Subscription s = subscription.handleAsLong() == 0 ? subscription.withHandle(handles.incrementAndGet()) : subscription;
        send(s);
        return s;
    }

    /** Subscribes to every publication and withdrawal in {@code range} (TIPC_SUB_PORTS), forever. */
    public Subscription subscribePorts(SockAddr.TipcNameSeq range) throws IOException {
        return subscribe(Subscription.ports(range, null));
    }

    /**
     * Cancels a subscription (TIPC_SUB_CANCEL): the server matches it by all its 28 bytes, so
     * pass the one {@link #subscribe} returned or an event carried. The server does not
     * answer, and it reads the connection's messages later, in order, on a kernel thread of its
     * own: until it has read this one the subscription still reports (a publication made just
     * after this call returns may be), and events already on their way may still arrive. The
     * first event of a subscription made after the cancel shows that the cancel has been read.
     */
    public void cancel(Subscription subscription) throws IOException {
        Objects.requireNonNull(subscription, "subscription");
        send(subscription.cancelling());
    }

    private void send(Subscription s) throws IOException {
        int n = socket.send(s.toBytes(ORDER));
        if (n != Subscription.SIZE) throw new IOException("sent " + n + " of the " + Subscription.SIZE + " bytes of a subscription");
    }

    /**
     * The next event; blocks (within the socket's timeout, if it has one).
     *
     * @throws EOFException when the server closed the connection (it does so when it refuses a subscription)
     */
    public TopologyEvent receive() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(TopologyEvent.SIZE + 16).order(ORDER);
        int n = socket.recvInto(b);
        if (n == 0) throw new EOFException("the TIPC topology service closed the connection");
        if (n < TopologyEvent.SIZE) {
            throw new IOException("a TIPC topology event of " + n + " bytes, " + TopologyEvent.SIZE + " expected");
        }
        return TopologyEvent.decode(b, 0);
    }

    /**
     * The next event within {@code timeout}, or null when none came. This sets the socket's
     * timeout for the call and restores it after.
     */
    public TopologyEvent receive(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        Duration before = socket.getTimeout();
        socket.setTimeout(timeout);
        try {
            return receive();
        } catch (SocketTimeout e) {
            return null;
        } finally {
            socket.setTimeout(before);
        }
    }

    /** Closes the connection: the server ends all of its subscriptions. */
    @Override public void close() throws IOException {
        socket.close();
    }
}
