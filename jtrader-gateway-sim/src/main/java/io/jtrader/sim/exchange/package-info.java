/**
 * The simulated exchange: {@link io.jtrader.sim.exchange.SimExchange} (matching with CTP semantics, positions,
 * account), a price-time {@code OrderBook} of resting orders per contract, {@link io.jtrader.sim.exchange.MarketSimulator}
 * (seeded random-walk market data), {@link io.jtrader.sim.exchange.InstrumentCatalog} (contracts),
 * {@link io.jtrader.sim.exchange.HistoryGenerator} (bars) and the {@link io.jtrader.sim.exchange.Journal}.
 *
 * <h2>Threading</h2>
 * {@code SimExchange}, {@code MarketSimulator}, {@code OrderBook} and {@code JournalCodec} are single-threaded:
 * their owner (the gateway's {@code sim-<name>-exchange} thread, or a test) calls them. A {@code Journal} is
 * owned by the journal writer thread once opened. {@code Instrument}, {@code InstrumentCatalog},
 * {@code JournalRecord} and {@code HistoryGenerator} are immutable and safe from any thread.
 */
package io.jtrader.sim.exchange;
