/**
 * JavaFX views bound to the view models in {@link io.jtrader.ui.viewmodel}.
 *
 * <h2>Threading</h2>
 * Every class here is created and used on the JavaFX application thread only.
 */
package io.jtrader.ui.view;
