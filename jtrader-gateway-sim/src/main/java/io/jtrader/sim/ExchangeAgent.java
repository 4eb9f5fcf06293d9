package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.sim.exchange.SimClock;
import io.jtrader.sim.exchange.SimExchange;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code sim-<name>-exchange} thread: the only thread that touches the {@link SimExchange}. Its duty cycle
 * takes commands (any thread offers them), holds orders and cancels for the acknowledgement latency, steps the
 * markets every tick interval, pushes all positions and the account every {@value #PUSH_INTERVAL_MS} ms, reports
 * changed positions and the account after each pass, then hands the pass's output to the journal writer (or,
 * with the journal off, to the listener). Idle: spins briefly, then parks until the next deadline; offering a
 * command unparks it.
 */
final class ExchangeAgent implements Runnable {
    static final long PUSH_INTERVAL_MS = 2_000;
    private static final int COMMAND_LIMIT = 4_096;

    sealed interface Command permits Send, Accept, Cancel, Subscribe, PublishAll {
    }

    record Send(String orderId, OrderRequest request) implements Command {
    }

    record Accept(String orderId) implements Command {
    }

    record Cancel(CancelRequest request) implements Command {
    }

    record Subscribe(SubscribeRequest request) implements Command {
    }

    record PublishAll() implements Command {
    }

    private record Delayed(long dueNs, Command command) {
    }

    private final String gatewayName;
    private final SimExchange exchange;
    private final SimClock clock;
    private final GatewayListener listener;
    private final JournalWriter journalWriter;
    private final long latencyNs;
    private final long tickIntervalNs;
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Delayed> delayed = new ArrayDeque<>();
    private final OutputBuffer output;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile Thread thread;
    private long nextTickNs;
    private long nextPushNs;
    private long failures;

    ExchangeAgent(String gatewayName, SimExchange exchange, SimClock clock, GatewayListener listener,
            JournalWriter journalWriter, OutputBuffer output, long latencyMs, long tickIntervalMs) {
        this.gatewayName = gatewayName;
        this.exchange = exchange;
        this.clock = clock;
        this.listener = listener;
        this.journalWriter = journalWriter;
        this.output = output;
        this.latencyNs = TimeUnit.MILLISECONDS.toNanos(latencyMs);
        this.tickIntervalNs = TimeUnit.MILLISECONDS.toNanos(tickIntervalMs);
    }

    /**
     * Any thread: queues a command and wakes the exchange thread if it sleeps. A command offered while the gateway
     * closes is either carried out by the exchange thread's final pass or, when that pass is over, refused here
     * with a report (REJECTED order or error log): never silently lost.
     */
    void offer(Command command) {
        commands.offer(command);
        if (!running) {
            refuseLeftovers();
            return;
        }
        if (parked) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void refuseLeftovers() {
        Command c;
        while ((c = commands.poll()) != null) {
            if (c instanceof Send s) {
                listener.onOrder(s.request().createOrderData(s.orderId(), gatewayName, clock.now())
                        .withProgress(0, io.jtrader.core.model.Status.REJECTED));
                listener.writeLog(gatewayName, LogData.ERROR, "order " + s.orderId() + " " + s.request().vtSymbol()
                        + " rejected: " + gatewayName + " is closing");
            } else if (c instanceof Cancel x) {
                listener.writeLog(gatewayName, LogData.ERROR, "cancel of " + x.request().orderId() + " failed: "
                        + gatewayName + " is closing");
            } else if (c instanceof Subscribe x) {
                listener.writeLog(gatewayName, LogData.ERROR, "subscribe " + x.request().vtSymbol() + " failed: "
                        + gatewayName + " is closing");
            }
        }
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long now = clock.nanoTime();
        nextTickNs = now + tickIntervalNs;
        nextPushNs = now + TimeUnit.MILLISECONDS.toNanos(PUSH_INTERVAL_MS);
        int idle = 0;
        try {
            flush(); // what connect produced: contracts, restored orders and trades, positions, account
            while (running) {
                int work = doWork();
                if (work > 0) {
                    idle = 0;
                } else {
                    idle(++idle);
                }
            }
            // Final pass so nothing accepted before close is left unreported.
            drainCommands(clock.nanoTime(), true);
            exchange.publishChanges();
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.writeLog(gatewayName, LogData.ERROR, gatewayName + " exchange thread interrupted; it has stopped");
        } catch (RuntimeException | Error e) {
            listener.writeLog(gatewayName, LogData.CRITICAL, gatewayName + " exchange thread failed and has stopped: " + e);
            throw e;
        }
    }

    private int doWork() throws InterruptedException {
        long now = clock.nanoTime();
        int work = drainCommands(now, false);
        while (!delayed.isEmpty() && delayed.peekFirst().dueNs() <= now) {
            execute(delayed.pollFirst().command());
            work++;
        }
        if (now >= nextTickNs) {
            guarded("market step", exchange::stepAll);
            nextTickNs += tickIntervalNs;
            if (nextTickNs <= now) {
                nextTickNs = now + tickIntervalNs; // fell behind: skip, never burst
            }
            work++;
        }
        if (now >= nextPushNs) {
            guarded("periodic push", exchange::publishAll);
            nextPushNs = now + TimeUnit.MILLISECONDS.toNanos(PUSH_INTERVAL_MS);
            work++;
        }
        if (work > 0) {
            guarded("position and account report", exchange::publishChanges);
            flush();
        }
        return work;
    }

    private int drainCommands(long now, boolean immediate) {
        int n = 0;
        Command c;
        while (n < COMMAND_LIMIT && (c = commands.poll()) != null) {
            n++;
            if (c instanceof Send s) {
                guarded("order " + s.orderId(), () -> exchange.submit(s.orderId(), s.request()));
                if (latencyNs == 0 || immediate) {
                    execute(new Accept(s.orderId()));
                } else {
                    delayed.addLast(new Delayed(now + latencyNs, new Accept(s.orderId())));
                }
            } else if (c instanceof Cancel && latencyNs > 0 && !immediate) {
                delayed.addLast(new Delayed(now + latencyNs, c));
            } else {
                execute(c);
            }
        }
        if (immediate) {
            while (!delayed.isEmpty()) {
                execute(delayed.pollFirst().command());
            }
        }
        return n;
    }

    private void execute(Command c) {
        if (c instanceof Accept a) {
            guarded("order " + a.orderId(), () -> exchange.accept(a.orderId()));
        } else if (c instanceof Cancel x) {
            guarded("cancel of " + x.request().orderId(), () -> exchange.cancel(x.request()));
        } else if (c instanceof Subscribe s) {
            guarded("subscribe " + s.request().vtSymbol(), () -> exchange.subscribe(s.request()));
        } else if (c instanceof PublishAll) {
            guarded("position and account query", exchange::publishAll);
        } else if (c instanceof Send s) {
            guarded("order " + s.orderId(), () -> exchange.sendOrder(s.orderId(), s.request()));
        }
    }

    /** One bad command is reported and skipped; the loop goes on. */
    private void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failures++;
            output.emit(LogData.of(gatewayName, LogData.ERROR, "SIM internal error while handling " + what + ": " + e));
        }
    }

    private void flush() throws InterruptedException {
        if (output.isEmpty()) {
            return;
        }
        if (journalWriter != null) {
            journalWriter.submit(output.take());
        } else {
            Reports.deliver(listener, output.take());
        }
    }

    long failures() {
        return failures;
    }

    private void idle(int count) {
        // Spin briefly, then park: no yield phase, which on a 2-core machine only steals time from the journal
        // and event-engine threads this one feeds. Offering a command unparks it.
        if (count < 32) {
            Thread.onSpinWait();
        } else {
            parked = true;
            try {
                if (commands.isEmpty() && running) {
                    long now = clock.nanoTime();
                    long until = Math.min(nextTickNs, nextPushNs);
                    if (!delayed.isEmpty()) {
                        until = Math.min(until, delayed.peekFirst().dueNs());
                    }
                    long wait = Math.max(1_000, Math.min(until - now, TimeUnit.MILLISECONDS.toNanos(100)));
                    LockSupport.parkNanos(this, wait);
                }
            } finally {
                parked = false;
            }
        }
    }
}
