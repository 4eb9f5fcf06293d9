package io.jtrader.cli;

import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.rpc.RpcClient;
import io.jtrader.rpc.RpcException;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.server.security.ServiceGuard;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jtrader kill-switch on|off [--cancel-all]}: the server's admin kill switch, over RPC. */
@Command(name = "kill-switch", mixinStandardHelpOptions = true, versionProvider = JtraderCli.Version.class,
        description = {
            "Turn a running server's kill switch on (every new order is REJECTED) or off.",
            "--cancel-all also cancels every active order. Needs the admin role",
            "(a local server without CurveZMQ treats local clients as admin).",
            ""})
final class KillSwitchCommand implements Callable<Integer> {
    @ParentCommand
    JtraderCli parent;

    @Parameters(index = "0", paramLabel = "on|off", description = "on or off")
    String state;

    @Option(names = "--cancel-all", description = "Also cancel every active order.")
    boolean cancelAll;

    @Option(names = "--rep", paramLabel = "ADDR", defaultValue = RpcGateway.REQ_ADDRESS_DEFAULT,
            description = "The server's request/reply address (default: ${DEFAULT-VALUE}).")
    String rep;

    @Option(names = "--server-key", paramLabel = "KEY", description = "The server's CurveZMQ public key (Z85 or .key file).")
    String serverKey;

    @Option(names = "--key", paramLabel = "FILE", description = "This client's secret key file (an admin key).")
    Path clientKeyFile;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000", description = "Call timeout (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        boolean on;
        if (state.equalsIgnoreCase("on")) {
            on = true;
        } else if (state.equalsIgnoreCase("off")) {
            on = false;
        } else {
            throw new StartupException("kill-switch takes 'on' or 'off', got '" + state + "'");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (serverKey != null) {
            settings.put(RpcGateway.SERVER_KEY_KEY, serverKey);
        }
        if (clientKeyFile != null) {
            settings.put(RpcGateway.CLIENT_KEY_FILE_KEY, clientKeyFile.toAbsolutePath().toString());
        }
        RpcClient.Context context = RpcGateway.applyCurve(GatewaySettings.of(settings), new RpcClient.Context()
                .reqEndpoint(rep).subEndpoint(null).codec(VnpyTypes.codec()).callTimeoutMs(timeoutMs));
        try (RpcClient client = new RpcClient(context)) {
            Object result = client.call(Duration.ofMillis(timeoutMs), ServiceGuard.KILL_SWITCH_FUNCTION, PyTuple.of(on),
                    Map.of("cancel_all", cancelAll));
            System.out.println("kill switch " + (on ? "ON" : "OFF") + ": " + result);
            return 0;
        } catch (RpcException e) {
            throw new StartupException("kill-switch " + state + " failed: " + e.getMessage());
        }
    }
}
