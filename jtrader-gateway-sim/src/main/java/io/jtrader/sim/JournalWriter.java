package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.LogData;
import io.jtrader.sim.exchange.Journal;
import io.jtrader.sim.exchange.JournalCodec;
import io.jtrader.sim.exchange.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sim-<name>-journal} thread: group commit. It takes the exchange thread's output batches, appends
 * all journal records of every batch waiting, syncs the file once ({@code fdatasync}), and only then hands that
 * output's reports to the listener. So a report a client has seen is on disk: a crash (even {@code kill -9} or
 * power loss) loses at most work no client was told about.
 *
 * <p>If a write or sync fails, the failure is reported as a CRITICAL log, the journal is marked failed (the
 * gateway then rejects new orders) and the reports are still delivered, since the exchange already acted.
 */
final class JournalWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final int MAX_BATCHES_PER_COMMIT = 256;

    private final String gatewayName;
    private final Journal journal;
    private final GatewayListener listener;
    private final BlockingQueue<List<Object>> batches = new ArrayBlockingQueue<>(1024);
    private final JournalCodec codec = new JournalCodec();
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private volatile boolean running = true;
    private volatile String failure;
    private long commits;
    private long records;

    JournalWriter(String gatewayName, Journal journal, GatewayListener listener) {
        this.gatewayName = gatewayName;
        this.journal = journal;
        this.listener = listener;
    }

    /** Queues one batch (exchange thread); blocks while the writer is 1024 batches behind (back-pressure). */
    void submit(List<Object> batch) throws InterruptedException {
        batches.put(batch);
    }

    /** Why journaling stopped, or null while it works. */
    String failure() {
        return failure;
    }

    long commits() {
        return commits;
    }

    long records() {
        return records;
    }

    /** Asks the thread to finish: it commits and delivers everything queued, then returns. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<List<Object>> pending = new ArrayList<>();
        try {
            while (running || !batches.isEmpty()) {
                List<Object> first = batches.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                pending.add(first);
                batches.drainTo(pending, MAX_BATCHES_PER_COMMIT - 1);
                commit(pending);
                pending.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.writeLog(gatewayName, LogData.ERROR, "SIM journal writer interrupted; "
                    + batches.size() + " batches not written");
        }
    }

    private void commit(List<List<Object>> pending) {
        if (failure == null) {
            try {
                buffer.clear();
                int count = 0;
                for (List<Object> batch : pending) {
                    for (int i = 0, n = batch.size(); i < n; i++) {
                        if (batch.get(i) instanceof JournalRecord r) {
                            buffer = codec.encode(r, buffer);
                            count++;
                        }
                    }
                }
                if (count > 0) {
                    buffer.flip();
                    journal.append(buffer);
                    journal.force();
                    commits++;
                    records += count;
                }
            } catch (IOException | RuntimeException e) {
                failure = "writing " + journal.file() + " failed: " + e;
                LOG.error("SIM journal {} failed", journal.file(), e);
                listener.writeLog(gatewayName, LogData.CRITICAL, "SIM journal " + failure
                        + "; exchange state is no longer durable and new orders are rejected");
            }
        }
        for (List<Object> batch : pending) {
            Reports.deliver(listener, batch);
        }
    }
}
