package io.jsock;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;

/**
 * The main fields of {@code struct tcp_info}, the value of {@link SockOpt#TCP_INFO}, under the
 * kernel's names without the {@code tcpi_} prefix. The first six are the kernel's 8-bit fields; the
 * others are its unsigned 32-bit fields, held in a long so that none reads as negative. Times are
 * in the kernel's units: {@code rto}, {@code ato}, {@code rtt}, {@code rttvar} and
 * {@code rcvRtt} in microseconds, the {@code last*} fields in milliseconds.
 *
 * @param state the TCP state, one of the kernel's TCP_ESTABLISHED, TCP_LISTEN, ... values
 * @param caState the congestion-avoidance state (TCP_CA_Open, ...)
 * @param options the TCPI_OPT_ bits of the options in use (timestamps, SACK, window scaling, ...)
 */
public record TcpInfo(int state, int caState, int retransmits, int probes, int backoff, int options,
        long rto, long ato, long sndMss, long rcvMss,
        long unacked, long sacked, long lost, long retrans, long fackets,
        long lastDataSent, long lastDataRecv, long lastAckRecv,
        long pmtu, long rcvSsthresh, long rtt, long rttvar, long sndSsthresh, long sndCwnd, long advmss,
        long reordering, long rcvRtt, long rcvSpace, long totalRetrans) {

    /** sizeof(struct tcp_info) in the headers libjsock was built with; a kernel may fill less or more. */
    static final int SIZE = Consts.sizeOf("tcp_info");

    static TcpInfo decode(ByteBuffer in) {
        return new TcpInfo(u8(in, "state"), u8(in, "ca_state"), u8(in, "retransmits"), u8(in, "probes"),
                u8(in, "backoff"), u8(in, "options"),
                u32(in, "rto"), u32(in, "ato"), u32(in, "snd_mss"), u32(in, "rcv_mss"),
                u32(in, "unacked"), u32(in, "sacked"), u32(in, "lost"), u32(in, "retrans"), u32(in, "fackets"),
                u32(in, "last_data_sent"), u32(in, "last_data_recv"), u32(in, "last_ack_recv"),
                u32(in, "pmtu"), u32(in, "rcv_ssthresh"), u32(in, "rtt"), u32(in, "rttvar"),
                u32(in, "snd_ssthresh"), u32(in, "snd_cwnd"), u32(in, "advmss"),
                u32(in, "reordering"), u32(in, "rcv_rtt"), u32(in, "rcv_space"), u32(in, "total_retrans"));
    }

    /** A __u8 field; zero where an older kernel's shorter struct ends before it. */
    private static int u8(ByteBuffer in, String field) {
        int at = Consts.offsetOf("tcp_info", "tcpi_" + field);
        return at + 1 <= in.limit() ? Byte.toUnsignedInt(in.get(at)) : 0;
    }

    /** A __u32 field; zero where an older kernel's shorter struct ends before it. */
    private static long u32(ByteBuffer in, String field) {
        int at = Consts.offsetOf("tcp_info", "tcpi_" + field);
        return at + 4 <= in.limit() ? Integer.toUnsignedLong(in.getInt(at)) : 0;
    }
}
