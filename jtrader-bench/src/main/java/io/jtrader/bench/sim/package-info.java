/**
 * Throughput of the simulated exchange: {@code SimGatewayThroughputBenchmark} (orders straight into the gateway)
 * and {@code SimThroughputBenchmark} (through MainEngine and the event engine, as the RPC service drives it).
 *
 * <h2>Threading</h2>
 * The JMH thread sends each batch and parks until the batch is done. The gateway's {@code sim-SIM-exchange}
 * and {@code sim-SIM-journal} threads (and, via MainEngine, {@code event-engine}) count final order states in
 * {@code SimBench.Counter}, an atomic counter the JMH thread polls.
 */
package io.jtrader.bench.sim;
