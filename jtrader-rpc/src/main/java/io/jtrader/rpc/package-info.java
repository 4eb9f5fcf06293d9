/**
 * Generic RPC over JeroMQ in vn.py's wire format: one Python pickle per frame, requests
 * {@code [name, args, kwargs]}, replies {@code [ok, result]}, publishes {@code [topic, data]}.
 * Knows nothing about trading; other modules register {@link io.jtrader.rpc.RpcFunction}s and codec types.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>{@code rpc-server} (one per running {@link io.jtrader.rpc.RpcServer}) alone touches the ROUTER socket
 *       and, with publishing threads under a lock, the PUB socket: it reads requests, hands them to connection
 *       lanes, sends replies, encodes and sends queued publishes in order, and sends heartbeats.</li>
 *   <li>{@code rpc-worker-N} (the server's pool) decode requests, run functions and encode replies. A
 *       connection's calls run one at a time, in order; different connections run in parallel.</li>
 *   <li>{@code rpc-client} (one per {@link io.jtrader.rpc.RpcClient}) alone touches the SUB socket and, with
 *       direct callers under a lock, the DEALER; it completes call futures and calls subscribers and liveness
 *       listeners, which must not block.</li>
 *   <li>Safe from any thread: {@code RpcServer.publish/register/start/stop/counters},
 *       {@code RpcClient.call/callAsync/subscribe/close/counters}. They queue work and wake the owning thread
 *       ({@link io.jtrader.rpc.internal.Wakeup}): an idle owner sleeps blocked in a receive on its ROUTER or SUB
 *       socket and is woken by a message from an inproc socket of its own; {@code publish} never blocks.</li>
 * </ul>
 */
package io.jtrader.rpc;
