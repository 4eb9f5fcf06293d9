/**
 * The server side of the RPC service (vn.py {@code RpcServiceApp}/{@code RpcEngine}): serves a main engine's
 * gateways and OMS to RPC clients and publishes its events.
 *
 * <h2>Threading</h2>
 * {@code RpcEngine.start/stop/restart} are safe from any thread and serialised. The functions run on the RPC
 * server's {@code rpc-worker-N} threads (calls of one client in order, different clients in parallel) and call
 * {@code MainEngine}/{@code OmsEngine}, which are safe from any thread. The publishing handler runs on
 * {@code event-engine} and only queues; {@code rpc-server} pickles and sends publishes and heartbeats.
 */
package io.jtrader.rpcservice.server;
