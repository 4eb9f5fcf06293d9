package io.jtrader.bench.ui;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.ui.app.CommandThread;
import io.jtrader.ui.view.MainWindow;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.UiLanguage;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The trader window under a trader's load (issue 7): {@code --ticks-per-second} ticks (default 1,000) spread over
 * {@code --symbols} symbols (default 100) plus {@code --orders-per-second} order updates (default 50: each order is
 * reported resting, then filled with a trade or cancelled a second later), fed into a real {@link MainWindow} (all
 * monitors, the trading panel following one symbol, its depth) through the main engine's event engine, on Monocle's
 * headless platform with the software renderer.
 *
 * <p>Measured over {@code --seconds} (default 20) after {@code --warmup-seconds} (default 5):
 * <ul>
 * <li>FX-thread busy fraction: CPU time of the JavaFX application thread / wall time (target &lt; 30%). The
 * renderer thread's CPU time is reported beside it.</li>
 * <li>Update wait: for each coalesced apply, how long its oldest update waited from its event to the end of the
 * apply on the FX thread ({@code MonitorsViewModel.applyObserver}); max target &lt; 100 ms.</li>
 * <li>FX responsiveness: delay of a probe runnable posted every 10 ms (what a click would wait).</li>
 * </ul>
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.ui.UiLoadBenchmark [--seconds 20] ...</pre>
 *
 * Exit status 0 when both targets are met, 3 when one is missed, 2 on bad arguments.
 */
public final class UiLoadBenchmark {
    static final double BUSY_TARGET = 0.30;
    static final long WAIT_TARGET_MS = 100;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String GATEWAY = "BENCH";

    private final Options options;
    private final Histogram updateWaitNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram applyNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram probeDelayNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram parkOvershootNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong updatesApplied = new AtomicLong();
    private final AtomicLong applies = new AtomicLong();
    private final AtomicLong eventsPut = new AtomicLong();
    private final AtomicLong eventsRefused = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;

    private UiLoadBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("UiLoadBenchmark: " + e.getMessage());
            System.err.println("usage: UiLoadBenchmark [--seconds N] [--warmup-seconds N] [--ticks-per-second N]"
                    + " [--symbols N] [--orders-per-second N] [--lang en|zh]");
            System.exit(2);
            return;
        }
        headlessUnlessDisplayWanted();
        System.exit(new UiLoadBenchmark(options).run());
    }

    /** Monocle headless with the software pipeline, unless the caller chose a platform ({@code -Dglass.platform}). */
    private static void headlessUnlessDisplayWanted() {
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1920x1200-32");
        }
    }

    private int run() throws Exception {
        Path home = Files.createTempDirectory("jtrader-ui-bench");
        MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home).installLogEventLogger(false));
        CommandThread commands = new CommandThread();
        List<ContractData> contracts = contracts(options.symbols);
        contracts.forEach(c -> engine.eventEngine().put(new Event(EventType.CONTRACT, c)));
        CompletableFuture<MainWindow> opened = new CompletableFuture<>();
        CompletableFuture<Thread> fxThread = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                MainWindow window = new MainWindow(Messages.of(options.language), engine, commands, e -> {
                    throw new IllegalStateException("no RPC service in the UI benchmark");
                }, () -> { });
                window.show(new Stage());
                window.monitors().applyObserver((updates, oldestWaitNanos, applyNanos) -> {
                    if (measuring) {
                        updateWaitNs.recordValue(Math.max(0, oldestWaitNanos));
                        applyNs.recordValue(Math.max(0, applyNanos));
                        updatesApplied.addAndGet(updates);
                        applies.incrementAndGet();
                    }
                });
                ContractData followed = contracts.get(0);
                window.trading().fillFrom(followed);
                fxThread.complete(Thread.currentThread());
                opened.complete(window);
            } catch (RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        try {
            MainWindow window = opened.get(60, TimeUnit.SECONDS);
            Thread fx = fxThread.get();
            Thread feed = new Thread(() -> feed(engine, contracts), "ui-bench-feed");
            Thread probe = new Thread(this::probe, "ui-bench-probe");
            Thread jitter = new Thread(this::jitter, "ui-bench-jitter");
            feed.start();
            probe.start();
            jitter.start();

            sleepSeconds(options.warmupSeconds);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long rendererId = threadIdStartingWith("QuantumRenderer");
            long fxCpu0 = threads.getThreadCpuTime(fx.getId());
            long renderCpu0 = rendererId < 0 ? 0 : threads.getThreadCpuTime(rendererId);
            long processCpu0 = processCpuNanos();
            long put0 = eventsPut.get();
            long wall0 = System.nanoTime();
            measuring = true;
            sleepSeconds(options.seconds);
            measuring = false;
            long wall = System.nanoTime() - wall0;
            long fxCpu = threads.getThreadCpuTime(fx.getId()) - fxCpu0;
            long renderCpu = rendererId < 0 ? -1 : threads.getThreadCpuTime(rendererId) - renderCpu0;
            long processCpu = processCpuNanos() - processCpu0;
            long put = eventsPut.get() - put0;
            running = false;
            feed.join(5_000);
            probe.join(5_000);
            jitter.join(5_000);
            int rows = CompletableFuture.supplyAsync(() -> window.monitors().orders().size(), Platform::runLater)
                    .get(10, TimeUnit.SECONDS);
            return report(wall, fxCpu, renderCpu, processCpu, put, rows);
        } finally {
            running = false;
            Platform.exit();
            commands.close();
            engine.close();
        }
    }

    // ------------------------------------------------------------------------------------ load

    /** ui-bench-feed: one tick every 1/ticksPerSecond s, one order update every 1/ordersPerSecond s. */
    private void feed(MainEngine engine, List<ContractData> contracts) {
        long tickPeriodNs = TimeUnit.SECONDS.toNanos(1) / options.ticksPerSecond;
        long orderPeriodNs = TimeUnit.SECONDS.toNanos(1) / options.ordersPerSecond;
        long start = System.nanoTime();
        long nextTick = start;
        long nextOrder = start;
        long tickCount = 0;
        long orderCount = 0;
        ArrayDeque<OrderData> resting = new ArrayDeque<>();
        while (running) {
            long now = System.nanoTime();
            while (nextTick <= now) {
                ContractData c = contracts.get((int) (tickCount % contracts.size()));
                put(engine, new Event(EventType.TICK, tick(c, tickCount)));
                tickCount++;
                nextTick += tickPeriodNs;
            }
            while (nextOrder <= now) {
                // alternate: a new resting order, then the oldest resting order (a second old) fills or is cancelled
                if ((orderCount & 1) == 0 || resting.isEmpty()) {
                    ContractData c = contracts.get((int) ((orderCount * 7) % contracts.size()));
                    OrderData order = order(c, orderCount);
                    resting.add(order);
                    put(engine, new Event(EventType.ORDER, order));
                } else {
                    OrderData order = resting.poll();
                    boolean fill = (orderCount & 2) == 0;
                    OrderData done = new OrderData(order.gatewayName(), order.symbol(), order.exchange(),
                            order.orderId(), order.type(), order.direction(), order.offset(), order.price(),
                            order.volume(), fill ? order.volume() : 0, fill ? Status.ALLTRADED : Status.CANCELLED,
                            ZonedDateTime.now(SHANGHAI), "");
                    if (fill) {
                        put(engine, new Event(EventType.TRADE, new TradeData(GATEWAY, order.symbol(),
                                order.exchange(), order.orderId(), "t" + order.orderId(), order.direction(),
                                order.offset(), order.price(), order.volume(), ZonedDateTime.now(SHANGHAI))));
                    }
                    put(engine, new Event(EventType.ORDER, done));
                }
                orderCount++;
                nextOrder += orderPeriodNs;
            }
            LockSupport.parkNanos(Math.max(1, Math.min(nextTick, nextOrder) - System.nanoTime()));
        }
    }

    private void put(MainEngine engine, Event event) {
        if (engine.eventEngine().put(event)) {
            eventsPut.incrementAndGet();
        } else {
            eventsRefused.incrementAndGet();
        }
    }

    /** ui-bench-probe: how long a runnable posted to the FX thread waits (what a click would wait). */
    private void probe() {
        while (running) {
            long posted = System.nanoTime();
            boolean record = measuring;
            CompletableFuture<Void> ran = new CompletableFuture<>();
            Platform.runLater(() -> {
                if (record) {
                    probeDelayNs.recordValue(System.nanoTime() - posted);
                }
                ran.complete(null);
            });
            try {
                ran.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("UiLoadBenchmark: the FX thread did not run a probe within 10 s: " + e);
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * ui-bench-jitter: how late a plain thread wakes from a 1 ms park — the machine's own scheduling delay (other
     * processes on the same cores), which no UI code can beat; reported beside the update wait.
     */
    private void jitter() {
        long periodNs = TimeUnit.MILLISECONDS.toNanos(1);
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(periodNs);
            if (measuring) {
                parkOvershootNs.recordValue(Math.max(0, System.nanoTime() - before - periodNs));
            }
        }
    }

    private static List<ContractData> contracts(int symbols) {
        List<ContractData> list = new ArrayList<>(symbols);
        Exchange[] exchanges = {Exchange.SHFE, Exchange.DCE, Exchange.CZCE, Exchange.CFFEX};
        for (int i = 0; i < symbols; i++) {
            double pricetick = (i % 3 == 0) ? 1 : (i % 3 == 1) ? 0.5 : 0.2;
            list.add(ContractData.of(GATEWAY, String.format(Locale.ROOT, "bm%03d", i), exchanges[i % 4],
                    "bench " + i, Product.FUTURES, 10, pricetick, 1));
        }
        return list;
    }

    private static TickData tick(ContractData c, long n) {
        double base = 3000 + (c.symbol().hashCode() & 0xff);
        double last = base + c.pricetick() * ((n * 31) % 40 - 20);
        double t = c.pricetick();
        return TickData.builder(GATEWAY, c.symbol(), c.exchange(), ZonedDateTime.now(SHANGHAI))
                .lastPrice(last).volume(1000 + n).openInterest(5000).limitUp(base * 1.1).limitDown(base * 0.9)
                .bidPrice1(last - t).bidPrice2(last - 2 * t).bidPrice3(last - 3 * t).bidPrice4(last - 4 * t)
                .bidPrice5(last - 5 * t).askPrice1(last + t).askPrice2(last + 2 * t).askPrice3(last + 3 * t)
                .askPrice4(last + 4 * t).askPrice5(last + 5 * t).bidVolume1(3).bidVolume2(5).bidVolume3(7)
                .bidVolume4(9).bidVolume5(11).askVolume1(4).askVolume2(6).askVolume3(8).askVolume4(10)
                .askVolume5(12).build();
    }

    private static OrderData order(ContractData c, long n) {
        double base = 3000 + (c.symbol().hashCode() & 0xff);
        return new OrderData(GATEWAY, c.symbol(), c.exchange(), "o" + n, OrderType.LIMIT,
                (n & 2) == 0 ? Direction.LONG : Direction.SHORT, Offset.OPEN, base - 10 * c.pricetick(), 1 + n % 5,
                0, Status.NOTTRADED, ZonedDateTime.now(SHANGHAI), "");
    }

    // ------------------------------------------------------------------------------------ report

    private int report(long wallNs, long fxCpuNs, long renderCpuNs, long processCpuNs, long eventsPutNs, int rows) {
        double seconds = wallNs / 1e9;
        double busy = fxCpuNs / (double) wallNs;
        long maxWaitMs = TimeUnit.NANOSECONDS.toMillis(updateWaitNs.getMaxValue());
        boolean met = busy < BUSY_TARGET && maxWaitMs < WAIT_TARGET_MS && eventsRefused.get() == 0;
        System.out.printf(Locale.ROOT, "UiLoadBenchmark: JDK %s (%s), %d CPUs, glass.platform=%s prism.order=%s%n",
                Runtime.version(), System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("glass.platform"), System.getProperty("prism.order"));
        System.out.printf(Locale.ROOT, "load: %d ticks/s over %d symbols + %d order updates/s; %d s measured after %d s"
                + " warm-up; %.0f events/s put, %d refused; %d order rows at the end%n", options.ticksPerSecond,
                options.symbols, options.ordersPerSecond, options.seconds, options.warmupSeconds,
                eventsPutNs / seconds, eventsRefused.get(), rows);
        System.out.printf(Locale.ROOT, "FX thread busy: %.1f%% of wall time (target < %.0f%%); renderer thread %s;"
                + " whole process %.1f%% of one CPU%n", busy * 100, BUSY_TARGET * 100,
                renderCpuNs < 0 ? "not found" : String.format(Locale.ROOT, "%.1f%%", renderCpuNs * 100.0 / wallNs),
                processCpuNs * 100.0 / wallNs);
        System.out.printf(Locale.ROOT, "applies: %d (%.1f/s), %.1f updates each; apply time p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms%n", applies.get(), applies.get() / seconds,
                applies.get() == 0 ? 0.0 : updatesApplied.get() / (double) applies.get(), ms(applyNs, 50),
                ms(applyNs, 99), applyNs.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT, "update wait (event -> applied): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
                + " max %.2f ms (target < %d ms)%n", ms(updateWaitNs, 50), ms(updateWaitNs, 99),
                ms(updateWaitNs, 99.9), updateWaitNs.getMaxValue() / 1e6, WAIT_TARGET_MS);
        System.out.printf(Locale.ROOT, "FX probe delay (runLater -> run): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                ms(probeDelayNs, 50), ms(probeDelayNs, 99), probeDelayNs.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT, "machine: 1 ms park overshoot p99 %.2f ms, max %.2f ms; load average %s%n",
                ms(parkOvershootNs, 99), parkOvershootNs.getMaxValue() / 1e6, loadAverage());
        System.out.println("targets met: " + (met ? "yes" : "NO"));
        return met ? 0 : 3;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "not known" : String.format(Locale.ROOT, "%.2f (1 min)", load);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static long threadIdStartingWith(String prefix) {
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith(prefix)) {
                return info.getThreadId();
            }
        }
        return -1;
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);   // the measurement window itself, not a wait for a condition
    }

    /** Command-line options. */
    record Options(int seconds, int warmupSeconds, int ticksPerSecond, int symbols, int ordersPerSecond,
                   UiLanguage language) {
        static Options parse(String[] args) {
            int seconds = 20;
            int warmup = 5;
            int ticks = 1_000;
            int symbols = 100;
            int orders = 50;
            UiLanguage language = UiLanguage.ENGLISH;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--seconds" -> seconds = positive(name, value);
                    case "--warmup-seconds" -> warmup = positive(name, value);
                    case "--ticks-per-second" -> ticks = positive(name, value);
                    case "--symbols" -> symbols = positive(name, value);
                    case "--orders-per-second" -> orders = positive(name, value);
                    case "--lang" -> language = UiLanguage.parse(value, Locale.getDefault());
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(seconds, warmup, ticks, symbols, orders, language);
        }

        private static int positive(String name, String value) {
            try {
                int v = Integer.parseInt(value);
                if (v < 1 || v > 1_000_000) {
                    throw new IllegalArgumentException(name + " must be 1..1000000, got " + value);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
            }
        }
    }
}
