/**
 * jtrader's desktop trader window (vn.py's Vn Trader window) in JavaFX: monitors, a manual trading panel, connect
 * dialogs, the RPC service window and the start dialog.
 *
 * <h2>Layout</h2>
 * {@code app} starts JavaFX and the engines, {@code viewmodel} holds the state the screens show (no
 * {@code javafx.scene} imports; it takes an {@link java.util.concurrent.Executor} for the FX thread so it is tested
 * with {@code Runnable::run}), {@code view} builds the scene graph and binds it to the view models, {@code widget}
 * holds reusable controls.
 *
 * <h2>Threading</h2>
 * Event handlers of the view models run on {@code event-engine}: they only record the latest state and, at the end
 * of a batch, schedule one apply on the FX thread (at most one apply is queued at a time, so a flood of events costs
 * one apply per pulse). Everything observable ({@code ObservableList}s and properties) is touched on the FX thread
 * only. Commands that may block (connect, start/stop of the RPC service, closing the engines) run on the
 * {@code ui-command} thread, never on the FX thread.
 */
package io.jtrader.ui;
