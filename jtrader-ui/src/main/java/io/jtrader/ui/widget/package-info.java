/**
 * Reusable JavaFX controls (numeric cells, coloured cells, validated fields).
 *
 * <h2>Threading</h2>
 * FX application thread only.
 */
package io.jtrader.ui.widget;
