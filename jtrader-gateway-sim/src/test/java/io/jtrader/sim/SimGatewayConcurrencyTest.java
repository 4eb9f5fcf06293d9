package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.model.VtIds;
import io.jtrader.sim.exchange.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimGatewayConcurrencyTest {
    private static final int THREADS = 6;
    private static final int OPS_PER_THREAD = 400;
    private static final Set<Status> FINAL = Set.of(Status.ALLTRADED, Status.CANCELLED, Status.REJECTED);

    @TempDir
    Path home;

    record Contract(String symbol, Exchange exchange, double base, double tick) {
        double price(int ticksFromBase) {
            return Math.round((base + ticksFromBase * tick) * 1e6) / 1e6;
        }
    }

    @Test
    @Timeout(120)
    void shouldEndEveryOrderInExactlyOneFinalStateWithPositionsEqualToTheSumOfTrades() throws Exception {
        List<Contract> contracts = List.of(new Contract("rb2701", Exchange.SHFE, 3200, 1),
                new Contract("IF2612", Exchange.CFFEX, 4500, 0.2));
        RecordingListener l = new RecordingListener();
        ManualClock clock = ManualClock.at("2026-11-25T10:00:00").withSystemNanos();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (SimGateway g = new SimGateway(new GatewayContext("SIM", l, home), clock)) {
            g.connect(SimGatewayTest.settings(SimSettings.TICK_INTERVAL_MS, 2));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "test-sender"));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    List<String> mine = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        Contract c = contracts.get(random.nextInt(contracts.size()));
                        int op = random.nextInt(10);
                        if (op < 2 && !mine.isEmpty()) {
                            String id = mine.get(random.nextInt(mine.size()));
                            g.cancelOrder(new CancelRequest(id, c.symbol(), c.exchange()));
                            continue;
                        }
                        Direction d = random.nextBoolean() ? Direction.LONG : Direction.SHORT;
                        Offset offset = op < 7 ? Offset.OPEN : c.exchange() == Exchange.SHFE
                                ? (random.nextBoolean() ? Offset.CLOSETODAY : Offset.CLOSE) : Offset.CLOSE;
                        OrderType type = List.of(OrderType.LIMIT, OrderType.LIMIT, OrderType.FAK, OrderType.FOK)
                                .get(random.nextInt(4));
                        OrderRequest r = new OrderRequest(c.symbol(), c.exchange(), d, type, 1 + random.nextInt(5),
                                c.price(random.nextInt(13) - 6), offset, "t" + seed);
                        String id = VtIds.localIdOf(g.sendOrder(r));
                        mine.add(id);
                        sent.add(id);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(sent).hasSize(sent.size()).isNotEmpty();
            // Let the market work a little, then cancel whatever still rests.
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(id -> l.lastOrder(id) != null
                    && l.lastOrder(id).status() != Status.SUBMITTING));
            for (String id : sent) {
                OrderData o = l.lastOrder(id);
                if (!FINAL.contains(o.status())) {
                    g.cancelOrder(o.createCancelRequest());
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream()
                    .allMatch(id -> FINAL.contains(l.lastOrder(id).status())));
        }

        Map<String, List<OrderData>> byOrder = new HashMap<>();
        for (OrderData o : l.orders()) {
            byOrder.computeIfAbsent(o.orderId(), k -> new ArrayList<>()).add(o);
        }
        assertThat(byOrder.keySet()).isEqualTo(sent);
        Map<String, Double> tradedByOrder = new HashMap<>();
        Set<String> tradeIds = new HashSet<>();
        Map<String, Double> expectedPosition = new HashMap<>();
        for (TradeData t : l.trades()) {
            assertThat(tradeIds.add(t.tradeId())).as("trade %s reported once", t.tradeId()).isTrue();
            assertThat(sent).contains(t.orderId());
            tradedByOrder.merge(t.orderId(), t.volume(), Double::sum);
            boolean open = t.offset() == Offset.OPEN;
            Direction leg = open ? t.direction() : t.direction() == Direction.LONG ? Direction.SHORT : Direction.LONG;
            expectedPosition.merge(t.symbol() + "/" + leg, open ? t.volume() : -t.volume(), Double::sum);
        }
        for (Map.Entry<String, List<OrderData>> e : byOrder.entrySet()) {
            List<OrderData> flow = e.getValue();
            assertThat(flow.get(0).status()).isEqualTo(Status.SUBMITTING);
            assertThat(flow.stream().filter(o -> FINAL.contains(o.status())).count())
                    .as("final reports of %s", e.getKey()).isEqualTo(1);
            assertThat(FINAL).contains(flow.get(flow.size() - 1).status());
            for (int i = 1; i < flow.size(); i++) {
                assertThat(flow.get(i).traded()).isGreaterThanOrEqualTo(flow.get(i - 1).traded());
            }
            assertThat(flow.get(flow.size() - 1).traded()).isEqualTo(tradedByOrder.getOrDefault(e.getKey(), 0.0));
        }
        assertThat(l.trades()).isNotEmpty();
        for (String symbol : List.of("rb2701", "IF2612")) {
            for (Direction d : List.of(Direction.LONG, Direction.SHORT)) {
                PositionData p = l.lastPosition(symbol, d);
                double expected = expectedPosition.getOrDefault(symbol + "/" + d, 0.0);
                assertThat(p == null ? 0.0 : p.volume()).as("%s %s", symbol, d).isEqualTo(expected);
                if (p != null) {
                    assertThat(p.frozen()).isZero();
                }
            }
        }
        assertThat(l.lastAccount().frozen()).isZero();
    }
}
