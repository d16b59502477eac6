package io.jsock;

import static io.jsock.SocketFixtures.recvToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.Consts;
import io.jsock.internal.FileDescriptors;
import io.jsock.internal.Native;
import io.jsock.testing.ChildProcess;
import io.jsock.testing.ProcFds;
import io.jsock.testing.ProcStatus;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fd passing and credentials against CPython: python3's socket.send_fds / recv_fds, SO_PEERCRED
 * and SCM_CREDENTIALS on the other end of a UNIX socket.
 */
class PythonInteropMsgTest {
    @TempDir
    Path dir;

    private Socket listener;

    @AfterEach
    void closeListener() throws IOException {
        if (listener != null) listener.close();
    }

    /** A listener at a fresh path, for python to connect to. */
    private SockAddr.Unix listen(Type type) throws IOException {
        SockAddr.Unix path = SockAddr.unix(dir.resolve("s").toString());
        listener = Socket.open(Family.UNIX, type);
        listener.bind(path);
        listener.listen();
        listener.setTimeout(Duration.ofSeconds(20));
        return path;
    }

    @Test
    void jsockReadsTheFilesBehindFdsPythonSent() throws Exception {
        SockAddr.Unix path = listen(Type.STREAM);
        try (ChildProcess py = Python.start("fd_peer.py", "send-fds", path.path());
             Socket s = listener.accept()) {
            s.setTimeout(Duration.ofSeconds(20));
            FdMessage m = Sockets.recvFds(s, 100, 8);
            assertEquals("four fds", new String(m.data(), StandardCharsets.US_ASCII));
            assertEquals(0, m.flags());
            int[] fds = m.fds();
            assertEquals(4, fds.length);
            py.expect("sent");
            try {
                for (int fd : fds) assertEquals(1, Native.SHIM.jsock_get_cloexec(fd), "received fds are close-on-exec");
                // Python has closed its copies: ours still reach the same files, pipe and socket.
                assertEquals("first file\n", new String(PosixForTests.readAt0(fds[0], 100), StandardCharsets.US_ASCII));
                assertEquals("second file\n", new String(PosixForTests.readAt0(fds[1], 100), StandardCharsets.US_ASCII));
                assertTrue(ProcFds.target(fds[2]).startsWith("pipe:"), ProcFds.target(fds[2]));
                assertEquals("through a pipe", new String(PosixForTests.readToEnd(fds[2]), StandardCharsets.US_ASCII));
                try (Socket passed = Socket.fromFd(fds[3])) {
                    assertEquals(Family.UNIX, passed.family());
                    passed.setTimeout(Duration.ofSeconds(20));
                    passed.sendAll("ping".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("pong:ping", new String(passed.recv(100), StandardCharsets.US_ASCII));
                }
                assertArrayEquals(new String[] {"ping"}, py.expect("socket"));
            } finally {
                for (int fd : fds) PosixForTests.LIBC.close(fd);
            }
            s.close();
            py.finish();
        }
    }

    @Test
    void pythonReadsTheFilesBehindFdsJsockSent() throws Exception {
        SockAddr.Unix path = listen(Type.STREAM);
        Path a = Files.writeString(dir.resolve("a"), "from jsock, file a\n");
        Path b = Files.write(dir.resolve("b"), new byte[] {0, 1, 2, (byte) 0xff});
        try (ChildProcess py = Python.start("fd_peer.py", "recv-fds", path.path());
             Socket s = listener.accept();
             FileChannel fa = FileChannel.open(a, StandardOpenOption.READ);
             FileChannel fb = FileChannel.open(b, StandardOpenOption.READ)) {
            Socket[] pair = Socket.pair(Family.UNIX, Type.STREAM);
            try {
                int[] fds = {FileDescriptors.of(fa), FileDescriptors.of(fb), pair[1].fileno()};
                assertEquals(3, Sockets.sendFds(s, new byte[][] {"fd".getBytes(), "s".getBytes()}, fds));
                pair[1].close(); // python holds its own copy now
                assertArrayEquals(new String[] {"fds", "3", "0"}, py.expect("message"));
                assertEquals(HexFormat.of().formatHex(Files.readAllBytes(a)), py.expect("file")[0]);
                assertEquals(HexFormat.of().formatHex(Files.readAllBytes(b)), py.expect("file")[0]);
                pair[0].setTimeout(Duration.ofSeconds(20));
                assertEquals("hello through a passed socket", new String(recvToEnd(pair[0]), StandardCharsets.US_ASCII));
            } finally {
                pair[0].close();
                pair[1].close();
            }
            s.close();
            py.finish();
        }
    }

    @Test
    void credentialsMatchThePythonProcess() throws Exception {
        SockAddr.Unix path = listen(Type.SEQPACKET);
        try (ChildProcess py = Python.start("fd_peer.py", "creds", path.path());
             Socket s = listener.accept()) {
            s.setTimeout(Duration.ofSeconds(20));
            s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PASSCRED, 1);
            String[] self = py.expect("self");
            Ucred python = new Ucred(Integer.parseInt(self[0]), Integer.parseInt(self[1]), Integer.parseInt(self[2]));
            assertEquals(py.pid(), python.pid(), "python reports the pid the JVM started");

            // SO_PEERCRED: the kernel's record of who connected.
            assertEquals(python, peerCred(s));
            // Python's SO_PEERCRED of us: this JVM.
            Ucred me = ProcStatus.credentials();
            String[] theirs = py.expect("peercred");
            assertEquals(me, new Ucred(Integer.parseInt(theirs[0]), Integer.parseInt(theirs[1]), Integer.parseInt(theirs[2])));

            // SCM_CREDENTIALS python stated itself, then ones the kernel attached (SO_PASSCRED).
            int space = Sockets.cmsgSpace(Consts.sizeOf("ucred"));
            for (String expected : List.of("explicit", "ready")) {
                Message m = s.recvMsg(100, space, 0);
                assertEquals(expected, new String(m.data(), StandardCharsets.US_ASCII));
                assertEquals(0, m.flags() & (Sockets.MSG_CTRUNC | Sockets.MSG_TRUNC));
                assertEquals(1, m.ancillary().size(), m.toString());
                assertEquals(python, m.ancillary().get(0).credentials());
            }

            // Ours, sent explicitly, as python reads them.
            s.sendMsg(new byte[][] {"from jsock".getBytes()}, List.of(Ancillary.credentials(me)), 0, null);
            String[] got = py.expect("scm_credentials");
            assertEquals("from", got[0]);
            assertEquals(me, new Ucred(Integer.parseInt(got[2]), Integer.parseInt(got[3]), Integer.parseInt(got[4])));
            s.close();
            py.finish();
        }
    }

    /** SO_PEERCRED through the raw option: a struct ucred. */
    static Ucred peerCred(Socket s) throws IOException {
        byte[] raw = s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_PEERCRED, Consts.sizeOf("ucred"));
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        return new Ucred(b.getInt(Consts.offsetOf("ucred", "pid")), b.getInt(Consts.offsetOf("ucred", "uid")),
                b.getInt(Consts.offsetOf("ucred", "gid")));
    }
}
