/**
 * TIPC beyond addresses and options: the topology service ({@link io.jsock.tipc.TopologyClient},
 * which subscribes to a service range and delivers {@link io.jsock.tipc.TopologyEvent}s) and the
 * messages of a communication group with their member events ({@link io.jsock.tipc.GroupMessage}).
 * The addresses are {@link io.jsock.SockAddr.Tipc}'s, the options {@link io.jsock.SockOpt}'s
 * TIPC_ ones, and the items of returned messages {@link io.jsock.Ancillary}'s.
 */
package io.jsock.tipc;
