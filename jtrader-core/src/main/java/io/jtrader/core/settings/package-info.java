/**
 * Settings: where the {@code .jtrader/} folder is ({@link io.jtrader.core.settings.JtraderHome}), vn.py's file
 * names ({@link io.jtrader.core.settings.SettingsFiles}) and reading/atomically writing its JSON files
 * ({@link io.jtrader.core.settings.SettingsStore}). The only I/O of jtrader-core.
 *
 * <h2>Threading</h2>
 * Everything here is stateless or immutable and safe from any thread. File operations block the calling thread
 * briefly (small files); do not call them from the {@code event-engine} thread in a hot path.
 */
package io.jtrader.core.settings;
