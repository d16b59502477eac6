/* The constant and layout tables: every number the Java side uses, read from the headers. */
#define _GNU_SOURCE
#include "jsock.h"
#include "text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <net/if.h>
#include <net/ethernet.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <linux/can.h>
#include <linux/can/bcm.h>
#include <linux/can/raw.h>
#include <linux/can/j1939.h>
#include <linux/if_alg.h>
#include <linux/if_arp.h> /* the kernel's list of ARPHRD_ types (glibc's lacks several) */
#include <linux/if_packet.h>
#include <linux/in6.h> /* the flow label options, which glibc does not define */
#include <linux/netlink.h>
/* netlink: rtnetlink, generic netlink and sock_diag messages (io.jsock.netlink) */
#include <linux/genetlink.h>
/* linux/icmpv6.h (for the route preferences of RTA_PREF) defines glibc's struct icmp6_filter again. */
#define icmp6_filter linux_icmp6_filter
#include <linux/icmpv6.h>
#undef icmp6_filter
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <linux/veth.h>
#include <linux/sockios.h>
#include <linux/tipc.h>
#include <linux/tipc_netlink.h>
#include <linux/vm_sockets.h>

#ifndef UNIX_PATH_MAX
#define UNIX_PATH_MAX ((int) sizeof(((struct sockaddr_un *) 0)->sun_path))
#endif
/* CPython's names that are spelled differently in the headers. */
#ifndef SOL_CAN_RAW
#define SOL_CAN_RAW (SOL_CAN_BASE + CAN_RAW)
#endif
#ifndef SOL_RDS
#define SOL_RDS 276
#endif
#ifndef PF_RDS
#define PF_RDS AF_RDS
#endif

/* CPython's names for the BCM opcodes and flags, which the header spells without a prefix. */
#define CAN_BCM_TX_SETUP TX_SETUP
#define CAN_BCM_TX_DELETE TX_DELETE
#define CAN_BCM_TX_READ TX_READ
#define CAN_BCM_TX_SEND TX_SEND
#define CAN_BCM_RX_SETUP RX_SETUP
#define CAN_BCM_RX_DELETE RX_DELETE
#define CAN_BCM_RX_READ RX_READ
#define CAN_BCM_TX_STATUS TX_STATUS
#define CAN_BCM_TX_EXPIRED TX_EXPIRED
#define CAN_BCM_RX_STATUS RX_STATUS
#define CAN_BCM_RX_TIMEOUT RX_TIMEOUT
#define CAN_BCM_RX_CHANGED RX_CHANGED
#define CAN_BCM_SETTIMER SETTIMER
#define CAN_BCM_STARTTIMER STARTTIMER
#define CAN_BCM_TX_COUNTEVT TX_COUNTEVT
#define CAN_BCM_TX_ANNOUNCE TX_ANNOUNCE
#define CAN_BCM_TX_CP_CAN_ID TX_CP_CAN_ID
#define CAN_BCM_RX_FILTER_ID RX_FILTER_ID
#define CAN_BCM_RX_CHECK_DLC RX_CHECK_DLC
#define CAN_BCM_RX_NO_AUTOTIMER RX_NO_AUTOTIMER
#define CAN_BCM_RX_ANNOUNCE_RESUME RX_ANNOUNCE_RESUME
#define CAN_BCM_TX_RESET_MULTI_IDX TX_RESET_MULTI_IDX
#define CAN_BCM_RX_RTR_FRAME RX_RTR_FRAME
#define CAN_BCM_CAN_FD_FRAME CAN_FD_FRAME

struct entry {
    const char *name;
    int64_t value;
};

#define C(name) {#name, (int64_t) (name)},
static const struct entry constants[] = {
#include "constants_table.h"
};
#undef C

#define OFF(type, field) {#type "." #field, (int64_t) offsetof(struct type, field)},
#define SIZE(type) {"sizeof(" #type ")", (int64_t) sizeof(struct type)},
#define SIZE_T(type) {"sizeof(" #type ")", (int64_t) sizeof(type)},
static const struct entry layouts[] = {
    SIZE(sockaddr_storage)
    OFF(sockaddr, sa_family)
    SIZE_T(sa_family_t)
    SIZE_T(socklen_t)
    SIZE(sockaddr_un)
    OFF(sockaddr_un, sun_path)
    SIZE(sockaddr_in)
    OFF(sockaddr_in, sin_port)
    OFF(sockaddr_in, sin_addr)
    SIZE(sockaddr_in6)
    OFF(sockaddr_in6, sin6_port)
    OFF(sockaddr_in6, sin6_flowinfo)
    OFF(sockaddr_in6, sin6_addr)
    OFF(sockaddr_in6, sin6_scope_id)
    SIZE(sockaddr_nl)
    OFF(sockaddr_nl, nl_pid)
    OFF(sockaddr_nl, nl_groups)
    SIZE(sockaddr_tipc)
    OFF(sockaddr_tipc, addrtype)
    OFF(sockaddr_tipc, scope)
    OFF(sockaddr_tipc, addr)
    OFF(sockaddr_tipc, addr.id.ref)
    OFF(sockaddr_tipc, addr.id.node)
    OFF(sockaddr_tipc, addr.nameseq.type)
    OFF(sockaddr_tipc, addr.nameseq.lower)
    OFF(sockaddr_tipc, addr.nameseq.upper)
    OFF(sockaddr_tipc, addr.name.name.type)
    OFF(sockaddr_tipc, addr.name.name.instance)
    OFF(sockaddr_tipc, addr.name.domain)
    /* TIPC's topology service, groups and the items of returned messages (io.jsock.tipc) */
    SIZE(tipc_socket_addr)
    OFF(tipc_socket_addr, ref)
    OFF(tipc_socket_addr, node)
    SIZE(tipc_service_range)
    OFF(tipc_service_range, type)
    OFF(tipc_service_range, lower)
    OFF(tipc_service_range, upper)
    SIZE(tipc_subscr)
    OFF(tipc_subscr, seq)
    OFF(tipc_subscr, timeout)
    OFF(tipc_subscr, filter)
    OFF(tipc_subscr, usr_handle)
    SIZE(tipc_event)
    OFF(tipc_event, event)
    OFF(tipc_event, found_lower)
    OFF(tipc_event, found_upper)
    OFF(tipc_event, port)
    OFF(tipc_event, s)
    SIZE(tipc_group_req)
    OFF(tipc_group_req, type)
    OFF(tipc_group_req, instance)
    OFF(tipc_group_req, scope)
    OFF(tipc_group_req, flags)
    SIZE(linger)
    OFF(linger, l_onoff)
    OFF(linger, l_linger)
    SIZE(ucred)
    OFF(ucred, pid)
    OFF(ucred, uid)
    OFF(ucred, gid)
    SIZE(timeval)
    OFF(timeval, tv_sec)
    OFF(timeval, tv_usec)
    SIZE(ip_mreq)
    OFF(ip_mreq, imr_multiaddr)
    OFF(ip_mreq, imr_interface)
    SIZE(ip_mreqn)
    OFF(ip_mreqn, imr_multiaddr)
    OFF(ip_mreqn, imr_address)
    OFF(ip_mreqn, imr_ifindex)
    SIZE(ipv6_mreq)
    OFF(ipv6_mreq, ipv6mr_multiaddr)
    OFF(ipv6_mreq, ipv6mr_interface)
    SIZE(icmphdr)
    OFF(icmphdr, type)
    OFF(icmphdr, code)
    OFF(icmphdr, checksum)
    OFF(icmphdr, un.echo.id)
    OFF(icmphdr, un.echo.sequence)
    SIZE(icmp6_hdr)
    OFF(icmp6_hdr, icmp6_type)
    OFF(icmp6_hdr, icmp6_code)
    OFF(icmp6_hdr, icmp6_cksum)
    OFF(icmp6_hdr, icmp6_id)
    OFF(icmp6_hdr, icmp6_seq)
    SIZE(ifreq)
    OFF(ifreq, ifr_name)
    OFF(ifreq, ifr_ifindex)
    OFF(ifreq, ifr_flags)
    OFF(ifreq, ifr_mtu)
    OFF(ifreq, ifr_hwaddr)
    OFF(ifreq, ifr_addr)
    SIZE(tcp_info)
    OFF(tcp_info, tcpi_state)
    OFF(tcp_info, tcpi_ca_state)
    OFF(tcp_info, tcpi_retransmits)
    OFF(tcp_info, tcpi_probes)
    OFF(tcp_info, tcpi_backoff)
    OFF(tcp_info, tcpi_options)
    OFF(tcp_info, tcpi_rto)
    OFF(tcp_info, tcpi_ato)
    OFF(tcp_info, tcpi_snd_mss)
    OFF(tcp_info, tcpi_rcv_mss)
    OFF(tcp_info, tcpi_unacked)
    OFF(tcp_info, tcpi_sacked)
    OFF(tcp_info, tcpi_lost)
    OFF(tcp_info, tcpi_retrans)
    OFF(tcp_info, tcpi_fackets)
    OFF(tcp_info, tcpi_last_data_sent)
    OFF(tcp_info, tcpi_last_ack_sent)
    OFF(tcp_info, tcpi_last_data_recv)
    OFF(tcp_info, tcpi_last_ack_recv)
    OFF(tcp_info, tcpi_pmtu)
    OFF(tcp_info, tcpi_rcv_ssthresh)
    OFF(tcp_info, tcpi_rtt)
    OFF(tcp_info, tcpi_rttvar)
    OFF(tcp_info, tcpi_snd_ssthresh)
    OFF(tcp_info, tcpi_snd_cwnd)
    OFF(tcp_info, tcpi_advmss)
    OFF(tcp_info, tcpi_reordering)
    OFF(tcp_info, tcpi_rcv_rtt)
    OFF(tcp_info, tcpi_rcv_space)
    OFF(tcp_info, tcpi_total_retrans)
    /* sendmsg/recvmsg, batches and ancillary data */
    SIZE(msghdr)
    OFF(msghdr, msg_name)
    OFF(msghdr, msg_namelen)
    OFF(msghdr, msg_iov)
    OFF(msghdr, msg_iovlen)
    OFF(msghdr, msg_control)
    OFF(msghdr, msg_controllen)
    OFF(msghdr, msg_flags)
    SIZE(mmsghdr)
    OFF(mmsghdr, msg_hdr)
    OFF(mmsghdr, msg_len)
    SIZE(iovec)
    OFF(iovec, iov_base)
    OFF(iovec, iov_len)
    SIZE(cmsghdr)
    SIZE(in_pktinfo)
    OFF(in_pktinfo, ipi_ifindex)
    OFF(in_pktinfo, ipi_spec_dst)
    OFF(in_pktinfo, ipi_addr)
    SIZE(in6_pktinfo)
    OFF(in6_pktinfo, ipi6_addr)
    OFF(in6_pktinfo, ipi6_ifindex)
    SIZE(timespec)
    OFF(timespec, tv_sec)
    OFF(timespec, tv_nsec)
    SIZE(sockaddr)
    OFF(sockaddr, sa_data)
    SIZE(in_addr)
    /* ---- netlink (io.jsock.netlink): each field's offset and its width ---- */
#define FIELD(type, field) OFF(type, field) \
    {"sizeof(" #type "." #field ")", (int64_t) sizeof(((struct type *) 0)->field)},
    /* TIPC's SIOCGETNODEID request (io.jsock.netlink.TipcNetlink) */
    SIZE(tipc_sioc_nodeid_req)
    FIELD(tipc_sioc_nodeid_req, peer)
    OFF(tipc_sioc_nodeid_req, node_id)
    SIZE(nlmsghdr)
    FIELD(nlmsghdr, nlmsg_len)
    FIELD(nlmsghdr, nlmsg_type)
    FIELD(nlmsghdr, nlmsg_flags)
    FIELD(nlmsghdr, nlmsg_seq)
    FIELD(nlmsghdr, nlmsg_pid)
    SIZE(nlmsgerr)
    FIELD(nlmsgerr, error)
    FIELD(nlmsgerr, msg)
    SIZE(nlattr)
    FIELD(nlattr, nla_len)
    FIELD(nlattr, nla_type)
    SIZE(ifinfomsg)
    FIELD(ifinfomsg, ifi_family)
    FIELD(ifinfomsg, ifi_type)
    FIELD(ifinfomsg, ifi_index)
    FIELD(ifinfomsg, ifi_flags)
    FIELD(ifinfomsg, ifi_change)
    SIZE(ifaddrmsg)
    FIELD(ifaddrmsg, ifa_family)
    FIELD(ifaddrmsg, ifa_prefixlen)
    FIELD(ifaddrmsg, ifa_flags)
    FIELD(ifaddrmsg, ifa_scope)
    FIELD(ifaddrmsg, ifa_index)
    SIZE(ifa_cacheinfo)
    FIELD(ifa_cacheinfo, ifa_prefered)
    FIELD(ifa_cacheinfo, ifa_valid)
    FIELD(ifa_cacheinfo, cstamp)
    FIELD(ifa_cacheinfo, tstamp)
    SIZE(rtmsg)
    FIELD(rtmsg, rtm_family)
    FIELD(rtmsg, rtm_dst_len)
    FIELD(rtmsg, rtm_src_len)
    FIELD(rtmsg, rtm_tos)
    FIELD(rtmsg, rtm_table)
    FIELD(rtmsg, rtm_protocol)
    FIELD(rtmsg, rtm_scope)
    FIELD(rtmsg, rtm_type)
    FIELD(rtmsg, rtm_flags)
    SIZE(ndmsg)
    FIELD(ndmsg, ndm_family)
    FIELD(ndmsg, ndm_ifindex)
    FIELD(ndmsg, ndm_state)
    FIELD(ndmsg, ndm_flags)
    FIELD(ndmsg, ndm_type)
    SIZE(genlmsghdr)
    FIELD(genlmsghdr, cmd)
    FIELD(genlmsghdr, version)
    FIELD(genlmsghdr, reserved)
    SIZE(inet_diag_sockid)
    FIELD(inet_diag_sockid, idiag_sport)
    FIELD(inet_diag_sockid, idiag_dport)
    FIELD(inet_diag_sockid, idiag_src)
    FIELD(inet_diag_sockid, idiag_dst)
    FIELD(inet_diag_sockid, idiag_if)
    FIELD(inet_diag_sockid, idiag_cookie)
    SIZE(inet_diag_req_v2)
    FIELD(inet_diag_req_v2, sdiag_family)
    FIELD(inet_diag_req_v2, sdiag_protocol)
    FIELD(inet_diag_req_v2, idiag_ext)
    FIELD(inet_diag_req_v2, idiag_states)
    FIELD(inet_diag_req_v2, id)
    SIZE(inet_diag_msg)
    FIELD(inet_diag_msg, idiag_family)
    FIELD(inet_diag_msg, idiag_state)
    FIELD(inet_diag_msg, idiag_timer)
    FIELD(inet_diag_msg, idiag_retrans)
    FIELD(inet_diag_msg, id)
    FIELD(inet_diag_msg, idiag_expires)
    FIELD(inet_diag_msg, idiag_rqueue)
    FIELD(inet_diag_msg, idiag_wqueue)
    FIELD(inet_diag_msg, idiag_uid)
    FIELD(inet_diag_msg, idiag_inode)
    SIZE(unix_diag_req)
    FIELD(unix_diag_req, sdiag_family)
    FIELD(unix_diag_req, sdiag_protocol)
    FIELD(unix_diag_req, udiag_states)
    FIELD(unix_diag_req, udiag_ino)
    FIELD(unix_diag_req, udiag_show)
    FIELD(unix_diag_req, udiag_cookie)
    SIZE(unix_diag_msg)
    FIELD(unix_diag_msg, udiag_family)
    FIELD(unix_diag_msg, udiag_type)
    FIELD(unix_diag_msg, udiag_state)
    FIELD(unix_diag_msg, udiag_ino)
    FIELD(unix_diag_msg, udiag_cookie)
    SIZE(unix_diag_vfs)
    FIELD(unix_diag_vfs, udiag_vfs_ino)
    FIELD(unix_diag_vfs, udiag_vfs_dev)
    SIZE(unix_diag_rqlen)
    FIELD(unix_diag_rqlen, udiag_rqueue)
    FIELD(unix_diag_rqlen, udiag_wqueue)
#undef FIELD
    /* ---- end of netlink ---- */
};
#undef OFF
#undef SIZE
#undef SIZE_T

#define COUNT(table) ((int) (sizeof(table) / sizeof((table)[0])))

int jsock_const_count(void) { return COUNT(constants); }

const char *jsock_const_name(int i) {
    return i >= 0 && i < COUNT(constants) ? constants[i].name : NULL;
}

int64_t jsock_const_value(int i) {
    return i >= 0 && i < COUNT(constants) ? constants[i].value : 0;
}

int jsock_layout_count(void) { return COUNT(layouts); }

const char *jsock_layout_name(int i) {
    return i >= 0 && i < COUNT(layouts) ? layouts[i].name : NULL;
}

int64_t jsock_layout_value(int i) {
    return i >= 0 && i < COUNT(layouts) ? layouts[i].value : 0;
}

/* One table as text, "NAME VALUE\n" per entry, in its order. */
static char *table_text(int count, const char *(*name)(int), int64_t (*value)(int)) {
    size_t size = 1;
    for (int i = 0; i < count; i++) size += strlen(name(i)) + 23; /* ' ', an int64, '\n' */
    char *text = malloc(size), *at = text;
    if (text == NULL) return NULL;
    for (int i = 0; i < count; i++) {
        at += snprintf(at, size - (size_t) (at - text), "%s %lld\n", name(i), (long long) value(i));
    }
    return text;
}

const char *jsock_table_text(int table) {
    static char *texts[2];
    if (table != JSOCK_TABLE_CONSTANTS && table != JSOCK_TABLE_LAYOUTS) return NULL;
    char *text = __atomic_load_n(&texts[table], __ATOMIC_ACQUIRE);
    if (text != NULL) return text;
    text = table == JSOCK_TABLE_CONSTANTS ? table_text(jsock_const_count(), jsock_const_name, jsock_const_value)
                                          : table_text(jsock_layout_count(), jsock_layout_name, jsock_layout_value);
    if (text == NULL) return NULL;
    /* Two first callers may both build it: one text is kept for good, the other freed. */
    char *expected = NULL;
    if (!__atomic_compare_exchange_n(&texts[table], &expected, text, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        free(text);
        text = expected;
    }
    return text;
}

int jsock_copy_text(const char *text, jsock_addr_t buf, int buflen) {
    char *out = (char *) (intptr_t) buf;
    if (out == NULL || buflen <= 0) return -EINVAL;
    size_t n = strlen(text);
    if (n >= (size_t) buflen) n = (size_t) buflen - 1;
    memcpy(out, text, n);
    out[n] = '\0';
    return (int) n;
}

int jsock_strerror(int errnum, jsock_addr_t buf, int buflen) {
    char tmp[256];
    return jsock_copy_text(strerror_r(errnum, tmp, sizeof tmp), buf, buflen); /* GNU form: may return a static */
}
