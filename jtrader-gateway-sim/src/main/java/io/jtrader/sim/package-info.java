/**
 * The simulated exchange gateway {@code SIM}: {@link io.jtrader.sim.SimGateway}, made by
 * {@link io.jtrader.sim.SimGatewayFactory} (found with {@link java.util.ServiceLoader}), configured by
 * {@link io.jtrader.sim.SimSettings}.
 *
 * <h2>Threading</h2>
 * Each connected gateway owns two daemon threads, started by {@code connect} and stopped (joined) by
 * {@code close}:
 * <ul>
 *   <li>{@code sim-<name>-exchange} alone touches the {@link io.jtrader.sim.exchange.SimExchange}: it takes
 *       commands from a lock-free queue, holds them for the acknowledgement latency, steps the markets, and
 *       collects each pass's output (journal records and reports, in order) into one batch;</li>
 *   <li>{@code sim-<name>-journal} (journal on) appends a group of batches, syncs the file once, then calls the
 *       {@link io.jtrader.core.gateway.GatewayListener}; with the journal off the exchange thread calls it.</li>
 * </ul>
 * So every listener callback comes from one thread, in the exchange's order. Per order: SUBMITTING, then
 * NOTTRADED or REJECTED, then per fill the order (PARTTRADED/ALLTRADED) before its trade, as CTP reports
 * OnRtnOrder before OnRtnTrade, and CANCELLED last when the rest is cancelled. Positions and the account follow
 * the pass that changed them, and all of them come every 2 s. {@code sendOrder}, {@code cancelOrder},
 * {@code subscribe}, {@code query*} are safe from any thread and never block; {@code queryHistory} computes on the
 * caller's thread from immutable inputs. {@code connect} and {@code close} are synchronized.
 */
package io.jtrader.sim;
