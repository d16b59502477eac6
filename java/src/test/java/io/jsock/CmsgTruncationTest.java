package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.FileDescriptors;
import io.jsock.testing.ChildProcess;
import io.jsock.testing.ProcFds;
import io.jsock.testing.Python;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The truncation cases of CPython's test_socket, run by python3 and by jsock on this kernel: the
 * same MSG_TRUNC / MSG_CTRUNC, the same data, the same complete ancillary items, and not one fd
 * left behind. Where CPython hands back the fds of a control-truncated message, jsock closes them
 * (a partial set is of no use and would leak), so its SCM_RIGHTS items are then empty.
 */
class CmsgTruncationTest {
    private static final byte[] MSG = "Message for recvmsg, long enough".getBytes(StandardCharsets.US_ASCII);
    private static final int INT = Integer.BYTES;

    /** kind, fds sent, message length, bufsize, ancbufsize. */
    record Case(String name, String kind, int nfds, int msglen, int bufsize, int ancbufsize) {
        String arg() {
            return kind + "," + nfds + "," + msglen + "," + bufsize + "," + ancbufsize;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        int len = 20;
        List<Case> c = new ArrayList<>();
        for (String kind : List.of("stream", "dgram", "seqpacket")) {
            // SCMRightsTest: fds passed whole.
            c.add(new Case(kind + " FDPassSimple", kind, 1, len, len, 10240));
            c.add(new Case(kind + " MultipleFDPass", kind, 4, len, len, 10240));
            c.add(new Case(kind + " FDPassCMSG_SPACE", kind, 4, len, len, Sockets.cmsgSpace(4 * INT)));
            c.add(new Case(kind + " FDPassCMSG_LEN", kind, 1, len, len, Sockets.cmsgLen(INT)));
            // CmsgTrunc*: the control buffer too small for the header, or cut inside the fd array.
            c.add(new Case(kind + " CmsgTruncNoBufSize", kind, 1, len, len, 0));
            c.add(new Case(kind + " CmsgTrunc1", kind, 1, len, len, 1));
            c.add(new Case(kind + " CmsgTrunc2Int", kind, 1, len, len, 2 * INT));
            c.add(new Case(kind + " CmsgTruncLen0Minus1", kind, 1, len, len, Sockets.cmsgLen(0) - 1));
            c.add(new Case(kind + " CmsgTruncLen0", kind, 1, len, len, Sockets.cmsgLen(0)));
            c.add(new Case(kind + " CmsgTruncLen0Plus1", kind, 2, len, len, Sockets.cmsgLen(0) + 1));
            c.add(new Case(kind + " CmsgTruncLen1", kind, 2, len, len, Sockets.cmsgLen(INT)));
            c.add(new Case(kind + " CmsgTruncLen2Minus1", kind, 2, len, len, Sockets.cmsgLen(2 * INT) - 1));
            // RecvmsgTests: recvmsg shorter and longer than the message, with and without fds.
            c.add(new Case(kind + " RecvmsgShorter", kind, 0, len, len + 42, 0));
            c.add(new Case(kind + " RecvmsgTrunc", kind, 0, len, len - 3, 0));
            c.add(new Case(kind + " RecvmsgTrunc with fds", kind, 2, len, len - 3, 10240));
            c.add(new Case(kind + " both truncated", kind, 2, len, 3, Sockets.cmsgLen(INT)));
        }
        return c;
    }

    /** What CPython got for each case, line by line. */
    private static final Map<String, int[]> PYTHON = new LinkedHashMap<>();
    private static int[] pythonCmsgLen;
    private static int[] pythonCmsgSpace;

    @TempDir
    Path dir;

    @BeforeAll
    static void runCpython() throws Exception {
        List<Case> cases = cases();
        try (ChildProcess py = Python.start("cmsg_trunc.py", cases.stream().map(Case::arg).toArray(String[]::new))) {
            pythonCmsgLen = Arrays.stream(py.expect("cmsg_len")).mapToInt(Integer::parseInt).toArray();
            pythonCmsgSpace = Arrays.stream(py.expect("cmsg_space")).mapToInt(Integer::parseInt).toArray();
            for (Case c : cases) PYTHON.put(c.name(), Arrays.stream(py.expect("case")).mapToInt(Integer::parseInt).toArray());
            py.finish();
        }
    }

    @Test
    void cmsgLenAndSpaceAreCpythons() {
        assertArrayEquals(pythonCmsgLen, IntStream.range(0, 33).map(Sockets::cmsgLen).toArray());
        assertArrayEquals(pythonCmsgSpace, IntStream.range(0, 33).map(Sockets::cmsgSpace).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asCpython(Case c) throws Exception {
        int[] py = PYTHON.get(c.name());
        assertEquals(1, py[py.length - 1], "CPython itself read the right data and fds");
        Socket[] pair = Socket.pair(Family.UNIX, Type.valueOf(c.kind().toUpperCase()));
        List<FileChannel> files = newFiles(c.nfds());
        try {
            int[] fds = files.stream().mapToInt(FileDescriptors::of).toArray();
            Map<Integer, String> before = ProcFds.snapshot();
            List<Ancillary> anc = c.nfds() == 0 ? List.of() : List.of(Ancillary.fds(fds));
            assertEquals(c.msglen(), pair[0].sendMsg(new byte[][] {Arrays.copyOf(MSG, c.msglen())}, anc, 0, null));
            Message m = pair[1].recvMsg(c.bufsize(), c.ancbufsize(), 0);

            int flags = m.flags();
            assertEquals(py[0], flags, "message flags (MSG_TRUNC, MSG_CTRUNC, ...) as CPython: " + m);
            assertEquals(py[1], m.data().length, "data length as CPython");
            assertArrayEquals(Arrays.copyOf(MSG, py[1]), m.data());
            int[] got = m.fds();
            try {
                if ((flags & Sockets.MSG_CTRUNC) != 0) {
                    assertEquals(0, got.length, "no fd of a control-truncated message is handed out");
                } else {
                    assertEquals(py[2], m.ancillary().size(), "items as CPython: " + m);
                    for (int i = 0; i < py[2]; i++) {
                        Ancillary a = m.ancillary().get(i);
                        assertArrayEquals(new int[] {py[3 + 3 * i], py[4 + 3 * i], py[5 + 3 * i]},
                                new int[] {a.level(), a.type(), a.data().length});
                    }
                    assertEquals(c.nfds(), got.length);
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(String.valueOf(i), new String(PosixForTests.readAt0(got[i], 10), StandardCharsets.US_ASCII));
                    }
                }
            } finally {
                for (int fd : got) PosixForTests.LIBC.close(fd);
            }
            ProcFds.assertNoneLeaked(before, c.name());
        } finally {
            for (FileChannel f : files) f.close();
            pair[0].close();
            pair[1].close();
        }
    }

    /** n files holding their index as ASCII, as SCMRightsTest.newFDs. */
    private List<FileChannel> newFiles(int n) throws IOException {
        List<FileChannel> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = Files.writeString(dir.resolve("fd" + i), String.valueOf(i));
            files.add(FileChannel.open(p, StandardOpenOption.READ));
        }
        return files;
    }

    @Test
    void recvFdsOfTooFewSlotsClosesWhatCame() throws Exception {
        Socket[] pair = Socket.pair(Family.UNIX, Type.DGRAM);
        List<FileChannel> files = newFiles(3);
        try {
            int[] fds = files.stream().mapToInt(FileDescriptors::of).toArray();
            Map<Integer, String> before = ProcFds.snapshot();
            Sockets.sendFds(pair[0], new byte[][] {"x".getBytes()}, fds);
            FdMessage m = Sockets.recvFds(pair[1], 10, 2);
            assertTrue((m.flags() & Sockets.MSG_CTRUNC) != 0, m.toString());
            assertEquals(0, m.fds().length);
            ProcFds.assertNoneLeaked(before, "the two fds that fitted were closed");
            // With room for all three, they come.
            Sockets.sendFds(pair[0], new byte[][] {"y".getBytes()}, fds);
            FdMessage all = Sockets.recvFds(pair[1], 10, 3);
            assertEquals(0, all.flags());
            assertEquals(3, all.fds().length);
            for (int fd : all.fds()) PosixForTests.LIBC.close(fd);
            ProcFds.assertNoneLeaked(before, "recvFds");
        } finally {
            for (FileChannel f : files) f.close();
            pair[0].close();
            pair[1].close();
        }
    }
}
