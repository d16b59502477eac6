package io.jsock;

import io.jsock.internal.CStrings;
import io.jsock.internal.Consts;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Typed ioctl requests on a socket, built on the raw {@link Socket#ioctl(long, int)} and
 * {@link Socket#ioctl(long, byte[])}. The interface requests fill a {@code struct ifreq} laid out
 * as the headers say; they only read, and work on a socket of any family except
 * {@link #siocgifaddr}, which needs an AF_INET socket. A failed request names itself and the
 * interface: {@code ioctl SIOCGIFINDEX(eth9): [Errno 19 ENODEV] No such device}.
 */
public final class Ioctl {
    private static final long FIONREAD = Consts.getLong("FIONREAD");
    private static final long SIOCINQ = Consts.getLong("SIOCINQ");
    private static final long SIOCOUTQ = Consts.getLong("SIOCOUTQ");
    private static final long FIONBIO = Consts.getLong("FIONBIO");
    private static final long SIOCGIFINDEX = Consts.getLong("SIOCGIFINDEX");
    private static final long SIOCGIFNAME = Consts.getLong("SIOCGIFNAME");
    private static final long SIOCGIFFLAGS = Consts.getLong("SIOCGIFFLAGS");
    private static final long SIOCGIFMTU = Consts.getLong("SIOCGIFMTU");
    private static final long SIOCGIFHWADDR = Consts.getLong("SIOCGIFHWADDR");
    private static final long SIOCGIFADDR = Consts.getLong("SIOCGIFADDR");

    private static final int IFNAMSIZ = Consts.get("IFNAMSIZ");
    private static final int IFREQ_SIZE = Consts.sizeOf("ifreq");
    private static final int IFR_NAME = Consts.offsetOf("ifreq", "ifr_name");
    private static final int IFR_IFINDEX = Consts.offsetOf("ifreq", "ifr_ifindex");
    private static final int IFR_FLAGS = Consts.offsetOf("ifreq", "ifr_flags");
    private static final int IFR_MTU = Consts.offsetOf("ifreq", "ifr_mtu");
    private static final int IFR_HWADDR = Consts.offsetOf("ifreq", "ifr_hwaddr");
    private static final int IFR_ADDR = Consts.offsetOf("ifreq", "ifr_addr");
    private static final int SA_FAMILY = Consts.offsetOf("sockaddr", "sa_family");
    private static final int SA_DATA = Consts.offsetOf("sockaddr", "sa_data");
    private static final int SA_DATA_SIZE = Consts.sizeOf("sockaddr") - SA_DATA;
    private static final int SOCKADDR_IN_SIZE = Consts.sizeOf("sockaddr_in");
    private static final int ETH_ALEN = Consts.get("ETH_ALEN");

    private Ioctl() {}

    // ---------------------------------------------------------------- queues and blocking

    /** FIONREAD: bytes waiting to be read (for a datagram socket, the size of the next datagram). */
    public static int fionread(Socket socket) throws IOException {
        return socket.ioctl(FIONREAD, 0, "ioctl FIONREAD");
    }

    /** SIOCINQ: Linux's name for FIONREAD on a socket. */
    public static int siocinq(Socket socket) throws IOException {
        return socket.ioctl(SIOCINQ, 0, "ioctl SIOCINQ");
    }

    /**
     * SIOCOUTQ: what is queued for sending and not yet taken by the peer. TCP counts the bytes
     * not yet acknowledged; AF_UNIX counts the memory its queued buffers take, which is more.
     */
    public static int siocoutq(Socket socket) throws IOException {
        return socket.ioctl(SIOCOUTQ, 0, "ioctl SIOCOUTQ");
    }

    /**
     * FIONBIO: sets or clears the fd's O_NONBLOCK directly, behind the socket's timeout setting,
     * which stays as it was. A blocking socket made non-blocking this way fails calls that would
     * block with {@link WouldBlock}; a socket with a timeout made blocking this way blocks without
     * end, its timeout no longer kept. The flag belongs to the open file, so duplicates share it.
     * {@link Socket#setTimeout} and {@link Socket#setBlocking} are the way to change both together.
     */
    public static void fionbio(Socket socket, boolean nonBlocking) throws IOException {
        socket.ioctl(FIONBIO, nonBlocking ? 1 : 0, "ioctl FIONBIO");
    }

    // ---------------------------------------------------------------- interfaces (struct ifreq)

    /** SIOCGIFINDEX: the index of the interface of this name. */
    public static int siocgifindex(Socket socket, String ifname) throws IOException {
        return ifreq(socket, SIOCGIFINDEX, "SIOCGIFINDEX", ifname).getInt(IFR_IFINDEX);
    }

    /** SIOCGIFNAME: the name of the interface of this index. */
    public static String siocgifname(Socket socket, int index) throws IOException {
        if (index < 0) throw new IllegalArgumentException("negative interface index: " + index);
        byte[] req = new byte[IFREQ_SIZE];
        SockOpt.nativeOrder(req).putInt(IFR_IFINDEX, index);
        socket.ioctl(SIOCGIFNAME, req, "ioctl SIOCGIFNAME(" + index + ")");
        int end = IFR_NAME;
        while (end < IFR_NAME + IFNAMSIZ && req[end] != 0) end++;
        return new String(req, IFR_NAME, end - IFR_NAME, StandardCharsets.UTF_8);
    }

    /** SIOCGIFFLAGS: the interface's IFF_ flags ({@link Sockets#IFF_UP}, ...), the 16 bits the ioctl carries. */
    public static int siocgifflags(Socket socket, String ifname) throws IOException {
        return Short.toUnsignedInt(ifreq(socket, SIOCGIFFLAGS, "SIOCGIFFLAGS", ifname).getShort(IFR_FLAGS));
    }

    /** SIOCGIFMTU: the interface's MTU in bytes. */
    public static int siocgifmtu(Socket socket, String ifname) throws IOException {
        return ifreq(socket, SIOCGIFMTU, "SIOCGIFMTU", ifname).getInt(IFR_MTU);
    }

    /** SIOCGIFHWADDR: the interface's link type and hardware address (see {@link HardwareAddress} for its length). */
    public static HardwareAddress siocgifhwaddr(Socket socket, String ifname) throws IOException {
        ByteBuffer r = ifreq(socket, SIOCGIFHWADDR, "SIOCGIFHWADDR", ifname);
        int type = Short.toUnsignedInt(r.getShort(IFR_HWADDR + SA_FAMILY));
        int from = IFR_HWADDR + SA_DATA;
        return new HardwareAddress(type, Arrays.copyOfRange(r.array(), from, from + hardwareAddressLength(type)));
    }

    /** SIOCGIFADDR: the interface's (first) IPv4 address; EADDRNOTAVAIL when it has none. Needs an AF_INET socket. */
    public static Inet4Address siocgifaddr(Socket socket, String ifname) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (socket.family() != Family.INET) {
            throw new IllegalArgumentException("SIOCGIFADDR needs an AF_INET socket, not " + socket.family().cName());
        }
        ByteBuffer r = ifreq(socket, SIOCGIFADDR, "SIOCGIFADDR", ifname);
        return ((SockAddr.Inet) SockAddr.decode(r, IFR_ADDR, SOCKADDR_IN_SIZE)).address();
    }

    /** Sends an ifreq naming {@code ifname} and returns it as the kernel filled it. */
    private static ByteBuffer ifreq(Socket socket, long request, String requestName, String ifname) throws IOException {
        Objects.requireNonNull(socket, "socket");
        byte[] name = interfaceName(ifname);
        byte[] req = new byte[IFREQ_SIZE];
        System.arraycopy(name, 0, req, IFR_NAME, name.length);
        socket.ioctl(request, req, "ioctl " + requestName + "(" + ifname + ")");
        return SockOpt.nativeOrder(req);
    }

    /** The name's bytes: at most IFNAMSIZ - 1 (room for the NUL the kernel expects), none of them NUL. */
    private static byte[] interfaceName(String ifname) {
        Objects.requireNonNull(ifname, "ifname");
        byte[] name = CStrings.of(ifname, "interface name");
        if (name.length > IFNAMSIZ - 1) {
            throw new IllegalArgumentException("interface name too long: \"" + ifname + "\" is " + name.length
                    + " bytes, at most " + (IFNAMSIZ - 1));
        }
        return name;
    }

    /** How many bytes of sa_data the address of a link type fills; the ioctl itself does not say. */
    private static int hardwareAddressLength(int type) {
        if (type == Sockets.ARPHRD_ETHER || type == Sockets.ARPHRD_LOOPBACK) return ETH_ALEN;
        if (type == Sockets.ARPHRD_NONE || type == Sockets.ARPHRD_VOID) return 0;
        return SA_DATA_SIZE;
    }
}
