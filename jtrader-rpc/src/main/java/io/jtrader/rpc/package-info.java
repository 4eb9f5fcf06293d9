/**
 * Generic RPC over JeroMQ in vn.py's wire format: one Python pickle per frame, requests
 * {@code [name, args, kwargs]}, replies {@code [ok, result]}, publishes {@code [topic, data]}.
 * Knows nothing about trading; other modules register {@link io.jtrader.rpc.RpcFunction}s and codec types.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>{@code rpc-server} (one per running {@link io.jtrader.rpc.RpcServer}) alone touches the ROUTER and
 *       PUB sockets: it reads requests, hands them to connection lanes, sends replies, encodes and sends
 *       publishes in queue order, and sends heartbeats.</li>
 *   <li>{@code rpc-worker-N} (the server's pool) decode requests, run functions and encode replies. A
 *       connection's calls run one at a time, in order; different connections run in parallel.</li>
 *   <li>{@code rpc-client} (one per {@link io.jtrader.rpc.RpcClient}) alone touches the DEALER and SUB
 *       sockets; it completes call futures and calls subscribers and liveness listeners, which must not block.</li>
 *   <li>Safe from any thread: {@code RpcServer.publish/register/start/stop/counters},
 *       {@code RpcClient.call/callAsync/subscribe/close/counters}. They queue work and wake the owning thread
 *       through a pipe registered in its poller; {@code publish} never blocks.</li>
 * </ul>
 */
package io.jtrader.rpc;
