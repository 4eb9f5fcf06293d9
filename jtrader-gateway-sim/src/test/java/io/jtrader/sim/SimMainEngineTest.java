package io.jtrader.sim;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.sim.exchange.Instrument;
import io.jtrader.sim.exchange.InstrumentCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIM as users run it: found by the main engine, feeding the OMS that get_all_* is served from. */
class SimMainEngineTest {
    @TempDir
    Path home;

    @Test
    @Timeout(30)
    void shouldFeedTheOmsWithContractsOrdersTradesPositionsAndTheAccount() {
        Instrument rb = InstrumentCatalog.currentFutures("rb");
        try (MainEngine engine = new MainEngine(new MainEngine.Context().eventEngine(new EventEngine())
                .homeDir(home).installLogEventLogger(false))) {
            engine.addGateway("SIM");
            engine.connect(GatewaySettings.of(Map.of(SimSettings.TICK_INTERVAL_MS, 20)), "SIM");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.oms().getContract(rb.vtSymbol()) != null
                    && !engine.oms().getAllAccounts().isEmpty());
            engine.subscribe(new SubscribeRequest(rb.symbol(), Exchange.SHFE), "SIM");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.oms().getTick(rb.vtSymbol()) != null);
            double limitUp = engine.oms().getTick(rb.vtSymbol()).limitUp();
            String vtOrderId = engine.sendOrder(new OrderRequest(rb.symbol(), Exchange.SHFE, Direction.LONG,
                    OrderType.LIMIT, 2, limitUp, Offset.OPEN, "oms"), "SIM");
            assertThat(vtOrderId).startsWith("SIM.").matches("SIM\\.[0-9]+_[0-9]+");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                OrderData o = engine.oms().getOrder(vtOrderId);
                return o != null && o.status() == Status.ALLTRADED;
            });
            assertThat(engine.oms().getAllTrades()).allSatisfy(t -> assertThat(t.vtOrderId()).isEqualTo(vtOrderId));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PositionData p = engine.oms().getPosition("SIM." + rb.vtSymbol() + ".多");
                return p != null && p.volume() == 2;
            });
            assertThat(engine.oms().getAllActiveOrders()).isEmpty();
            assertThat(engine.oms().getAccount("SIM.SIM").balance()).isPositive();
        }
    }
}
