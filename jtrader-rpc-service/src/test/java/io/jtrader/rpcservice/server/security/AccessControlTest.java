package io.jtrader.rpcservice.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.RpcRemoteException;
import io.jtrader.rpc.security.CurveKeys;
import io.jtrader.rpcservice.server.RpcEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.jtrader.rpcservice.server.security.SecureService.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AccessControlTest {
    @TempDir
    Path home;
    private final CurveKeys server = CurveKeys.generate();
    private final CurveKeys reader = CurveKeys.generate();
    private final CurveKeys trader = CurveKeys.generate();
    private final CurveKeys trader2 = CurveKeys.generate();
    private final CurveKeys admin = CurveKeys.generate();

    @Test
    void shouldLetReadersUseTheSequenceChecksSoTheyCanRepairGaps() {
        assertThat(ServiceGuard.requiredRole(io.jtrader.rpcservice.vnpy.Reliability.LAST_SEQUENCE_FUNCTION)).isEqualTo(Role.READ);
        assertThat(ServiceGuard.requiredRole(io.jtrader.rpcservice.vnpy.Reliability.REPLAY_FUNCTION)).isEqualTo(Role.READ);
        assertThat(ServiceGuard.requiredRole("send_order")).isEqualTo(Role.TRADE);
        assertThat(ServiceGuard.requiredRole(ServiceGuard.KILL_SWITCH_FUNCTION)).isEqualTo(Role.ADMIN);
    }

    private void writeAllowList(CurveKeys... omit) throws Exception {
        StringBuilder json = new StringBuilder("{\"clients\": [");
        String[][] rows = {{"reader", reader.publicKey(), "read"}, {"trader", trader.publicKey(), "trade"},
                {"trader2", trader2.publicKey(), "trade"}, {"boss", admin.publicKey(), "admin"}};
        String sep = "";
        for (String[] row : rows) {
            if (List.of(omit).stream().anyMatch(k -> k.publicKey().equals(row[1]))) {
                continue;
            }
            json.append(sep).append("{\"name\":\"").append(row[0]).append("\",\"public_key\":\"").append(row[1])
                    .append("\",\"role\":\"").append(row[2]).append("\"}");
            sep = ",";
        }
        Path tmp = home.resolve("allow.tmp");
        Files.writeString(tmp, json.append("]}").toString());
        Files.move(tmp, home.resolve(ClientAllowList.FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private SecureService secure() throws Exception {
        writeAllowList();
        return new SecureService(home, new RpcEngine.Context().curveKeys(server));
    }

    private static void assertPermissionError(Runnable call, String fragment) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RpcRemoteException.class,
                e -> assertThat(e.errorLine()).startsWith("PermissionError: ").contains(fragment));
    }

    @Test
    @Timeout(60)
    void shouldLetEachRoleDoOnlyWhatItMayAndAuditEveryTradingRequest() throws Exception {
        try (SecureService s = secure()) {
            ContractData c = s.shfeFuture();
            double price = s.limitDown(c);
            OrderRequest buy = OrderRequest.limit(c.symbol(), c.exchange(), Direction.LONG, Offset.OPEN, price, 1);
            RpcClient read = s.curveClient(server, reader);
            RpcClient trade = s.curveClient(server, trader);
            RpcClient trade2 = s.curveClient(server, trader2);
            RpcClient boss = s.curveClient(server, admin);

            assertThat(read.call("get_contract", c.vtSymbol())).isEqualTo(c);
            assertPermissionError(() -> read.call("send_order", buy, "SIM"), "send_order() needs the 'trade' role");
            String mine = (String) trade.call("send_order", buy, "SIM");
            String other = (String) trade2.call("send_order", buy, "SIM");
            await().atMost(WAIT).until(() -> s.server.oms().getAllActiveOrders().size() == 2);
            trade.call("cancel_order", new CancelRequest(mine.substring(4), c.symbol(), c.exchange()), "SIM");
            assertPermissionError(() -> trade.call("cancel_order", new CancelRequest(other.substring(4), c.symbol(),
                    c.exchange()), "SIM"), "may cancel only orders it sent itself");
            assertPermissionError(() -> trade.call("kill_switch", false), "kill_switch() needs the 'admin' role");
            boss.call("cancel_order", new CancelRequest(other.substring(4), c.symbol(), c.exchange()), "SIM");
            await().atMost(WAIT).until(() -> s.server.oms().getAllActiveOrders().isEmpty());
            assertThat(s.server.oms().getOrder(other).status()).isEqualTo(Status.CANCELLED);

            List<String> lines = Files.readAllLines(home.resolve(AuditLog.FILE_NAME));
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> audit = lines.stream().map(l -> {
                try {
                    return json.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError("not one JSON object per line: " + l, e);
                }
            }).toList();
            assertThat(audit).extracting(n -> n.get("name").asText() + " " + n.get("function").asText() + " "
                    + n.get("outcome").asText()).containsExactly(
                    "reader send_order refused", "trader send_order ok", "trader2 send_order ok",
                    "trader cancel_order ok", "trader cancel_order refused", "trader kill_switch refused",
                    "boss cancel_order ok");
            JsonNode sent = audit.get(1);
            assertThat(sent.get("client").asText()).isEqualTo("key:" + trader.publicKey());
            assertThat(sent.get("result").asText()).isEqualTo(mine);
            assertThat(sent.get("args").get(0).get("symbol").asText()).isEqualTo(c.symbol());
            assertThat(sent.get("args").get(1).asText()).isEqualTo("SIM");
            assertThat(sent.get("time").asText()).isNotEmpty();
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseARevokedKeyOnItsNextCallWithoutRestart() throws Exception {
        try (SecureService s = secure()) {
            RpcClient trade = s.curveClient(server, trader);
            assertThat(trade.call("get_all_accounts")).asList().isNotEmpty();
            writeAllowList(trader);
            await().atMost(WAIT).untilAsserted(() -> assertPermissionError(() -> trade.call("get_all_accounts"),
                    "is not (or no longer) on the allow-list"));
            assertThat(s.curveClient(server, reader).call("get_all_accounts")).asList().isNotEmpty();
        }
    }

    @Test
    @Timeout(60)
    void shouldKeepVnpysBehaviourForLocalClientsWithoutKeys() throws Exception {
        try (SecureService s = new SecureService(home, new RpcEngine.Context())) {
            RpcClient local = s.plainClient();
            assertThat(local.call("kill_switch", false)).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("kill_switch", false);
        }
    }
}
