/**
 * Runnable examples quoted by the README: {@link io.jtrader.examples.RunServer} (terminal mode of vn.py's
 * run_server.py) and {@link io.jtrader.examples.RunClient}.
 *
 * <h2>Threading</h2>
 * Each {@code main} runs on the main thread; event handlers run on the client's {@code event-engine} thread, the
 * shutdown hook on {@code run-server-shutdown}.
 */
package io.jtrader.examples;
