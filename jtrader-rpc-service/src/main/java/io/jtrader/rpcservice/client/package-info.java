/**
 * The client side of the RPC service (vn.py {@code RpcGateway}): a gateway that relays an RPC server's gateways.
 *
 * <h2>Threading</h2>
 * {@code RpcGateway}'s methods are safe from any thread. Its {@code rpc-client} thread (owned by its
 * {@code RpcClient}) receives pushes and relays them; its {@code rpc-gateway-NAME} thread takes snapshots on
 * connect and after the server was lost and heard again. Both hand reports to the gateway listener under one lock,
 * so the listener sees them one at a time, snapshot before the pushes buffered during it.
 */
package io.jtrader.rpcservice.client;
