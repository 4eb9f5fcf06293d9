/**
 * The order management system: {@link io.jtrader.core.oms.OmsEngine} keeps the latest tick, order, trade,
 * position, account, contract and quote, and the active orders and quotes, from the event stream.
 *
 * <h2>Threading</h2>
 * The OMS state changes only on the {@code event-engine} thread (its handlers). Every {@code get*} method is
 * safe from any thread at any time; {@code getAll*} return immutable snapshots.
 */
package io.jtrader.core.oms;
