package io.jsock;

import io.jsock.internal.Consts;

/** struct sockaddr_tipc as the headers lay it out, for the TIPC records of {@link SockAddr}. */
final class TipcLayout {
    /** The largest unsigned 32-bit value: TIPC's types, instances, references and nodes are 0 to this. */
    static final long U32 = 0xFFFF_FFFFL;
    static final int ADDR_NAMESEQ = Consts.get("TIPC_ADDR_NAMESEQ");
    static final int ADDR_NAME = Consts.get("TIPC_ADDR_NAME");
    static final int ADDR_ID = Consts.get("TIPC_ADDR_ID");
    static final int ADDRTYPE = Consts.offsetOf("sockaddr_tipc", "addrtype");
    static final int SCOPE = Consts.offsetOf("sockaddr_tipc", "scope");
    static final int NAMESEQ_TYPE = Consts.offsetOf("sockaddr_tipc", "addr.nameseq.type");
    static final int NAMESEQ_LOWER = Consts.offsetOf("sockaddr_tipc", "addr.nameseq.lower");
    static final int NAMESEQ_UPPER = Consts.offsetOf("sockaddr_tipc", "addr.nameseq.upper");
    static final int NAME_TYPE = Consts.offsetOf("sockaddr_tipc", "addr.name.name.type");
    static final int NAME_INSTANCE = Consts.offsetOf("sockaddr_tipc", "addr.name.name.instance");
    static final int NAME_DOMAIN = Consts.offsetOf("sockaddr_tipc", "addr.name.domain");
    static final int ID_REF = Consts.offsetOf("sockaddr_tipc", "addr.id.ref");
    static final int ID_NODE = Consts.offsetOf("sockaddr_tipc", "addr.id.node");

    private TipcLayout() {}
}
