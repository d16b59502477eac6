package io.jsock;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;

/**
 * A TIPC communication group to join, {@code struct tipc_group_req}: the value of
 * {@link SockOpt#TIPC_GROUP_JOIN}. The socket joins group {@code type} as member
 * {@code instance}, visible in {@code scope}; {@code flags} are {@link #LOOPBACK} (the socket
 * receives its own multicasts when they match) and {@link #MEMBER_EVENTS} (it receives an event
 * each time a member joins or leaves: see {@code io.jsock.tipc.GroupMessage}).
 *
 * @param type the group's service type, unsigned 32-bit (the kernel refuses those below
 *     TIPC_RESERVED_TYPES, 64)
 * @param instance this member's instance, unsigned 32-bit
 * @param scope TIPC_CLUSTER_SCOPE or TIPC_NODE_SCOPE (0 and TIPC_ZONE_SCOPE are taken as cluster)
 * @param flags TIPC_GROUP_LOOPBACK and TIPC_GROUP_MEMBER_EVTS, or 0
 */
public record TipcGroupReq(long type, long instance, int scope, int flags) {
    /** TIPC_GROUP_LOOPBACK: receive a copy of what this socket sends to the group when it matches. */
    public static final int LOOPBACK = Consts.get("TIPC_GROUP_LOOPBACK");
    /** TIPC_GROUP_MEMBER_EVTS: receive member-up and member-down events. */
    public static final int MEMBER_EVENTS = Consts.get("TIPC_GROUP_MEMBER_EVTS");
    static final int SIZE = Consts.sizeOf("tipc_group_req");
    private static final int TYPE = Consts.offsetOf("tipc_group_req", "type");
    private static final int INSTANCE = Consts.offsetOf("tipc_group_req", "instance");
    private static final int SCOPE = Consts.offsetOf("tipc_group_req", "scope");
    private static final int FLAGS = Consts.offsetOf("tipc_group_req", "flags");
    private static final long U32 = 0xFFFF_FFFFL;

    /** type and instance unsigned 32-bit, scope 0 to TIPC_NODE_SCOPE, flags of {@link #LOOPBACK} and {@link #MEMBER_EVENTS} only. */
    public TipcGroupReq {
        if (type < 0 || type > U32) throw new IllegalArgumentException("TIPC group type must be 0-" + U32 + ", not " + type);
        if (instance < 0 || instance > U32) {
            throw new IllegalArgumentException("TIPC group member instance must be 0-" + U32 + ", not " + instance);
        }
        int node = Consts.get("TIPC_NODE_SCOPE");
        if (scope < 0 || scope > node) {
            throw new IllegalArgumentException("TIPC group scope must be 0-" + node + " (TIPC_CLUSTER_SCOPE or TIPC_NODE_SCOPE), not " + scope);
        }
        if ((flags & ~(LOOPBACK | MEMBER_EVENTS)) != 0) {
            throw new IllegalArgumentException("TIPC group flags 0x" + Integer.toHexString(flags)
                    + ": only TIPC_GROUP_LOOPBACK and TIPC_GROUP_MEMBER_EVTS are defined");
        }
    }

    /** Member {@code instance} of group {@code type}, cluster scope, no flags. */
    public static TipcGroupReq of(long type, long instance) {
        return new TipcGroupReq(type, instance, Consts.get("TIPC_CLUSTER_SCOPE"), 0);
    }

    /** This request with other flags. */
    public TipcGroupReq withFlags(int flags) {
        return new TipcGroupReq(type, instance, scope, flags);
    }

    /** This request with another scope. */
    public TipcGroupReq withScope(int scope) {
        return new TipcGroupReq(type, instance, scope, flags);
    }

    void encode(ByteBuffer out, int offset) {
        out.putInt(offset + TYPE, (int) type).putInt(offset + INSTANCE, (int) instance)
                .putInt(offset + SCOPE, scope).putInt(offset + FLAGS, flags);
    }
}
