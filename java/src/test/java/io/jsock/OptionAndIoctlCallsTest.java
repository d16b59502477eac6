package io.jsock;

import static io.jsock.SocketFixtures.connected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import io.jsock.internal.Consts;
import io.jsock.testing.ProcStatus;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The raw option and ioctl calls: getSockOpt/setSockOpt in their int and byte forms and ioctl
 * on an int or a struct, checked against CPython and against what the kernel shows elsewhere.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OptionAndIoctlCallsTest {

    @Test
    void intOptionsRoundTripAsInCPython() throws Exception {
        String python = Python.output("import socket\ns = socket.socket()\n"
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)\n"
                + "s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 42)\n"
                + "print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), s.getsockopt(socket.IPPROTO_IP, socket.IP_TTL))");
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 65536);
            s.setSockOpt(Sockets.IPPROTO_IP, Sockets.IP_TTL, 42);
            assertEquals(python, s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF) + " "
                    + s.getSockOpt(Sockets.IPPROTO_IP, Sockets.IP_TTL));
            s.setSockOpt(Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
            assertEquals(1, s.getSockOpt(Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY));
            s.setSockOpt(Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, nativeInt(0));
            assertEquals(0, s.getSockOpt(Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY), "the byte form sets it too");
        }
    }

    @Test
    void theByteFormGivesWhatTheKernelWroteAsCPython() throws Exception {
        String python = Python.output("import socket\ns = socket.socket()\n"
                + "print(len(s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 64)),"
                + " len(s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 2)))");
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            byte[] full = s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TYPE, 64);
            byte[] cut = s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TYPE, 2);
            assertEquals(python, full.length + " " + cut.length);
            assertEquals(Sockets.SOCK_STREAM, ByteBuffer.wrap(full).order(ByteOrder.nativeOrder()).getInt());
            assertArrayEquals(Arrays.copyOf(full, 2), cut);
        }
    }

    @Test
    void aStructOptionRoundTrips() throws Exception {
        String python = Python.output("import socket, struct\ns = socket.socket()\n"
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 5))\n"
                + "print(*struct.unpack('ii', s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))");
        int size = Consts.sizeOf("linger");
        int onoff = Consts.offsetOf("linger", "l_onoff");
        int seconds = Consts.offsetOf("linger", "l_linger");
        try (Socket s = Socket.open(Family.INET, Type.STREAM)) {
            ByteBuffer set = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
            set.putInt(onoff, 1).putInt(seconds, 5);
            s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, set.array());
            ByteBuffer got = ByteBuffer.wrap(s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_LINGER, size))
                    .order(ByteOrder.nativeOrder());
            assertEquals(size, got.capacity());
            assertEquals(python, got.getInt(onoff) + " " + got.getInt(seconds));
        }
    }

    /** SO_PEERCRED names this very process, as /proc says it is. */
    @Test
    void peerCredentialsAreOurOwn() throws IOException {
        Socket[] p = Socket.pair();
        try (Socket a = p[0]; Socket b = p[1]) {
            ByteBuffer cred = ByteBuffer.wrap(a.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PEERCRED, Consts.sizeOf("ucred")))
                    .order(ByteOrder.nativeOrder());
            assertEquals(ProcessHandle.current().pid(), cred.getInt(Consts.offsetOf("ucred", "pid")));
            assertEquals(ProcStatus.uid(), cred.getInt(Consts.offsetOf("ucred", "uid")));
            assertEquals(ProcStatus.gid(), cred.getInt(Consts.offsetOf("ucred", "gid")));
        }
    }

    @Test
    void fionreadCountsWhatWaits() throws IOException {
        try (Pair p = connected(Kind.UNIX_DGRAM)) {
            assertEquals(0, p.b().ioctl(Sockets.FIONREAD, 0));
            p.a().send(new byte[10]);
            p.a().send(new byte[3]);
            assertEquals(10, p.b().ioctl(Sockets.FIONREAD, 0), "a datagram socket counts the next datagram");
            assertEquals(10, Ioctl.fionread(p.b()));
        }
    }

    /** An ioctl on a struct: SIOCGIFINDEX and SIOCGIFMTU fill an ifreq, as sysfs tells them too. */
    @Test
    void interfaceIoctlsFillTheirIfreq() throws Exception {
        String index = Files.readString(Path.of("/sys/class/net/lo/ifindex")).trim();
        assertEquals(index, Python.output("import socket\nprint(socket.if_nametoindex('lo'))"));
        try (Socket s = Socket.open(Family.INET, Type.DGRAM)) {
            byte[] ifreq = ifreq("lo");
            s.ioctl(Consts.get("SIOCGIFINDEX"), ifreq);
            ByteBuffer b = ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder());
            assertEquals(index, Integer.toString(b.getInt(Consts.offsetOf("ifreq", "ifr_ifindex"))));
            assertEquals((byte) 'l', ifreq[Consts.offsetOf("ifreq", "ifr_name")], "the name is left in place");

            ifreq = ifreq("lo");
            s.ioctl(Consts.get("SIOCGIFMTU"), ifreq);
            int mtu = ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getInt(Consts.offsetOf("ifreq", "ifr_mtu"));
            assertEquals(Files.readString(Path.of("/sys/class/net/lo/mtu")).trim(), Integer.toString(mtu));

            SocketError e = assertThrows(SocketError.class, () -> s.ioctl(Consts.get("SIOCGIFINDEX"), ifreq("jsock-none0")));
            assertEquals(Consts.get("ENODEV"), e.errno());
            assertEquals("ioctl", e.call());
        }
    }

    // ---- helpers

    private static byte[] nativeInt(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static byte[] ifreq(String name) {
        byte[] r = new byte[Consts.sizeOf("ifreq")];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, r, Consts.offsetOf("ifreq", "ifr_name"), n.length);
        return r;
    }
}
