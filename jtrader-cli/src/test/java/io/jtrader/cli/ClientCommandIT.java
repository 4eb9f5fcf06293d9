package io.jtrader.cli;

import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jtrader.cli.JtraderProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code jtrader client} with start-up flags, its saved settings, and stdin closed (running in the background). */
class ClientCommandIT {
    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void shouldActOnStartupFlagsKeepRunningAfterEndOfStdinAndStopWithStatusZero() throws Exception {
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.resolve("server").toString(),
                "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            Matcher ready = server.awaitLine(ServerCommandIT.READY);
            String rep = "tcp://127.0.0.1:" + ready.group(1);
            String pub = "tcp://127.0.0.1:" + ready.group(2);
            String vtSymbol;
            double price;
            try (RpcClient probe = new RpcClient(new RpcClient.Context().reqEndpoint(rep).subEndpoint(null)
                    .codec(VnpyTypes.codec()))) {
                ContractData contract = ((List<?>) probe.call("get_all_contracts")).stream().map(ContractData.class::cast)
                        .filter(c -> c.exchange() == Exchange.SHFE && c.product() == Product.FUTURES).findFirst().orElseThrow();
                vtSymbol = contract.vtSymbol();
                probe.call("subscribe", new SubscribeRequest(contract.symbol(), contract.exchange()), "SIM");
                await().atMost(WAIT).until(() -> probe.call("get_tick", vtSymbol) != null);
                price = ((TickData) probe.call("get_tick", vtSymbol)).limitDown();
            }
            // the client's addresses come from its saved connect_rpc.json (vn.py's keys)
            Path clientHome = home.resolve("client");
            Files.createDirectories(clientHome);
            Files.writeString(clientHome.resolve("connect_rpc.json"),
                    "{\"主动请求地址\": \"" + rep + "\", \"推送订阅地址\": \"" + pub + "\"}");
            try (JtraderProcess client = JtraderProcess.start("client", "client", "--home", clientHome.toString(),
                    "--subscribe", vtSymbol, "--order", "buy " + vtSymbol + " " + price + " 1")) {
                client.closeStdin();
                client.awaitLine(Pattern.compile("SYNCED contracts=\\d+ accounts=1 .*"));
                client.awaitLine(Pattern.compile("tick " + Pattern.quote(vtSymbol) + " .*"));
                String vtOrderId = client.awaitLine(Pattern.compile("sent (RPC\\.\\S+)")).group(1);
                client.awaitLine(Pattern.compile("order " + Pattern.quote(vtOrderId) + " .* NOTTRADED"));
                assertThat(client.isAlive()).as(client.describe()).isTrue();
                assertThat(client.terminate()).as(client.describe()).isZero();
            }
            assertThat(server.terminate()).isZero();
        }
    }
}
