package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.Family;
import io.jsock.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SOL_NETLINK socket options of an AF_NETLINK socket, typed, over the socket's raw
 * {@code getSockOpt}/{@code setSockOpt}. Each checks the socket's family first.
 */
public final class NetlinkOptions {
    /** Groups are listed as a bitmap of u32 words; 256 words are 8192 groups, more than any family has. */
    private static final int MEMBERSHIP_WORDS = 256;
    private static final int U32 = Integer.BYTES; // the bitmap is of __u32 words

    private NetlinkOptions() {}

    /** NETLINK_ADD_MEMBERSHIP: receive the multicast group {@code group} (a number from 1, not a bitmask). */
    public static void addMembership(Socket s, int group) throws IOException {
        checkGroup(group);
        setInt(s, NETLINK_ADD_MEMBERSHIP, group);
    }

    /** NETLINK_DROP_MEMBERSHIP. */
    public static void dropMembership(Socket s, int group) throws IOException {
        checkGroup(group);
        setInt(s, NETLINK_DROP_MEMBERSHIP, group);
    }

    /** NETLINK_LIST_MEMBERSHIPS: the groups this socket has joined, ascending. */
    public static List<Integer> listMemberships(Socket s) throws IOException {
        checkFamily(s);
        byte[] raw = s.getSockOpt(SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, MEMBERSHIP_WORDS * U32);
        ByteBuffer words = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        List<Integer> groups = new ArrayList<>();
        for (int w = 0; w + U32 <= raw.length; w += U32) {
            int bits = words.getInt(w);
            for (int b = 0; b < 32; b++) {
                if ((bits & (1 << b)) != 0) groups.add(w / U32 * 32 + b + 1);
            }
        }
        return Collections.unmodifiableList(groups);
    }

    /** NETLINK_EXT_ACK: errors carry the kernel's message and the offset of the attribute at fault. */
    public static void setExtAck(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_EXT_ACK, on);
    }

    public static boolean getExtAck(Socket s) throws IOException {
        return getFlag(s, NETLINK_EXT_ACK);
    }

    /** NETLINK_GET_STRICT_CHK: dump requests are checked strictly and their header fields filter the dump. */
    public static void setStrictCheck(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_GET_STRICT_CHK, on);
    }

    public static boolean getStrictCheck(Socket s) throws IOException {
        return getFlag(s, NETLINK_GET_STRICT_CHK);
    }

    /** NETLINK_CAP_ACK: errors echo only the request's header, not its payload. */
    public static void setCapAck(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_CAP_ACK, on);
    }

    public static boolean getCapAck(Socket s) throws IOException {
        return getFlag(s, NETLINK_CAP_ACK);
    }

    /** NETLINK_NO_ENOBUFS: an overrun receive queue drops messages without reporting ENOBUFS. */
    public static void setNoEnobufs(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_NO_ENOBUFS, on);
    }

    public static boolean getNoEnobufs(Socket s) throws IOException {
        return getFlag(s, NETLINK_NO_ENOBUFS);
    }

    /** NETLINK_PKTINFO: each received message carries a NETLINK_PKTINFO control message with its group. */
    public static void setPktInfo(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_PKTINFO, on);
    }

    public static boolean getPktInfo(Socket s) throws IOException {
        return getFlag(s, NETLINK_PKTINFO);
    }

    /** NETLINK_BROADCAST_ERROR: a sender's multicast fails when it could not be delivered to every member. */
    public static void setBroadcastError(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_BROADCAST_ERROR, on);
    }

    public static boolean getBroadcastError(Socket s) throws IOException {
        return getFlag(s, NETLINK_BROADCAST_ERROR);
    }

    /** NETLINK_LISTEN_ALL_NSID: receive multicasts from every network namespace that has an id here. */
    public static void setListenAllNsid(Socket s, boolean on) throws IOException {
        setFlag(s, NETLINK_LISTEN_ALL_NSID, on);
    }

    public static boolean getListenAllNsid(Socket s) throws IOException {
        return getFlag(s, NETLINK_LISTEN_ALL_NSID);
    }

    /** A flag option: an int the kernel reads as on when it is not 0. */
    private static void setFlag(Socket s, int option, boolean on) throws IOException {
        setInt(s, option, on ? 1 : 0);
    }

    private static boolean getFlag(Socket s, int option) throws IOException {
        return getInt(s, option) != 0;
    }

    private static void setInt(Socket s, int option, int value) throws IOException {
        checkFamily(s);
        checkKnown(option);
        s.setSockOpt(SOL_NETLINK, option, value);
    }

    private static int getInt(Socket s, int option) throws IOException {
        checkFamily(s);
        checkKnown(option);
        return s.getSockOpt(SOL_NETLINK, option);
    }

    private static void checkKnown(int option) {
        if (option < 0) throw new UnsupportedOperationException("this system's headers lack the netlink option");
    }

    private static void checkFamily(Socket s) {
        if (s.family() != Family.NETLINK) {
            throw new IllegalArgumentException("netlink options need an AF_NETLINK socket, not " + s.family());
        }
    }

    private static void checkGroup(int group) {
        if (group <= 0) throw new IllegalArgumentException("netlink groups are numbered from 1, not " + group);
    }
}
