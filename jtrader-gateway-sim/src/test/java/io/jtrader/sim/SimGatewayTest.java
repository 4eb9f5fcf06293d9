package io.jtrader.sim;

import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewayFactory;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TradeData;
import io.jtrader.core.model.VtIds;
import io.jtrader.sim.exchange.Journal;
import io.jtrader.sim.exchange.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class SimGatewayTest {
    @TempDir
    Path home;

    final ManualClock clock = ManualClock.at("2026-11-25T10:00:00").withSystemNanos();

    static GatewaySettings settings(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put(SimSettings.ORDER_ACK_LATENCY_MS, 0);
        m.put(SimSettings.TICK_INTERVAL_MS, 3_600_000); // the market stands still unless a test wants ticks
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return GatewaySettings.of(m);
    }

    SimGateway gateway(String name, RecordingListener listener) {
        return new SimGateway(new GatewayContext(name, listener, home), clock);
    }

    static OrderRequest rb(Direction d, Offset offset, double price, double volume) {
        return new OrderRequest("rb2701", Exchange.SHFE, d, OrderType.LIMIT, volume, price, offset, "");
    }

    static String local(String vtOrderId) {
        return VtIds.localIdOf(vtOrderId);
    }

    @Test
    void shouldBeFoundByServiceLoaderAsSim() {
        GatewayFactory factory = ServiceLoader.load(GatewayFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.defaultName().equals("SIM")).findFirst().orElseThrow();
        try (Gateway g = factory.create(new GatewayContext("SIM", new RecordingListener(), home))) {
            assertThat(g).isInstanceOf(SimGateway.class);
            assertThat(g.defaultSettings().keySet()).containsExactly("random seed", "tick interval ms",
                    "initial capital", "order ack latency ms", "journal", "instrument file");
        }
    }

    @Test
    void shouldRefuseInvalidSettingsNamingTheKey() {
        try (SimGateway g = gateway("SIM", new RecordingListener())) {
            assertThatThrownBy(() -> g.connect(settings(SimSettings.TICK_INTERVAL_MS, 0)))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("tick interval ms");
            assertThatThrownBy(() -> g.connect(settings(SimSettings.INITIAL_CAPITAL, "lots")))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("initial capital");
            assertThatThrownBy(() -> g.connect(settings(SimSettings.ORDER_ACK_LATENCY_MS, -1)))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("order ack latency ms");
            assertThatThrownBy(() -> g.connect(settings("colour", "red")))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("'colour' is unknown");
            assertThatThrownBy(() -> g.connect(settings(SimSettings.INSTRUMENT_FILE, "missing.json")))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("instrument file");
        }
    }

    @Test
    void shouldAddInstrumentsFromAJsonFile() throws IOException {
        Files.writeString(home.resolve("extra.json"), "[{\"symbol\":\"ag2702\",\"exchange\":\"SHFE\",\"name\":\"沪银\","
                + "\"size\":15,\"pricetick\":1,\"marginRatio\":0.12,\"openCommission\":0.00005,"
                + "\"closeCommission\":0.00005,\"closeTodayCommission\":0.00005,\"limitRatio\":0.08,\"basePrice\":7800}]");
        RecordingListener l = new RecordingListener();
        try (SimGateway g = gateway("SIM", l)) {
            g.connect(settings(SimSettings.INSTRUMENT_FILE, "extra.json"));
            await().atMost(Duration.ofSeconds(10)).until(() -> l.contracts().stream().anyMatch(c -> c.symbol().equals("ag2702")));
        }
        Files.writeString(home.resolve("bad.json"), "[{\"symbol\":\"ag2702\",\"exchange\":\"SHFE\"}]");
        try (SimGateway g = gateway("SIM", new RecordingListener())) {
            assertThatThrownBy(() -> g.connect(settings(SimSettings.INSTRUMENT_FILE, "bad.json")))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("entry 0").hasMessageContaining("size");
        }
    }

    @Test
    void shouldPushContractsAccountAndTicksAfterSubscribe() {
        RecordingListener l = new RecordingListener();
        try (SimGateway g = gateway("SIM", l)) {
            g.connect(settings(SimSettings.TICK_INTERVAL_MS, 5));
            await().atMost(Duration.ofSeconds(10)).until(() -> l.lastAccount() != null);
            assertThat(l.contracts()).extracting(ContractData::vtSymbol).contains("rb2701.SHFE", "IO2612-C-4500.CFFEX");
            assertThat(l.lastAccount().balance()).isEqualTo(SimSettings.DEFAULT_INITIAL_CAPITAL);
            g.subscribe(new SubscribeRequest("rb2701", Exchange.SHFE));
            g.subscribe(new SubscribeRequest("nope", Exchange.SHFE));
            await().atMost(Duration.ofSeconds(10)).until(() -> { synchronized (l) { return l.ticks.size() >= 3; } });
            assertThat(l.logs()).anySatisfy(log -> assertThat(log.msg()).contains("nope.SHFE is not a contract"));
            assertThat(g.journalDir()).isEqualTo(home.resolve("sim").resolve("SIM"));
        }
        // Every report comes from the journal thread; only close()'s "disconnected" log comes from the caller.
        assertThat(l.threads).containsExactlyInAnyOrder("sim-SIM-journal", Thread.currentThread().getName());
    }

    @Test
    void shouldReportTodaysOrdersTradesPositionsAndAccountAfterARestart() {
        RecordingListener before = new RecordingListener();
        String filled;
        String resting;
        long firstSession;
        try (SimGateway g = gateway("SIM", before)) {
            g.connect(settings());
            firstSession = g.sessionId();
            filled = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3300, 2)));
            resting = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3100, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> before.lastOrder(resting) != null
                    && before.lastOrder(resting).status() == Status.NOTTRADED
                    && before.lastOrder(filled).status() == Status.ALLTRADED);
        }
        PositionData position = before.lastPosition("rb2701", Direction.LONG);
        double staticBefore = before.lastAccount().balance() - position.pnl();

        RecordingListener after = new RecordingListener();
        try (SimGateway g = gateway("SIM", after)) {
            g.connect(settings());
            assertThat(g.sessionId()).isGreaterThan(firstSession);
            await().atMost(Duration.ofSeconds(10)).until(() -> after.lastAccount() != null);
            assertThat(after.lastOrder(filled).status()).isEqualTo(Status.ALLTRADED);
            assertThat(after.lastOrder(resting).status()).isEqualTo(Status.NOTTRADED);
            assertThat(after.trades()).extracting(TradeData::tradeId)
                    .containsExactlyElementsOf(before.trades().stream().map(TradeData::tradeId).toList());
            PositionData restored = after.lastPosition("rb2701", Direction.LONG);
            assertThat(restored.volume()).isEqualTo(2);
            assertThat(restored.price()).isEqualTo(position.price());
            assertThat(after.lastAccount().balance() - restored.pnl()).isCloseTo(staticBefore, within(0.01));
            assertThat(after.lastAccount().frozen()).isEqualTo(before.lastAccount().frozen());
            // The restored resting order is live again.
            g.cancelOrder(new CancelRequest(resting, "rb2701", Exchange.SHFE));
            await().atMost(Duration.ofSeconds(10)).until(() -> after.lastOrder(resting).status() == Status.CANCELLED);
            String next = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3300, 1)));
            assertThat(next).startsWith(g.sessionId() + "_").isNotEqualTo(filled);
        }
    }

    @Test
    void shouldSkipATornLastRecordWithAWarning() throws IOException {
        RecordingListener before = new RecordingListener();
        String first;
        String second;
        try (SimGateway g = gateway("SIM", before)) {
            g.connect(settings());
            first = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3300, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> before.lastOrder(first) != null
                    && before.lastOrder(first).status() == Status.ALLTRADED);
            second = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3100, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> before.lastOrder(second) != null
                    && before.lastOrder(second).status() == Status.NOTTRADED);
        }
        Path file = home.resolve("sim/SIM").resolve(Journal.FILE_NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3); // the second order's NOTTRADED record is cut short
        }
        RecordingListener after = new RecordingListener();
        try (SimGateway g = gateway("SIM", after)) {
            g.connect(settings());
            await().atMost(Duration.ofSeconds(10)).until(() -> after.lastAccount() != null);
            assertThat(after.logs()).anySatisfy(l -> {
                assertThat(l.level()).isEqualTo(LogData.WARNING);
                assertThat(l.msg()).contains("skipped");
            });
            assertThat(after.lastOrder(first).status()).isEqualTo(Status.ALLTRADED);
            // Its last whole record left it SUBMITTING: never accepted, so the restart rejects it.
            await().atMost(Duration.ofSeconds(10)).until(() -> after.lastOrder(second).status() == Status.REJECTED);
            assertThat(after.lastPosition("rb2701", Direction.LONG).volume()).isEqualTo(1);
        }
        try (var files = Files.list(home.resolve("sim/SIM"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("journal.log.torn-"));
        }
    }

    @Test
    void shouldCarryPositionsIntoANewTradingDayAsYesterdays() {
        RecordingListener before = new RecordingListener();
        try (SimGateway g = gateway("SIM", before)) {
            g.connect(settings());
            String id = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3300, 3)));
            await().atMost(Duration.ofSeconds(10)).until(() -> before.lastOrder(id) != null
                    && before.lastOrder(id).status() == Status.ALLTRADED);
        }
        clock.advance(Duration.ofDays(1));
        RecordingListener after = new RecordingListener();
        try (SimGateway g = gateway("SIM", after)) {
            g.connect(settings());
            await().atMost(Duration.ofSeconds(10)).until(() -> after.lastAccount() != null);
            assertThat(after.orders()).isEmpty();
            assertThat(after.trades()).isEmpty();
            PositionData p = after.lastPosition("rb2701", Direction.LONG);
            assertThat(p.volume()).isEqualTo(3);
            assertThat(p.ydVolume()).isEqualTo(3);
            // SHFE: CLOSE now closes yesterday's position.
            String close = local(g.sendOrder(rb(Direction.SHORT, Offset.CLOSE, 3100, 3)));
            await().atMost(Duration.ofSeconds(10)).until(() -> after.lastOrder(close) != null
                    && after.lastOrder(close).status() == Status.ALLTRADED);
        }
        assertThat(home.resolve("sim/SIM/journal.log.prev")).exists();
    }

    @Test
    void shouldRunSeveralInstancesEachWithItsOwnJournal() {
        try (SimGateway a = gateway("SIM", new RecordingListener());
             SimGateway b = gateway("SIM2", new RecordingListener());
             SimGateway c = gateway("SIM", new RecordingListener())) {
            a.connect(settings());
            b.connect(settings());
            assertThat(home.resolve("sim/SIM/journal.log")).exists();
            assertThat(home.resolve("sim/SIM2/journal.log")).exists();
            assertThatThrownBy(() -> c.connect(settings())).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void shouldRejectOrdersWhileNotConnected() {
        RecordingListener l = new RecordingListener();
        try (SimGateway g = gateway("SIM", l)) {
            String id = g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3300, 1));
            assertThat(id).startsWith("SIM.");
            assertThat(l.lastOrder(local(id)).status()).isEqualTo(Status.REJECTED);
            assertThat(l.logs()).anySatisfy(log -> assertThat(log.msg()).contains("not connected"));
        }
    }

    @Test
    void shouldWorkWithTheJournalOff() {
        RecordingListener l = new RecordingListener();
        try (SimGateway g = gateway("SIM", l)) {
            g.connect(settings(SimSettings.JOURNAL, false, SimSettings.ORDER_ACK_LATENCY_MS, 5));
            String id = local(g.sendOrder(rb(Direction.LONG, Offset.OPEN, 3300, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> l.lastOrder(id) != null
                    && l.lastOrder(id).status() == Status.ALLTRADED);
            assertThat(l.orders()).filteredOn(o -> o.orderId().equals(id)).extracting(OrderData::status)
                    .containsExactly(Status.SUBMITTING, Status.NOTTRADED, Status.ALLTRADED);
        }
        assertThat(home.resolve("sim/SIM")).doesNotExist();
        assertThat(l.threads).containsExactlyInAnyOrder("sim-SIM-exchange", Thread.currentThread().getName());
    }

    @Test
    void shouldRefuseHistoryOfAnUnsupportedInterval() {
        try (SimGateway g = gateway("SIM", new RecordingListener())) {
            g.connect(settings());
            assertThatThrownBy(() -> g.queryHistory(new io.jtrader.core.model.HistoryRequest("rb2701", Exchange.SHFE,
                    clock.now().minusDays(1), null, io.jtrader.core.model.Interval.WEEKLY)))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("WEEKLY");
            assertThat(g.queryHistory(new io.jtrader.core.model.HistoryRequest("rb2701", Exchange.SHFE,
                    clock.now().minusDays(1), null, io.jtrader.core.model.Interval.HOUR))).isNotEmpty();
        }
    }
}
