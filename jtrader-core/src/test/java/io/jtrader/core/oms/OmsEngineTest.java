package io.jtrader.core.oms;

import io.jtrader.core.engine.EventGatewayListener;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.jtrader.core.testing.Samples.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class OmsEngineTest {
    private final EventEngine eventEngine = new EventEngine(new EventEngine.Context().timerIntervalMs(0));
    private final OmsEngine oms = new OmsEngine(eventEngine);
    private final EventGatewayListener gateway = new EventGatewayListener(eventEngine);

    OmsEngineTest() {
        eventEngine.start();
    }

    @AfterEach
    void tearDown() {
        oms.close();
        eventEngine.stop();
    }

    private void drain() {
        CountDownLatch marker = new CountDownLatch(1);
        eventEngine.register("test-marker", e -> marker.countDown());
        eventEngine.put(new Event("test-marker", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> marker.getCount() == 0);
    }

    private void report(OrderData... orders) {
        for (OrderData o : orders) {
            gateway.onOrder(o);
        }
        drain();
    }

    @Test
    void shouldTrackActiveOrdersThroughTheirLifeCycle() {
        report(order("SIM", "1", Status.SUBMITTING, 0));
        assertThat(oms.getAllActiveOrders()).extracting(OrderData::vtOrderId).containsExactly("SIM.1");

        report(order("SIM", "1", Status.NOTTRADED, 0), order("SIM", "1", Status.PARTTRADED, 4));
        assertThat(oms.getAllActiveOrders()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(Status.PARTTRADED);
            assertThat(o.traded()).isEqualTo(4);
        });

        report(order("SIM", "1", Status.ALLTRADED, 10));
        assertThat(oms.getAllActiveOrders()).isEmpty();
        assertThat(oms.getOrder("SIM.1").status()).isEqualTo(Status.ALLTRADED);

        report(order("SIM", "2", Status.NOTTRADED, 0), order("SIM", "3", Status.NOTTRADED, 0));
        report(order("SIM", "2", Status.CANCELLED, 0), order("SIM", "3", Status.REJECTED, 0));
        assertThat(oms.getAllActiveOrders()).isEmpty();
        assertThat(oms.getAllOrders()).hasSize(3);
        assertThat(oms.staleUpdates()).isZero();
    }

    @Test
    void shouldNotResurrectAFinishedOrderFromAStaleUpdate() {
        report(order("SIM", "1", Status.ALLTRADED, 10), order("SIM", "1", Status.NOTTRADED, 0));

        assertThat(oms.getOrder("SIM.1").status()).isEqualTo(Status.ALLTRADED);
        assertThat(oms.getAllActiveOrders()).isEmpty();
        assertThat(oms.staleUpdates()).isEqualTo(1);

        report(order("SIM", "2", Status.CANCELLED, 3), order("SIM", "2", Status.PARTTRADED, 3));
        assertThat(oms.getOrder("SIM.2").status()).isEqualTo(Status.CANCELLED);
        assertThat(oms.getAllActiveOrders()).isEmpty();
    }

    @Test
    void shouldIgnoreUpdatesThatGoBackInTradedVolumeOrLifeCycle() {
        report(order("SIM", "1", Status.PARTTRADED, 5), order("SIM", "1", Status.PARTTRADED, 3));
        assertThat(oms.getOrder("SIM.1").traded()).isEqualTo(5);

        report(order("SIM", "2", Status.NOTTRADED, 0), order("SIM", "2", Status.SUBMITTING, 0));
        assertThat(oms.getOrder("SIM.2").status()).isEqualTo(Status.NOTTRADED);
        assertThat(oms.staleUpdates()).isEqualTo(2);

        // A finished report may correct another finished report.
        report(order("SIM", "3", Status.CANCELLED, 0), order("SIM", "3", Status.REJECTED, 0));
        assertThat(oms.getOrder("SIM.3").status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void shouldKeepTheLatestOfEveryKindUnderVnpysIds() {
        gateway.onTick(Samples.tick("SIM", "rb2601", 3500));
        gateway.onTick(Samples.tick("SIM", "rb2601", 3501));
        gateway.onTrade(new TradeData("SIM", "rb2601", Exchange.SHFE, "1", "t1", Direction.LONG, null, 3500, 1, Samples.T0));
        gateway.onPosition(new PositionData("SIM", "rb2601", Exchange.SHFE, Direction.SHORT, 1, 0, 3500, 0, 0));
        gateway.onAccount(new AccountData("SIM", "acc", 1_000_000, 5_000));
        gateway.onContract(ContractData.of("SIM", "rb2601", Exchange.SHFE, "螺纹钢2601", Product.FUTURES, 10, 1, 1));
        QuoteData quote = new QuoteData("SIM", "IO2412-C-3900", Exchange.CFFEX, "q1", 10, 1, 11, 1, null, null,
                Status.NOTTRADED, Samples.T0, "");
        gateway.onQuote(quote);
        drain();

        assertThat(oms.getTick("rb2601.SHFE").lastPrice()).isEqualTo(3501);
        assertThat(oms.getAllTicks()).hasSize(1);
        assertThat(oms.getTrade("SIM.t1")).isNotNull();
        assertThat(oms.getAllTrades()).hasSize(1);
        assertThat(oms.getPosition("SIM.rb2601.SHFE.空")).isNotNull();
        assertThat(oms.getAllPositions()).hasSize(1);
        assertThat(oms.getAccount("SIM.acc").available()).isEqualTo(995_000);
        assertThat(oms.getAllAccounts()).hasSize(1);
        assertThat(oms.getContract("rb2601.SHFE").name()).isEqualTo("螺纹钢2601");
        assertThat(oms.getAllContracts()).hasSize(1);
        assertThat(oms.getQuote("SIM.q1")).isEqualTo(quote);
        assertThat(oms.getAllActiveQuotes()).containsExactly(quote);

        gateway.onQuote(new QuoteData("SIM", "IO2412-C-3900", Exchange.CFFEX, "q1", 10, 1, 11, 1, null, null,
                Status.CANCELLED, Samples.T0, ""));
        gateway.onQuote(quote);
        drain();
        assertThat(oms.getAllActiveQuotes()).isEmpty();
        assertThat(oms.getAllQuotes()).singleElement().extracting(QuoteData::status).isEqualTo(Status.CANCELLED);
        assertThat(oms.getTick("nope")).isNull();
        assertThat(oms.getOrder(null)).isNull();
    }

    @Test
    void shouldSurviveAnEventWithTheWrongPayload() {
        eventEngine.put(new Event(EventType.ORDER, "not an order"));
        report(order("SIM", "1", Status.NOTTRADED, 0));

        assertThat(eventEngine.handlerErrors()).isEqualTo(1);
        assertThat(oms.getOrder("SIM.1")).isNotNull();
    }

    @Test
    void shouldServeConsistentSnapshotsToReadersWhileEventsFlow() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                try {
                    while (!done.get()) {
                        for (OrderData o : oms.getAllActiveOrders()) {
                            assertThat(o.isActive()).isTrue();
                        }
                        List<OrderData> all = oms.getAllOrders();
                        assertThat(all).doesNotContainNull();
                        oms.getAllTicks().forEach(tick -> assertThat(tick.vtSymbol()).endsWith(".SHFE"));
                        oms.getOrder("SIM.5");
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "test-reader-" + r);
            readers.add(t);
            t.start();
        }
        int orders = 2_000;
        for (int i = 0; i < orders; i++) {
            String id = Integer.toString(i);
            gateway.onOrder(order("SIM", id, Status.NOTTRADED, 0));
            gateway.onTick(Samples.tick("SIM", "rb" + (i % 50), 3500 + i));
            if (i % 2 == 0) {
                gateway.onOrder(order("SIM", id, Status.ALLTRADED, 10));
            }
        }
        drain();
        done.set(true);
        for (Thread t : readers) {
            t.join(5_000);
        }

        assertThat(failure.get()).isNull();
        assertThat(oms.getAllOrders()).hasSize(orders);
        assertThat(oms.getAllActiveOrders()).hasSize(orders / 2)
                .allSatisfy(o -> assertThat(Integer.parseInt(o.orderId()) % 2).isEqualTo(1));
        assertThat(oms.getAllTicks()).hasSize(50);
    }
}
