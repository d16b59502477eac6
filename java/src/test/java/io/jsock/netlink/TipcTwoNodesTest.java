package io.jsock.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.Datagram;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.testing.GuestKernel;
import io.jsock.testing.TipcNodes;
import io.jsock.tipc.TopologyClient;
import io.jsock.tipc.TopologyEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two TIPC nodes, set up through TipcNetlink (identities, then Ethernet bearers on a veth pair
 * between two namespaces): what TIPCv2 reports of each, and services published with cluster
 * scope in one namespace reached from the other over RDM and SEQPACKET, and seen appear and go
 * by the other side's topology client. Runs where the kernel has TIPC (the project's guest).
 */
@GuestKernel(modules = {"tipc", "veth"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TipcTwoNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private TipcNodes nodes;

    @BeforeAll
    void start() throws Exception {
        nodes = TipcNodes.start(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        if (nodes != null) nodes.close();
    }

    private static long service() {
        return ThreadLocalRandom.current().nextLong(100_000, 0xFFFF_0000L);
    }

    @Test
    void eachNodeReportsItsIdentityBearerLinkAndPeer() throws Exception {
        TipcNetlink.Net a = TipcNodes.in(nodes.a, TipcNetlink::net);
        TipcNetlink.Net b = TipcNodes.in(nodes.b, TipcNetlink::net);
        assertEquals(nodes.identityA, a.nodeIdString());
        assertEquals(nodes.identityB, b.nodeIdString());
        int hashA = nodes.a.call(TipcNetlink::ownAddress);
        int hashB = nodes.b.call(TipcNetlink::ownAddress);
        assertNotEquals(hashA, hashB, "distinct identities hash to distinct addresses");
        assertEquals(0, a.address(), "no legacy address was set");
        assertEquals(List.of("eth:va"), TipcNodes.in(nodes.a, t -> t.bearers()).stream().map(TipcNetlink.Bearer::name).toList());
        List<TipcNetlink.Node> known = TipcNodes.in(nodes.a, TipcNetlink::nodes);
        assertEquals(List.of(new TipcNetlink.Node(hashB, true)), known, "A knows B, up (and lists no entry of its own)");
        List<TipcNetlink.Link> links = TipcNodes.in(nodes.a, TipcNetlink::links);
        assertTrue(links.get(0).broadcast(), "the broadcast link first: " + links);
        TipcNetlink.Link unicast = links.stream().filter(l -> !l.broadcast()).findFirst().orElseThrow();
        assertEquals(nodes.identityA + ":va-" + nodes.identityB + ":vb", unicast.name(), "named after both ends");
        assertTrue(unicast.up() && unicast.active(), unicast.toString());
        assertTrue(unicast.mtu() > 0);
        assertNotNull(unicast.properties().tolerance());
        TipcNetlink.Link byName = TipcNodes.in(nodes.a, t -> t.link(unicast.name()));
        assertEquals(unicast.name(), byName.name());
        assertEquals(unicast.destination(), byName.destination());
        // A node's own identity and the peer's, by SIOCGETNODEID, as iproute2 finds them
        assertArrayEquals(b.nodeId(), nodes.a.call(() -> TipcNetlink.nodeIdOf(hashB)));
        assertArrayEquals(a.nodeId(), nodes.a.call(() -> TipcNetlink.nodeIdOf(hashA)));
    }

    @Test
    void rdmToAServiceOfTheOtherNode() throws Exception {
        long type = service();
        try (Socket server = nodes.b.call(() -> Socket.open(io.jsock.Family.TIPC, Type.RDM));
             Socket client = nodes.a.call(() -> Socket.open(io.jsock.Family.TIPC, Type.RDM))) {
            server.setTimeout(WAIT);
            client.setTimeout(WAIT);
            server.bind(SockAddr.tipcNameSeq(type, 1, 1, Sockets.TIPC_CLUSTER_SCOPE));
            TipcNodes.awaitPublication(nodes.a, type, WAIT);
            // the name table of A lists B's publication, with B's node and socket
            TipcNetlink.Publication p = TipcNodes.in(nodes.a, TipcNetlink::nameTable).stream()
                    .filter(x -> Integer.toUnsignedLong(x.type()) == type).findFirst().orElseThrow();
            SockAddr.TipcId serverId = (SockAddr.TipcId) server.getSockName();
            assertEquals(serverId.node(), Integer.toUnsignedLong(p.node()));
            assertEquals(serverId.ref(), Integer.toUnsignedLong(p.ref()));
            assertEquals(Sockets.TIPC_CLUSTER_SCOPE, p.scope());

            client.sendTo("across".getBytes(StandardCharsets.UTF_8), SockAddr.tipcName(type, 1));
            Datagram d = server.recvFrom(100);
            assertEquals("across", new String(d.data(), StandardCharsets.UTF_8));
            assertEquals(client.getSockName(), d.address(), "the sender's id, node A's");
            server.sendTo("back".getBytes(StandardCharsets.UTF_8), d.address());
            Datagram r = client.recvFrom(100);
            assertEquals("back", new String(r.data(), StandardCharsets.UTF_8));
            assertEquals(serverId, r.address());
            // B's socket list shows the bound socket and its publication
            List<TipcNetlink.SocketInfo> sockets = TipcNodes.in(nodes.b, TipcNetlink::sockets);
            TipcNetlink.SocketInfo s = sockets.stream().filter(x -> Integer.toUnsignedLong(x.ref()) == serverId.ref())
                    .findFirst().orElseThrow();
            assertTrue(s.hasPublications());
            assertEquals(type, Integer.toUnsignedLong(s.publications().get(0).type()));
        }
    }

    @Test
    void seqpacketConnectionToAServiceOfTheOtherNode() throws Exception {
        long type = service();
        try (Socket listener = nodes.b.call(() -> Socket.open(io.jsock.Family.TIPC, Type.SEQPACKET));
             Socket client = nodes.a.call(() -> Socket.open(io.jsock.Family.TIPC, Type.SEQPACKET))) {
            listener.setTimeout(WAIT);
            client.setTimeout(WAIT);
            listener.bind(SockAddr.tipcNameSeq(type, 7, 7, Sockets.TIPC_CLUSTER_SCOPE));
            listener.listen(1);
            TipcNodes.awaitPublication(nodes.a, type, WAIT);
            // connect() returns once the peer accepts: from another thread
            CompletableFuture<Void> connect = CompletableFuture.runAsync(() -> {
                try {
                    client.connect(SockAddr.tipcName(type, 7));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Socket accepted = listener.accept()) {
                accepted.setTimeout(WAIT);
                connect.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                client.sendAll("record one".getBytes(StandardCharsets.UTF_8));
                assertEquals("record one", new String(accepted.recv(100), StandardCharsets.UTF_8));
                accepted.sendAll("record two".getBytes(StandardCharsets.UTF_8));
                assertEquals("record two", new String(client.recv(100), StandardCharsets.UTF_8));
                assertEquals(client.getSockName(), accepted.getPeerName());
                // A's socket list shows the connection to B's node, by the service's name
                SockAddr.TipcId clientId = (SockAddr.TipcId) client.getSockName();
                SockAddr.TipcId acceptedId = (SockAddr.TipcId) accepted.getSockName();
                TipcNetlink.SocketInfo s = TipcNodes.in(nodes.a, TipcNetlink::sockets).stream()
                        .filter(x -> Integer.toUnsignedLong(x.ref()) == clientId.ref()).findFirst().orElseThrow();
                assertNotNull(s.connection(), s.toString());
                assertEquals(acceptedId.node(), Integer.toUnsignedLong(s.connection().node()));
                assertEquals(acceptedId.ref(), Integer.toUnsignedLong(s.connection().port()));
            }
        }
    }

    @Test
    void theTopologyClientSeesTheOtherNodesPublicationComeAndGo() throws Exception {
        long type = service();
        try (TopologyClient top = nodes.a.call(TopologyClient::open)) {
            top.subscribePorts(SockAddr.tipcNameSeq(type, 0, 100));
            Socket server = nodes.b.call(() -> Socket.open(io.jsock.Family.TIPC, Type.RDM));
            SockAddr.TipcId serverId;
            try {
                server.bind(SockAddr.tipcNameSeq(type, 3, 4, Sockets.TIPC_CLUSTER_SCOPE));
                serverId = (SockAddr.TipcId) server.getSockName();
                TopologyEvent up = top.receive(WAIT);
                assertNotNull(up, "no PUBLISHED event within " + WAIT);
                assertEquals(TopologyEvent.Kind.PUBLISHED, up.kind());
                assertEquals(3, up.foundLower());
                assertEquals(4, up.foundUpper());
                assertEquals(serverId.ref(), up.port().ref());
                assertEquals(serverId.node(), up.port().node(), "published on the other node");
            } finally {
                server.close();
            }
            TopologyEvent down = top.receive(WAIT);
            assertNotNull(down, "no WITHDRAWN event within " + WAIT);
            assertEquals(TopologyEvent.Kind.WITHDRAWN, down.kind());
            assertEquals(serverId.ref(), down.port().ref());
        }
    }
}
