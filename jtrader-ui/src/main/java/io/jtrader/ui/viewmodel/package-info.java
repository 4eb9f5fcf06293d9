/**
 * View models: the state and commands behind each screen, free of {@code javafx.scene}.
 *
 * <h2>Threading</h2>
 * {@code on*} event methods are called on {@code event-engine} and never touch observable state; they record
 * pending changes under a lock and, at the end of a batch, hand one apply to the UI executor (the FX thread in the
 * application, {@code Runnable::run} in tests) unless one is already queued. Observable lists and properties are
 * read and written on the UI executor's thread only. Commands that may block run on the command executor.
 */
package io.jtrader.ui.viewmodel;
