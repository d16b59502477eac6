package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.GuestKernel;
import io.jsock.tipc.GroupMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TIPC communication groups: what a member receives decoded as {@link GroupMessage}s, from bytes
 * laid out as the kernel lays them (everywhere) and from a real kernel (skipped where it has no
 * TIPC): member-up events when members join, messages with the sending member named, and the
 * member-down event when one leaves.
 */
class TipcGroupTest {
    @RegisterExtension
    final TipcSockets tipc = TipcSockets.lazy();

    /** The sender's pair of sockaddr_tipc as tipc_sk_set_orig_addr writes it for a group message. */
    private static byte[] pair(long ref, long node, long group, long instance) {
        ByteBuffer b = ByteBuffer.allocate(2 * SockAddr.Tipc.LENGTH).order(ByteOrder.nativeOrder());
        SockAddr.tipcId(ref, node).encode(b, 0);
        SockAddr.tipcName(group, instance, 0, 0).encode(b, SockAddr.Tipc.LENGTH);
        return b.array();
    }

    @Test
    void eventsAndMessagesAreToldApartByTheirFlags() {
        byte[] from = pair(0xABCDL, 0x1001001L, 5000, 9);
        GroupMessage up = GroupMessage.of(new byte[0], Sockets.MSG_OOB, from, List.of());
        assertEquals(GroupMessage.Kind.MEMBER_UP, up.kind());
        assertTrue(up.isEvent());
        assertEquals(SockAddr.tipcId(0xABCDL, 0x1001001L), up.sender());
        assertEquals(SockAddr.tipcName(5000, 9, 0, 0), up.member());
        GroupMessage down = GroupMessage.of(new byte[0], Sockets.MSG_OOB | Sockets.MSG_EOR, from, List.of());
        assertEquals(GroupMessage.Kind.MEMBER_DOWN, down.kind());
        ByteBuffer dest = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putInt(0, 5000).putInt(4, 1).putInt(8, 3);
        Ancillary name = new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_DESTNAME, dest.array());
        GroupMessage data = GroupMessage.of("hi".getBytes(StandardCharsets.US_ASCII), 0, from, List.of(name));
        assertEquals(GroupMessage.Kind.MESSAGE, data.kind());
        assertFalse(data.isEvent());
        assertEquals(SockAddr.tipcNameSeq(5000, 1, 3, 0), data.destName());
        GroupMessage alone = GroupMessage.of(new byte[0], 0, java.util.Arrays.copyOf(from, SockAddr.Tipc.LENGTH), List.of());
        assertNull(alone.member(), "no second sockaddr, no member");
        assertEquals(SockAddr.tipcId(0xABCDL, 0x1001001L), alone.sender());
    }

    private Socket member(long group, long instance) throws Exception {
        Socket s = tipc.open(Type.RDM);
        s.set(SockOpt.TIPC_GROUP_JOIN, TipcGroupReq.of(group, instance).withFlags(TipcGroupReq.MEMBER_EVENTS));
        return s;
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void membersSeeEachOtherComeAndGoAndTalk() throws Exception {
        tipc.assumeTipc();
        long group = TipcSockets.serviceType();
        Socket a = member(group, 1);
        Socket b = member(group, 2);
        GroupMessage bUp = GroupMessage.receive(a, 100);
        System.out.println("TipcGroupTest: a received " + bUp);
        assertEquals(GroupMessage.Kind.MEMBER_UP, bUp.kind());
        assertEquals(b.getSockName(), bUp.sender());
        assertEquals(SockAddr.tipcName(group, 2, 0, 0), bUp.member());
        assertEquals(0, bUp.data().length);
        GroupMessage aUp = GroupMessage.receive(b, 100);
        assertEquals(GroupMessage.Kind.MEMBER_UP, aUp.kind());
        assertEquals(a.getSockName(), aUp.sender());
        assertEquals(SockAddr.tipcName(group, 1, 0, 0), aUp.member());

        byte[] hello = "to member 1".getBytes(StandardCharsets.US_ASCII);
        b.sendTo(hello, SockAddr.tipcName(group, 1)); // an anycast to the members of instance 1
        GroupMessage m = GroupMessage.receive(a, 100);
        System.out.println("TipcGroupTest: a received " + m);
        assertEquals(GroupMessage.Kind.MESSAGE, m.kind());
        assertArrayEquals(hello, m.data());
        assertEquals(b.getSockName(), m.sender());
        assertEquals(SockAddr.tipcName(group, 2, 0, 0), m.member(), "the sending member");

        byte[] all = "to the group".getBytes(StandardCharsets.US_ASCII);
        a.send(all); // with no address: a broadcast to the group
        GroupMessage g = GroupMessage.receive(b, 100);
        assertEquals(GroupMessage.Kind.MESSAGE, g.kind());
        assertArrayEquals(all, g.data());
        assertEquals(SockAddr.tipcName(group, 1, 0, 0), g.member());

        b.set(SockOpt.TIPC_GROUP_LEAVE, true);
        GroupMessage bDown = GroupMessage.receive(a, 100);
        System.out.println("TipcGroupTest: a received " + bDown);
        assertEquals(GroupMessage.Kind.MEMBER_DOWN, bDown.kind());
        assertEquals(SockAddr.tipcName(group, 2, 0, 0), bDown.member());
        assertTrue((bDown.flags() & Sockets.MSG_EOR) != 0);
    }
}
