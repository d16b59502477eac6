package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over every decoder of the package. The seeds are real kernel replies
 * (links, addresses, routes, neighbours, generic netlink families, sock_diag sockets, an error
 * with an extended ACK); each input is a seed mutated by flips, interesting values in length
 * fields, cuts, splices and repeats. Every decoder may refuse an input only with
 * NetlinkParseException; anything else fails the test with the input that caused it.
 */
class DecoderFuzzTest {
    private static final int INPUTS = 1_000_000;
    private static final long SEED = 0x6A736F636BL;

    @Test
    void decodersThrowOnlyTheirParseError() throws Exception {
        List<byte[]> seeds = seeds();
        assertTrue(seeds.size() >= 8, "seeds from the kernel: " + seeds.size());
        SplittableRandom random = new SplittableRandom(SEED);
        long start = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
            try {
                refused += decodeEverything(input, random);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + i + " (" + HexFormat.of().formatHex(input) + ") threw " + e, e);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("fuzz: " + INPUTS + " inputs from " + seeds.size() + " kernel seeds in " + ms
                + " ms; decoders refused " + refused + " times with NetlinkParseException and threw nothing else");
    }

    /** A decoder and the offset in its message's payload where the attributes start. */
    private record Decoder(java.util.function.Function<NetlinkMessage, Object> decode, int attributes) {}

    private static final Decoder LINK = new Decoder(Link::decode, Link.HEADER);
    private static final Decoder ADDRESS = new Decoder(Address::decode, Address.HEADER);
    private static final Decoder ROUTE = new Decoder(Route::decode, Route.HEADER);
    private static final Decoder NEIGHBOUR = new Decoder(Neighbour::decode, Neighbour.HEADER);
    private static final Decoder FAMILY = new Decoder(GenlFamily::decode, GenlMessage.HEADER);
    private static final Decoder GENL = new Decoder(m -> GenlMessage.decode(m, 4), GenlMessage.HEADER + 4);
    private static final Decoder INET = new Decoder(m -> InetSocketInfo.decode(m, Sockets.IPPROTO_TCP), InetSocketInfo.HEADER);
    private static final Decoder UNIX = new Decoder(UnixSocketInfo::decode, UnixSocketInfo.HEADER);
    private static final Decoder ERROR = new Decoder(m -> NetlinkException.fromError(m, "fuzz"), 0);
    private static final Decoder DONE = new Decoder(m -> NetlinkException.fromDone(m, "fuzz"), 0);
    private static final Decoder[] ALL = {LINK, ADDRESS, ROUTE, NEIGHBOUR, FAMILY, GENL, INET, UNIX, ERROR, DONE};

    /** The decoder a program would pick for the message's type. */
    private static Decoder byType(int type) {
        if (type == RTM_NEWLINK || type == RTM_DELLINK) return LINK;
        if (type == RTM_NEWADDR || type == RTM_DELADDR) return ADDRESS;
        if (type == RTM_NEWROUTE || type == RTM_DELROUTE) return ROUTE;
        if (type == RTM_NEWNEIGH || type == RTM_DELNEIGH) return NEIGHBOUR;
        if (type == GENL_ID_CTRL) return FAMILY;
        if (type == SOCK_DIAG_BY_FAMILY) return INET;
        if (type == NLMSG_ERROR) return ERROR;
        if (type == NLMSG_DONE) return DONE;
        return GENL;
    }

    /**
     * Parses the input as a datagram, and each message with the decoder its type calls for and
     * with one other decoder chosen at random (so every decoder meets every kind of bytes); then
     * walks the attributes each would see. Returns how many refused the input, as they may.
     */
    private static int decodeEverything(byte[] input, SplittableRandom r) {
        int refused = 0;
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.parse(ByteBuffer.wrap(input));
        } catch (NetlinkParseException e) {
            return 1;
        }
        for (NetlinkMessage m : messages) {
            Decoder natural = byType(m.type());
            Decoder other = m.type() == SOCK_DIAG_BY_FAMILY && r.nextBoolean() ? UNIX : ALL[r.nextInt(ALL.length)];
            for (Decoder d : new Decoder[] {natural, other}) {
                refused += attempt(() -> d.decode().apply(m));
                ByteBuffer p = m.payload();
                if (d.attributes() <= p.limit()) {
                    refused += attempt(() -> walk(NetlinkAttributes.parse(p, d.attributes(), p.limit() - d.attributes()), 0));
                }
            }
        }
        return refused;
    }

    /**
     * The typed reader that fits each attribute's length (the record decoders already try the
     * ones that do not), and every attribute taken as a nest, a few levels down.
     */
    private static Object walk(NetlinkAttributes attrs, int depth) {
        for (NetlinkAttribute a : attrs) {
            switch (a.length()) {
                case 1: a.u8(); break;
                case 2: a.u16(); a.be16(); break;
                case 4: a.u32(); a.be32(); a.address(); break;
                case 8: a.u64(); break;
                case 16: a.address(); break;
                default: break;
            }
            a.string();
            if (depth < 4 && a.length() >= NetlinkAttribute.HEADER_LENGTH) attempt(() -> walk(a.attributes(), depth + 1));
        }
        return attrs;
    }

    private static int attempt(java.util.function.Supplier<Object> decoder) {
        try {
            decoder.get();
            return 0;
        } catch (NetlinkParseException e) {
            return 1;
        }
    }

    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 20, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000,
            0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};

    private static byte[] mutate(byte[] seed, List<byte[]> seeds, SplittableRandom r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            switch (r.nextInt(7)) {
                case 0: // flip a bit
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1: // a random byte
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    break;
                case 2: { // an interesting 16-bit value where an nla_len or nla_type may be
                    int at = r.nextInt(b.length) & ~1;
                    if (at + 2 <= b.length) ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putShort(at, (short) INTERESTING[r.nextInt(INTERESTING.length)]);
                    break;
                }
                case 3: { // an interesting 32-bit value where an nlmsg_len or a field may be
                    int at = r.nextInt(b.length) & ~3;
                    if (at + 4 <= b.length) ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(at, INTERESTING[r.nextInt(INTERESTING.length)]);
                    break;
                }
                case 4: // cut the tail
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                    break;
                case 5: { // splice in a piece of another seed
                    byte[] other = seeds.get(r.nextInt(seeds.size()));
                    int from = r.nextInt(other.length);
                    int len = Math.min(other.length - from, 1 + r.nextInt(64));
                    int at = r.nextInt(b.length);
                    System.arraycopy(other, from, b, at, Math.min(len, b.length - at));
                    break;
                }
                default: { // repeat a slice (grows the input)
                    int from = r.nextInt(b.length);
                    int len = Math.min(b.length - from, 1 + r.nextInt(32));
                    byte[] grown = new byte[b.length + len];
                    int at = r.nextInt(b.length + 1);
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(b, from, grown, at, len);
                    System.arraycopy(b, at, grown, at + len, b.length - at);
                    b = grown;
                }
            }
        }
        return b;
    }

    // ---- seeds: what the kernel really sends

    private static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        try (RtNetlink rt = RtNetlink.open()) {
            NetlinkConnection c = rt.connection();
            seeds.addAll(some(encode(c.execute(dump(RTM_GETLINK, Link.HEADER)))));
            seeds.addAll(some(encode(c.execute(dump(RTM_GETADDR, Address.HEADER)))));
            seeds.addAll(some(encode(c.execute(dump(RTM_GETROUTE, Route.HEADER)))));
            seeds.addAll(some(encode(c.execute(dump(RTM_GETNEIGH, Neighbour.HEADER)))));
        }
        byte[] done = refusedSeed(true);
        NetlinkException refused = NetlinkException.fromDone(NetlinkMessage.parse(ByteBuffer.wrap(done)).get(0), "seed");
        assertNotNull(refused.extAckMessage(), "the refused dump carries an extended ACK");
        byte[] error = refusedSeed(false);
        refused = NetlinkException.fromError(NetlinkMessage.parse(ByteBuffer.wrap(error)).get(0), "seed");
        assertTrue(refused.extAckOffset() > 0, "the refused request names the attribute at fault");
        seeds.add(done);
        seeds.add(error);
        try (GenericNetlink genl = GenericNetlink.open()) {
            MessageBuilder m = new MessageBuilder(GENL_ID_CTRL, NLM_F_DUMP);
            int h = m.reserve(GenlMessage.HEADER);
            m.set(GenlMessage.CMD, h, CTRL_CMD_GETFAMILY);
            seeds.addAll(some(encode(genl.connection().execute(m))));
        }
        Socket[] pair = Socket.pair(); // a connected pair, so that peers and queues appear
        try (Socket listener = Socket.open(Family.INET, Type.STREAM); SockDiag diag = SockDiag.open()) {
            pair[0].sendAll(new byte[3]);
            listener.bind(SockAddr.inet("127.0.0.1", 0));
            listener.listen();
            seeds.addAll(some(encode(diag.connection().execute(inetDump()))));
            MessageBuilder u = new MessageBuilder(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
            int h = u.reserve(io.jsock.internal.Consts.sizeOf("unix_diag_req"));
            u.set(Field.of("unix_diag_req", "sdiag_family"), h, Sockets.AF_UNIX);
            u.set(Field.of("unix_diag_req", "udiag_states"), h, -1);
            u.set(Field.of("unix_diag_req", "udiag_show"), h, UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN);
            seeds.addAll(some(encode(diag.connection().execute(u))));
        } finally {
            pair[0].close();
            pair[1].close();
        }
        return seeds;
    }

    /**
     * An error with an extended ACK as the kernel sends it, for requests that change nothing (so
     * the host may be asked): a dump request strict checking refuses, answered by an NLMSG_DONE
     * with the errno and the TLVs; or a get whose interface name is too long, answered by an
     * NLMSG_ERROR that echoes the request and names the attribute's offset.
     */
    private static byte[] refusedSeed(boolean dump) throws Exception {
        try (Socket s = Socket.open(Family.NETLINK, Type.RAW, NETLINK_ROUTE)) {
            s.bind(SockAddr.netlink(0, 0));
            NetlinkOptions.setExtAck(s, true);
            NetlinkOptions.setStrictCheck(s, true);
            MessageBuilder bad;
            if (dump) {
                bad = new MessageBuilder(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP);
                int h = bad.reserve(Address.HEADER);
                bad.set(Address.PREFIXLEN, h, 24);
            } else {
                bad = new MessageBuilder(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK);
                bad.reserve(Link.HEADER);
                bad.attrString(IFLA_IFNAME, "a-name-longer-than-ifnamsiz");
            }
            s.sendTo(bad.build(1, 0), SockAddr.netlink(0, 0));
            return s.recv(65536);
        }
    }

    private static MessageBuilder dump(int type, int header) {
        MessageBuilder m = new MessageBuilder(type, NLM_F_DUMP);
        m.reserve(header);
        return m;
    }

    private static MessageBuilder inetDump() {
        MessageBuilder m = new MessageBuilder(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
        int h = m.reserve(io.jsock.internal.Consts.sizeOf("inet_diag_req_v2"));
        m.set(Field.of("inet_diag_req_v2", "sdiag_family"), h, Sockets.AF_INET);
        m.set(Field.of("inet_diag_req_v2", "sdiag_protocol"), h, Sockets.IPPROTO_TCP);
        m.set(Field.of("inet_diag_req_v2", "idiag_states"), h, -1);
        return m;
    }

    /** At most 40 of a kind: a busy host has thousands of sockets and routes that add nothing new. */
    private static List<byte[]> some(List<byte[]> all) {
        return all.subList(0, Math.min(all.size(), 40));
    }

    /** Each message back into its bytes, as one datagram of its own. */
    private static List<byte[]> encode(List<NetlinkMessage> messages) {
        List<byte[]> out = new ArrayList<>();
        for (NetlinkMessage m : messages) {
            ByteBuffer p = m.payload();
            ByteBuffer b = ByteBuffer.allocate(NetlinkMessage.HEADER_LENGTH + p.remaining()).order(ByteOrder.nativeOrder());
            NetlinkMessage.putHeader(b, 0, b.limit(), m.type(), m.flags(), m.seq(), m.portId());
            b.put(NetlinkMessage.HEADER_LENGTH, p, 0, p.remaining());
            out.add(b.array());
        }
        return out;
    }
}
