package io.jtrader.rpcservice.server;

import io.jtrader.rpc.RpcCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Exactly-once order placement for requests that carry an idempotency key: the first request with a key places
 * the order; every later one (a retry after a lost reply, a reconnect, or a server restart) gets the original
 * vt_orderid back and places nothing.
 *
 * <p>The map is journaled in {@value #FILE_NAME} under the server's {@code .jtrader/} folder, one line per step:
 * {@code P key} (placing; forced to disk before the order goes to the gateway), {@code D key vt_orderid} (placed),
 * {@code X key} (the gateway threw: nothing placed, the key may be used again). A key whose {@code P} has no
 * {@code D} or {@code X} after a restart was being placed when the server died: its outcome is unknown, so a
 * retry is refused with a clear error instead of risking a second order (check the orders, then send with a new
 * key). The file is locked while open: one server per home folder.
 *
 * <p>Threading: any thread (RPC workers). Concurrent requests with one key: the first places, the others wait for
 * its answer.
 */
final class OrderKeyJournal implements AutoCloseable {
    static final String FILE_NAME = "rpc_order_keys.journal";
    private static final Logger LOG = LoggerFactory.getLogger(OrderKeyJournal.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> placed = new HashMap<>();
    private final Set<String> unknownOutcome = new HashSet<>();
    private final Map<String, CompletableFuture<String>> inFlight = new HashMap<>();
    private final long waitForInFlightMs;
    private boolean closed;

    /**
     * Opens (creating) the journal in {@code homeDir} and loads it.
     *
     * @throws RpcServiceException naming the file when it cannot be opened, locked or read
     */
    OrderKeyJournal(Path homeDir, long waitForInFlightMs) {
        this.file = homeDir.resolve(FILE_NAME);
        this.waitForInFlightMs = waitForInFlightMs;
        try {
            Files.createDirectories(homeDir);
            load();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new RpcServiceException("cannot open the order key journal " + file + ": " + e, e);
        }
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            closeQuietly();
            throw new RpcServiceException("the order key journal " + file + " is in use by another server;"
                    + " each server needs its own home folder (--home)");
        }
        lock = acquired;
        try {
            if (channel.size() > 0 && !endsWithNewline()) {
                write("\n", true);   // a line torn by a crash stays alone on its line
            }
        } catch (IOException e) {
            closeQuietly();
            throw new RpcServiceException("cannot write the order key journal " + file + ": " + e, e);
        }
        LOG.info("order key journal {}: {} keys placed, {} with unknown outcome", file, placed.size(),
                unknownOutcome.size());
    }

    Path file() {
        return file;
    }

    /**
     * Places the order for {@code key} once: returns {@code send}'s vt_orderid the first time and that same id for
     * every later call with the key.
     *
     * @throws RpcCallException when an earlier attempt's outcome is unknown (server died while placing it), the
     *                          journal cannot be written, or a concurrent attempt with the key did not finish in time
     */
    /** The vt_orderid placed for {@code key} before, or null when the key has not placed an order (yet). */
    synchronized String placedOrderFor(String key) {
        return placed.get(key);
    }

    String placeOnce(String key, Supplier<String> send) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> earlier;
        synchronized (this) {
            if (closed) {
                throw new RpcCallException("RuntimeError", "the order key journal is closed (server stopping)");
            }
            String known = placed.get(key);
            if (known != null) {
                LOG.info("order key {} was placed before as '{}': returning it, placing nothing", key, known);
                return known;
            }
            if (unknownOutcome.contains(key)) {
                throw new RpcCallException("RuntimeError", "the order with idempotency key " + key
                        + " was being placed when the server stopped; whether it reached the exchange is unknown."
                        + " Check the orders (get_all_orders) and send again with a new key if it is missing");
            }
            earlier = inFlight.putIfAbsent(key, mine);
            if (earlier == null) {
                appendOrFail("P " + key + "\n", true);
            }
        }
        if (earlier != null) {
            return awaitEarlier(key, earlier);
        }
        String vtOrderId;
        try {
            vtOrderId = send.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                inFlight.remove(key);
                appendOrLog("X " + key + "\n");
            }
            mine.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            placed.put(key, vtOrderId);
            inFlight.remove(key);
            appendOrLog("D " + key + " " + vtOrderId + "\n");
        }
        mine.complete(vtOrderId);
        return vtOrderId;
    }

    private String awaitEarlier(String key, CompletableFuture<String> earlier) {
        try {
            return earlier.get(waitForInFlightMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RpcCallException("TimeoutError", "the order with idempotency key " + key
                    + " is still being placed by an earlier request after " + waitForInFlightMs + " ms; retry later");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new RpcCallException("RuntimeError", String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcCallException("RuntimeError", "interrupted while waiting for order key " + key);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly();
        }
    }

    // ------------------------------------------------------------------------------------------ internals

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            if (parts[0].equals("P") && parts.length == 2) {
                unknownOutcome.add(parts[1]);
            } else if (parts[0].equals("D") && parts.length == 3) {
                unknownOutcome.remove(parts[1]);
                placed.put(parts[1], parts[2]);
            } else if (parts[0].equals("D") && parts.length == 2 && line.endsWith(" ")) {
                unknownOutcome.remove(parts[1]);
                placed.put(parts[1], "");
            } else if (parts[0].equals("X") && parts.length == 2) {
                unknownOutcome.remove(parts[1]);
            } else {
                bad++;
                LOG.warn("{}:{}: skipping a malformed line (torn by a crash?): '{}'", file, i + 1, line);
            }
        }
        if (bad > 0) {
            LOG.warn("{}: {} malformed lines skipped", file, bad);
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, read.size() - 1);
            return last.get(0) == '\n';
        }
    }

    /** Under this; the order must not go out when its key cannot be journaled. */
    private void appendOrFail(String line, boolean force) {
        try {
            write(line, force);
        } catch (IOException e) {
            inFlight.remove(line.substring(2, line.length() - 1));
            throw new RpcCallException("OSError", "cannot journal the order key before placing the order ("
                    + file + "): " + e + "; the order was not sent");
        }
    }

    /** Under this; the order is already placed: a failed write only loses exactly-once across a restart. */
    private void appendOrLog(String line) {
        try {
            write(line, false);
        } catch (IOException e) {
            LOG.error("cannot append '{}' to the order key journal {}: {} (a retry after a restart will be refused"
                    + " as 'outcome unknown')", line.strip(), file, e.toString());
        }
    }

    private void write(String line, boolean force) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        if (force) {
            channel.force(false);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();   // releases the lock too
        } catch (IOException e) {
            LOG.warn("closing the order key journal {} failed: {}", file, e.toString());
        }
    }
}
