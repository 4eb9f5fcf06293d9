package io.jtrader.cli;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.settings.SettingsException;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.core.settings.SettingsStore;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.client.RpcGatewayFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * {@code jtrader client}: a headless RPC client (vn.py's RpcGateway in a bare main engine) that prints what
 * arrives and takes commands on stdin.
 */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = JtraderCli.Version.class,
        description = {
            "Connect to an RPC server (jtrader or vn.py) and print what arrives.",
            "",
            "Prints contracts (a count), ticks, orders, trades, positions and",
            "accounts, one line each. Commands on stdin (type 'help'):",
            "  sub VT_SYMBOL",
            "  buy|sell VT_SYMBOL PRICE VOLUME [open|close|closetoday|closeyesterday]",
            "           [limit|market|fak|fok]",
            "  cancel VT_ORDERID",
            "  orders | active | trades | positions | accounts | contracts",
            "  help | quit",
            "End of stdin keeps it running until Ctrl-C or SIGTERM (exit 0).",
            "Addresses: --rep/--pub, else <home>/connect_<name>.json (keys",
            "主动请求地址 / 推送订阅地址 or rep_address / pub_address), else",
            "tcp://127.0.0.1:2014 and tcp://127.0.0.1:4102.",
            ""})
final class ClientCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCommand.class);

    @ParentCommand
    JtraderCli parent;

    @Option(names = "--rep", paramLabel = "ADDR", description = "The server's request/reply address.")
    String rep;

    @Option(names = "--pub", paramLabel = "ADDR", description = "The server's publish address.")
    String pub;

    @Option(names = "--server-key", paramLabel = "KEY",
            description = "The server's CurveZMQ public key (Z85 text or its .key file); needs --key.")
    String serverKey;

    @Option(names = "--key", paramLabel = "FILE",
            description = "This client's secret key file (NAME.key_secret from 'jtrader keys'); needs --server-key.")
    Path clientKeyFile;

    @Option(names = "--gateway-name", paramLabel = "NAME", defaultValue = "RPC",
            description = "This client's gateway name; ids read NAME.x (default: ${DEFAULT-VALUE}).")
    String gatewayName;

    @Option(names = "--subscribe", paramLabel = "VT_SYMBOL",
            description = "Subscribe at start, e.g. --subscribe rb2601.SHFE (repeatable).")
    List<String> subscriptions = new ArrayList<>();

    @Option(names = "--order", paramLabel = "ORDER",
            description = "Send at start, e.g. --order 'buy rb2601.SHFE 3500 1' (same words as the prompt; repeatable).")
    List<String> orders = new ArrayList<>();

    @Option(names = "--quiet-ticks", description = "Print only the first tick of each contract.")
    boolean quietTicks;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "Call timeout (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() throws Exception {
        Path home = parent.homeOption.resolve();
        GatewaySettings settings = connectSettings(home);
        PrintStream out = System.out;
        MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home));
        RpcGateway gateway;
        ClientConsole console = new ClientConsole(engine, gatewayName, out, quietTicks, subscriptions, orders);
        try {
            gateway = (RpcGateway) engine.addGateway(
                    new RpcGatewayFactory(() -> new RpcGateway.Context().callTimeoutMs(timeoutMs)), gatewayName);
            engine.eventEngine().registerGeneral(console::onEvent);
            engine.connect(settings, gatewayName);
        } catch (GatewayException | IllegalArgumentException e) {
            Lifecycle.flushLogs();
            Lifecycle.closeQuietly(engine);
            throw new StartupException(e.getMessage());
        }
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.onSignal(engine);
        out.println("connecting " + gatewayName + " to " + RpcGateway.reqAddressOf(settings) + " / "
                + RpcGateway.subAddressOf(settings) + " (type help for commands)");
        gateway.synced().whenComplete((ok, failure) -> {
            if (failure != null) {
                out.println("error: initial query failed: " + rootMessage(failure));
            } else {
                // Behind the snapshot's events in the event engine's queue: printed once the OMS holds them.
                engine.eventEngine().put(new Event(ClientConsole.SYNCED_EVENT, null));
            }
        });
        Thread stdin = new Thread(() -> readCommands(console, lifecycle), "client-console");
        stdin.setDaemon(true);
        stdin.start();
        lifecycle.awaitExit();
        Lifecycle.closeQuietly(engine);
        out.println("bye");
        out.flush();
        return 0;
    }

    private static void readCommands(ClientConsole console, Lifecycle lifecycle) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!console.execute(line)) {
                    lifecycle.requestExit();
                    return;
                }
            }
            LOG.info("end of stdin: still running; stop with Ctrl-C or SIGTERM");
        } catch (IOException e) {
            LOG.warn("reading commands from stdin failed ({}); still running, stop with Ctrl-C or SIGTERM", e.toString());
        }
    }

    private GatewaySettings connectSettings(Path home) {
        GatewaySettings base;
        if (rep != null || pub != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(RpcGateway.REQ_ADDRESS_ALIAS, rep != null ? rep : RpcGateway.REQ_ADDRESS_DEFAULT);
            m.put(RpcGateway.SUB_ADDRESS_ALIAS, pub != null ? pub : RpcGateway.SUB_ADDRESS_DEFAULT);
            base = GatewaySettings.of(m);
        } else {
            try {
                SettingsStore store = new SettingsStore(home);
                String file = SettingsFiles.connect(gatewayName);
                base = store.exists(file) ? GatewaySettings.of(store.load(file)) : GatewaySettings.empty();
            } catch (SettingsException e) {
                throw new StartupException(e.getMessage());
            }
        }
        if (serverKey == null && clientKeyFile == null) {
            return base;
        }
        Map<String, Object> m = new LinkedHashMap<>(base.asMap());
        if (serverKey != null) {
            m.put(RpcGateway.SERVER_KEY_KEY, serverKey);
        }
        if (clientKeyFile != null) {
            m.put(RpcGateway.CLIENT_KEY_FILE_KEY, clientKeyFile.toAbsolutePath().toString());
        }
        return GatewaySettings.of(m);
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause.getMessage();
    }

}
