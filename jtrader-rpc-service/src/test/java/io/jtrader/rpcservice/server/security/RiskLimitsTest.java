package io.jtrader.rpcservice.server.security;

import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.RpcRemoteException;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.jtrader.rpcservice.server.security.SecureService.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RiskLimitsTest {
    @TempDir
    Path home;

    private SecureService service(RiskSettings risk) {
        return new SecureService(home, new RpcEngine.Context().riskSettings(risk));
    }

    /** A buy far below the market: it rests (stays active) on the SIM exchange. */
    private double restingPrice;

    private OrderRequest restingBuy(ContractData c, double volume) {
        return OrderRequest.limit(c.symbol(), c.exchange(), Direction.LONG, Offset.OPEN, restingPrice, volume);
    }

    private static void assertRejectedByRule(SecureService s, Object vtOrderId, String rule) {
        assertThat(vtOrderId).asString().startsWith("SIM.risk");
        await().atMost(WAIT).until(() -> s.server.oms().getOrder((String) vtOrderId) != null);
        OrderData order = s.server.oms().getOrder((String) vtOrderId);
        assertThat(order.status()).isEqualTo(Status.REJECTED);
        await().atMost(WAIT).until(() -> s.logged("risk rule " + rule + ":") && s.logged((String) vtOrderId));
    }

    @Test
    @Timeout(60)
    void shouldRejectAnOrderAboveMaxOrderVolumeBeforeTheGatewaySeesIt() throws Exception {
        try (SecureService s = service(new RiskSettings(10, 0, 0, 0, 0, false))) {
            RpcClient client = s.plainClient();
            ContractData c = s.shfeFuture();
            restingPrice = s.limitDown(c);
            Object rejected = client.call("send_order", restingBuy(c, 11), "SIM");
            assertRejectedByRule(s, rejected, "max_order_volume");
            assertThat(s.server.oms().getAllOrders()).extracting(OrderData::vtOrderId).containsExactly((String) rejected);
            Object accepted = client.call("send_order", restingBuy(c, 10), "SIM");
            assertThat(accepted).asString().startsWith("SIM.").doesNotStartWith("SIM.risk");
            assertThat(s.rpc.guard().riskRejections()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(60)
    void shouldLimitOrdersPerSecondPerClientAndInTotal() throws Exception {
        try (SecureService s = service(new RiskSettings(0, 3, 5, 0, 0, false))) {
            RpcClient first = s.plainClient();
            RpcClient second = s.plainClient();
            ContractData c = s.shfeFuture();
            restingPrice = s.limitDown(c);
            for (int i = 0; i < 3; i++) {
                assertThat(first.call("send_order", restingBuy(c, 1), "SIM")).asString().doesNotStartWith("SIM.risk");
            }
            assertRejectedByRule(s, first.call("send_order", restingBuy(c, 1), "SIM"), "max_orders_per_second_per_client");
            assertThat(second.call("send_order", restingBuy(c, 1), "SIM")).asString().doesNotStartWith("SIM.risk");
            assertThat(second.call("send_order", restingBuy(c, 1), "SIM")).asString().doesNotStartWith("SIM.risk");
            assertRejectedByRule(s, second.call("send_order", restingBuy(c, 1), "SIM"), "max_orders_per_second");
        }
    }

    @Test
    @Timeout(60)
    void shouldRejectNewOrdersWhileMaxActiveOrdersAreActive() throws Exception {
        try (SecureService s = service(new RiskSettings(0, 0, 0, 2, 0, false))) {
            RpcClient client = s.plainClient();
            ContractData c = s.shfeFuture();
            restingPrice = s.limitDown(c);
            client.call("send_order", restingBuy(c, 1), "SIM");
            client.call("send_order", restingBuy(c, 1), "SIM");
            await().atMost(WAIT).until(() -> s.server.oms().getAllActiveOrders().size() == 2);
            assertRejectedByRule(s, client.call("send_order", restingBuy(c, 1), "SIM"), "max_active_orders");
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseCancelsBeyondMaxCancelsPerDayWithTheRuleName() throws Exception {
        try (SecureService s = service(new RiskSettings(0, 0, 0, 0, 1, false))) {
            RpcClient client = s.plainClient();
            ContractData c = s.shfeFuture();
            restingPrice = s.limitDown(c);
            String a = (String) client.call("send_order", restingBuy(c, 1), "SIM");
            String b = (String) client.call("send_order", restingBuy(c, 1), "SIM");
            client.call("cancel_order", new CancelRequest(a.substring(4), c.symbol(), c.exchange()), "SIM");
            assertThatThrownBy(() -> client.call("cancel_order", new CancelRequest(b.substring(4), c.symbol(),
                    c.exchange()), "SIM"))
                    .isInstanceOfSatisfying(RpcRemoteException.class, e -> assertThat(e.errorLine())
                            .startsWith("RiskRefused: risk rule max_cancels_per_day: 1 cancels were sent today"));
            await().atMost(WAIT).until(() -> s.logged("risk rule max_cancels_per_day"));
            await().atMost(WAIT).until(() -> s.server.oms().getOrder(a).status() == Status.CANCELLED);
            assertThat(s.server.oms().getOrder(b).isActive()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void shouldRejectEveryOrderWhileTheKillSwitchIsOnAndCancelAllActiveOrders() throws Exception {
        try (SecureService s = service(RiskSettings.unlimited())) {
            RpcClient admin = s.plainClient();
            ContractData c = s.shfeFuture();
            restingPrice = s.limitDown(c);
            String resting = (String) admin.call("send_order", restingBuy(c, 1), "SIM");
            await().atMost(WAIT).until(() -> s.server.oms().getAllActiveOrders().size() == 1);

            Object result = admin.call(java.time.Duration.ofSeconds(5), "kill_switch",
                    io.jtrader.rpc.pickle.PyTuple.of(true), Map.of("cancel_all", true));
            assertThat(result).isEqualTo(Map.of("kill_switch", true, "cancelled", java.util.List.of(resting)));
            await().atMost(WAIT).until(() -> s.server.oms().getOrder(resting).status() == Status.CANCELLED);
            assertRejectedByRule(s, admin.call("send_order", restingBuy(c, 1), "SIM"), "kill_switch");

            admin.call("kill_switch", false);
            assertThat(admin.call("send_order", restingBuy(c, 1), "SIM")).asString().doesNotStartWith("SIM.risk");
        }
    }

    @Test
    @Timeout(30)
    void shouldReadTheRiskFileAndNameABadKeyOrValue() throws Exception {
        Files.writeString(home.resolve(RiskSettings.FILE_NAME), "{\"max_order_volume\": 5, \"kill_switch\": true}");
        io.jtrader.core.settings.SettingsStore store = new io.jtrader.core.settings.SettingsStore(home);
        assertThat(RiskSettings.load(store)).isEqualTo(new RiskSettings(5, 0, 0, 0, 0, true));
        Files.writeString(home.resolve(RiskSettings.FILE_NAME), "{\"max_order_volum\": 5}");
        assertThatThrownBy(() -> RiskSettings.load(store)).isInstanceOf(RpcServiceException.class)
                .hasMessageContaining("unknown key 'max_order_volum'").hasMessageContaining("risk_setting.json");
        Files.writeString(home.resolve(RiskSettings.FILE_NAME), "{\"max_active_orders\": -1}");
        assertThatThrownBy(() -> RiskSettings.load(store)).hasMessageContaining("max_active_orders must be >= 0");
    }
}
