/**
 * End-to-end benchmark programs of the RPC transport over real sockets between separate JVMs:
 * {@link io.jtrader.bench.rpc.RoundTripBenchmark} (ours vs raw JeroMQ REQ/REP, interleaved),
 * {@link io.jtrader.bench.rpc.PipelineBenchmark} (1 connection; 16 connections from 4 processes) and
 * {@link io.jtrader.bench.rpc.PublishBenchmark} (burst to one subscriber). Each driver starts its child
 * programs ({@code *Server}, {@code *Client}, {@code *Subscriber}) with the same JDK and class path and talks to
 * them over stdin/stdout lines; latencies go to HdrHistogram.
 *
 * <h2>Threading</h2>
 * Drivers run on {@code main} plus one {@code bench-child-reader-*} thread per child that queues its stdout
 * lines. In children, {@code main} reads control lines; {@code bench-connection-N} threads issue pipelined calls;
 * futures and subscriber callbacks run on the client's {@code rpc-client} thread.
 */
package io.jtrader.bench.rpc;
