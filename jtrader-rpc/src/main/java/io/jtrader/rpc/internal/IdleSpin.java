package io.jtrader.rpc.internal;

/**
 * The first step of a back-off idle strategy: after work dries up, a loop keeps checking for up to
 * {@code spinNs} (with {@link Thread#onSpinWait()}) before it blocks in poll. Waking a thread blocked in
 * epoll costs tens of microseconds on small machines; a short spin catches the reply of a call in flight
 * without it. {@code spinNs == 0} blocks at once. One instance per owning thread; not thread-safe.
 */
public final class IdleSpin {
    private final long spinNs;
    private long idleSinceNs = -1;

    public IdleSpin(long spinNs) {
        this.spinNs = spinNs;
    }

    /** The loop did work: the next idle period starts afresh. */
    public void reset() {
        idleSinceNs = -1;
    }

    /** True while the loop should check again instead of blocking (it has spun once more). */
    public boolean keepSpinning(long nowNs) {
        if (spinNs == 0) {
            return false;
        }
        if (idleSinceNs < 0) {
            idleSinceNs = nowNs;
        }
        if (nowNs - idleSinceNs < spinNs) {
            Thread.onSpinWait();
            return true;
        }
        return false;
    }
}
