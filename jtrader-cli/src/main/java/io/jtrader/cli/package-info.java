/**
 * The {@code jtrader} command line (picocli).
 *
 * <h2>Threading</h2>
 * Commands run on the main thread; long-running commands block it until SIGINT/SIGTERM, whose shutdown hook
 * stops the engines and lets {@code main} return the exit status.
 */
package io.jtrader.cli;
