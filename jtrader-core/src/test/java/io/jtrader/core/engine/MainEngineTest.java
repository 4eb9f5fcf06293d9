package io.jtrader.core.engine;

import io.jtrader.core.app.AppFactory;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewayFactory;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.Interval;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.testing.FakeAppFactory;
import io.jtrader.core.testing.FakeGateway;
import io.jtrader.core.testing.FakeGatewayFactory;
import io.jtrader.core.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class MainEngineTest {
    @TempDir
    Path home;

    private final List<String> closeLog = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private MainEngine engine;
    private FakeGatewayFactory factory;

    @BeforeEach
    void setUp() {
        EventEngine eventEngine = new EventEngine(new EventEngine.Context().timerIntervalMs(0));
        eventEngine.registerGeneral(events::add);
        engine = new MainEngine(new MainEngine.Context().eventEngine(eventEngine).homeDir(home));
        factory = new FakeGatewayFactory(closeLog);
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private void drain() {
        CountDownLatch marker = new CountDownLatch(1);
        engine.eventEngine().register("test-marker", e -> marker.countDown());
        engine.eventEngine().put(new Event("test-marker", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> marker.getCount() == 0);
    }

    private List<LogData> logs() {
        drain();
        return events.stream().filter(e -> e.type().equals(EventType.LOG)).map(e -> (LogData) e.data()).toList();
    }

    private static OrderRequest buy() {
        return OrderRequest.limit("rb2601", Exchange.SHFE, Direction.LONG, Offset.OPEN, 3500, 1);
    }

    @Test
    void shouldRouteCommandsToTheNamedGatewayAndLogEachCall() {
        FakeGateway fake = (FakeGateway) engine.addGateway(factory);
        FakeGateway second = (FakeGateway) engine.addGateway(factory, "FAKE2");

        engine.subscribe(new SubscribeRequest("rb2601", Exchange.SHFE), "FAKE");
        String vtOrderId = engine.sendOrder(buy(), "FAKE2");
        engine.cancelOrder(new CancelRequest("1", "rb2601", Exchange.SHFE), "FAKE2");
        var bars = engine.queryHistory(new HistoryRequest("rb2601", Exchange.SHFE, Samples.T0, null, Interval.MINUTE),
                "FAKE");

        assertThat(vtOrderId).isEqualTo("FAKE2.1");
        assertThat(bars).hasSize(1);
        assertThat(fake.calls).containsExactly("subscribe rb2601.SHFE", "queryHistory rb2601.SHFE");
        assertThat(second.calls).containsExactly("sendOrder rb2601.SHFE", "cancelOrder 1");
        assertThat(engine.gatewayNames()).containsExactly("FAKE", "FAKE2");
        assertThat(engine.getGateway("FAKE")).containsSame(fake);
        assertThat(engine.getGateway("NOPE")).isEmpty();
        assertThat(engine.exchanges()).containsExactly(Exchange.SHFE, Exchange.DCE);
        assertThat(logs()).extracting(LogData::msg)
                .anyMatch(m -> m.startsWith("订阅行情 subscribe -> FAKE: rb2601.SHFE"))
                .anyMatch(m -> m.startsWith("委托下单 send_order -> FAKE2: rb2601.SHFE LONG OPEN LIMIT 1.0@3500.0"))
                .anyMatch(m -> m.startsWith("委托撤单 cancel_order -> FAKE2: 1 rb2601.SHFE"))
                .anyMatch(m -> m.startsWith("查询历史 query_history -> FAKE: rb2601.SHFE"));
    }

    @Test
    void shouldAnswerAnUnknownGatewayWithAnELogAndVnpysEmptyResults() {
        engine.addGateway(factory);

        assertThat(engine.sendOrder(buy(), "NOPE")).isEmpty();
        assertThat(engine.sendOrder(buy(), null)).isEmpty();
        assertThat(engine.queryHistory(new HistoryRequest("rb2601", Exchange.SHFE, Samples.T0, null, Interval.MINUTE),
                "NOPE")).isEmpty();
        engine.subscribe(new SubscribeRequest("rb2601", Exchange.SHFE), "NOPE");
        engine.cancelOrder(new CancelRequest("1", "rb2601", Exchange.SHFE), "NOPE");
        assertThat(engine.sendQuote(new QuoteRequest("rb2601", Exchange.SHFE, 1, 1, 2, 1, null, null, ""), "NOPE"))
                .isEmpty();
        engine.connect(GatewaySettings.empty(), "NOPE");
        assertThat(engine.getDefaultSettings("NOPE")).isEmpty();

        List<LogData> logs = logs();
        assertThat(logs).filteredOn(l -> l.msg().startsWith("找不到底层接口：NOPE")).hasSize(7)
                .allSatisfy(l -> {
                    assertThat(l.gatewayName()).isEqualTo(MainEngine.LOG_SOURCE);
                    assertThat(l.msg()).contains("no gateway named 'NOPE'").contains("added: FAKE");
                });
        assertThat(logs).filteredOn(l -> l.msg().startsWith("找不到底层接口：null")).hasSize(1);
    }

    @Test
    void shouldTurnAThrowingGatewayIntoAnErrorLogAndAnEmptyAnswer() {
        FakeGateway fake = (FakeGateway) engine.addGateway(factory);
        fake.failWith(new NullPointerException("broker api returned null"));

        assertThat(engine.sendOrder(buy(), "FAKE")).isEmpty();
        assertThat(engine.queryHistory(new HistoryRequest("rb2601", Exchange.SHFE, Samples.T0, null, Interval.MINUTE),
                "FAKE")).isEmpty();
        engine.subscribe(new SubscribeRequest("rb2601", Exchange.SHFE), "FAKE");
        engine.cancelOrder(new CancelRequest("1", "rb2601", Exchange.SHFE), "FAKE");
        assertThat(engine.sendQuote(new QuoteRequest("rb2601", Exchange.SHFE, 1, 1, 2, 1, null, null, ""), "FAKE"))
                .isEmpty(); // FakeGateway keeps the SPI default: quotes not supported
        engine.cancelQuote(new CancelRequest("1", "rb2601", Exchange.SHFE), "FAKE");

        List<LogData> errors = logs().stream().filter(l -> l.level() == LogData.ERROR).toList();
        assertThat(errors).extracting(LogData::msg)
                .anyMatch(m -> m.startsWith("FAKE send_order rb2601.SHFE failed: java.lang.NullPointerException: broker api"))
                .anyMatch(m -> m.startsWith("FAKE query_history rb2601.SHFE failed"))
                .anyMatch(m -> m.startsWith("FAKE subscribe rb2601.SHFE failed"))
                .anyMatch(m -> m.startsWith("FAKE cancel_order 1 failed"))
                .anyMatch(m -> m.equals("FAKE send_quote rb2601.SHFE failed: FAKE does not support quotes"))
                .anyMatch(m -> m.startsWith("FAKE cancel_quote 1 failed"));
        assertThat(errors).allSatisfy(l -> assertThat(l.gatewayName()).isEqualTo("FAKE"));
    }

    @Test
    void shouldRethrowAFailedConnectAsGatewayExceptionAndLogIt() {
        FakeGateway fake = (FakeGateway) engine.addGateway(factory);
        fake.failWith(new IllegalArgumentException("gateway setting 'address' must be a URL"));

        assertThatThrownBy(() -> engine.connect(GatewaySettings.empty(), "FAKE"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("FAKE connect failed").hasMessageContaining("'address' must be a URL");
        assertThat(logs()).anyMatch(l -> l.level() == LogData.ERROR && l.msg().contains("FAKE connect failed"));
    }

    @Test
    void shouldConnectWithSettingsOverTheGatewaysDefaults() {
        FakeGateway fake = (FakeGateway) engine.addGateway(factory);

        engine.connect(GatewaySettings.of(Map.of("address", "tcp://127.0.0.1:5")), "FAKE");

        assertThat(fake.connectedWith().asMap()).containsEntry("address", "tcp://127.0.0.1:5")
                .containsEntry("mode", "fast");
        assertThat(logs()).anyMatch(l -> l.gatewayName().equals("FAKE") && l.msg().equals("connected"));
    }

    @Test
    void shouldSaveAndLoadConnectSettingsInVnpysFileName() {
        engine.addGateway(factory);
        engine.saveConnectSettings("FAKE", GatewaySettings.of(Map.of("address", "tcp://10.0.0.1:2014")));

        assertThat(home.resolve("connect_fake.json")).exists();
        assertThat(engine.loadConnectSettings("FAKE").asMap())
                .containsEntry("address", "tcp://10.0.0.1:2014").containsEntry("mode", "fast");
    }

    @Test
    void shouldPutGeneralAndSpecificEventsForGatewayCallbacksAndFeedTheOms() {
        FakeGateway fake = (FakeGateway) engine.addGateway(factory);
        var listener = fake.context.listener();

        listener.onOrder(Samples.order("FAKE", "7", Status.NOTTRADED, 0));
        listener.onTick(Samples.tick("FAKE", "rb2601", 3500));
        listener.onAccount(new AccountData("FAKE", "acc1", 1000, 100));
        listener.onPosition(new PositionData("FAKE", "rb2601", Exchange.SHFE, Direction.LONG, 2, 0, 3500, 0, 0));
        drain();

        assertThat(events).extracting(Event::type).containsSubsequence(
                "eOrder.", "eOrder.FAKE.7", "eTick.", "eTick.rb2601.SHFE", "eAccount.", "eAccount.FAKE.acc1",
                "ePosition.", "ePosition.rb2601.SHFE");
        assertThat(engine.oms().getOrder("FAKE.7").status()).isEqualTo(Status.NOTTRADED);
        assertThat(engine.oms().getAllActiveOrders()).hasSize(1);
        assertThat(engine.oms().getTick("rb2601.SHFE").lastPrice()).isEqualTo(3500);
        assertThat(engine.oms().getPosition("FAKE.rb2601.SHFE.多")).isNotNull();
    }

    @Test
    void shouldCloseAppsThenGatewaysThenTheEventEngineOnceEach() {
        FakeAppFactory first = new FakeAppFactory("A1", closeLog);
        FakeAppFactory second = new FakeAppFactory("A2", closeLog);
        engine.addGateway(factory, "G1");
        engine.addGateway(factory, "G2");
        engine.addApp(first);
        engine.addApp(second);
        assertThat(engine.appNames()).containsExactly("A1", "A2");

        engine.close();
        engine.close();

        assertThat(closeLog).containsExactly("app A2", "app A1", "gateway G2", "gateway G1");
        assertThat(first.closes.get()).isEqualTo(1);
        assertThat(factory.created).allSatisfy(g -> assertThat(g.calls).containsOnlyOnce("close"));
        assertThat(engine.eventEngine().isRunning()).isFalse();
        // What the gateways logged while closing was still dispatched before the event engine stopped.
        assertThat(events).filteredOn(e -> e.data() instanceof LogData l && l.msg().equals("closed")).hasSize(2);
        assertThat(engine.isClosed()).isTrue();
        assertThat(engine.sendOrder(buy(), "G1")).isEmpty();
        assertThatThrownBy(() -> engine.addGateway(factory, "G3")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectDuplicateAndInvalidGatewayNames() {
        engine.addGateway(factory);
        assertThatThrownBy(() -> engine.addGateway(factory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'FAKE' was already added");
        assertThatThrownBy(() -> engine.addGateway(factory, "A.B")).hasMessageContaining("no '.'");
        assertThatThrownBy(() -> engine.addGateway(factory, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.sendOrder(null, "FAKE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendOrder request must not be null");
    }

    @Test
    void shouldDiscoverGatewaysAndAppsWithServiceLoader() {
        assertThat(engine.gatewayFactories()).extracting(GatewayFactory::defaultName).contains("FAKE");
        assertThat(engine.appFactories()).extracting(AppFactory::appName).contains("FakeApp");

        assertThat(engine.addGateway("FAKE").name()).isEqualTo("FAKE");
        assertThat(engine.addApp("FakeApp").appName()).isEqualTo("FakeApp");
        assertThatThrownBy(() -> engine.addGateway("CTP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown gateway 'CTP'").hasMessageContaining("FAKE");
    }

    @Test
    void shouldWriteLogEventsWithTheirSource() {
        engine.writeLog("hello", "RpcService");
        engine.writeLog("no source", null);

        assertThat(logs()).extracting(l -> l.gatewayName() + ":" + l.msg())
                .contains("RpcService:hello", "MainEngine:no source");
    }

    @Test
    void shouldResolveItsHomeAndExposeSettings() {
        assertThat(engine.homeDir()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(engine.settings().homeDir()).isEqualTo(engine.homeDir());
    }
}
