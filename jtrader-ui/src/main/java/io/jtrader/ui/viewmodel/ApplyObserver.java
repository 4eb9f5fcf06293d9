package io.jtrader.ui.viewmodel;

/**
 * Told each time a view model has applied a coalesced batch of updates on the UI thread; used by the UI
 * benchmark and by diagnostics.
 */
@FunctionalInterface
public interface ApplyObserver {
    ApplyObserver NONE = (updates, oldestWaitNanos, applyNanos) -> { };

    /**
     * @param updates         how many event updates the batch held (before coalescing)
     * @param oldestWaitNanos how long the oldest of them waited between its event and this apply
     * @param applyNanos      how long the apply itself took on the UI thread
     */
    void onApplied(int updates, long oldestWaitNanos, long applyNanos);
}
