package io.jtrader.cli;

import io.jtrader.core.app.AppFactory;
import io.jtrader.core.engine.LogEventLogger;
import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewayFactory;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.settings.SettingsException;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.core.settings.SettingsStore;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.rpcservice.server.RpcServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code jtrader server}: vn.py's {@code run_server.py} in terminal mode — a headless main engine with one gateway
 * (SIM by default) and the RPC service. Prints {@code READY rep=... pub=...} on stdout once both sockets are bound.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = JtraderCli.Version.class,
        description = {
            "Run the RPC server: one gateway (SIM by default) served to RPC clients.",
            "",
            "Prints one line on stdout once listening:",
            "  READY rep=tcp://127.0.0.1:PORT pub=tcp://127.0.0.1:PORT",
            "Logs go to stderr and <home>/log. Ctrl-C or SIGTERM stops it (exit 0).",
            "Addresses: --rep/--pub, else <home>/rpc_service_setting.json",
            "(rep_address, pub_address), else tcp://127.0.0.1:2014 and :4102.",
            "Other machines: CurveZMQ (--curve: keys/server.key_secret and",
            "rpc_allow_list.json in <home>), an SSH tunnel to 127.0.0.1, or --insecure.",
            "Risk limits: <home>/risk_setting.json. Audit log: <home>/rpc_audit.jsonl.",
            "--gateway/--app take the names the trader window's start dialog lists.",
            ""})
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @ParentCommand
    JtraderCli parent;

    @Option(names = "--rep", paramLabel = "ADDR",
            description = "Request/reply address to bind, e.g. tcp://127.0.0.1:2014 (port 0 = a free port).")
    String rep;

    @Option(names = "--pub", paramLabel = "ADDR",
            description = "Publish address to bind, e.g. tcp://127.0.0.1:4102 (port 0 = a free port).")
    String pub;

    @Option(names = "--gateway", paramLabel = "NAME", defaultValue = "SIM",
            description = "Gateway to serve (default: ${DEFAULT-VALUE}).")
    String gateway;

    @Option(names = "--app", paramLabel = "NAME",
            description = "Another app to run beside the RPC service (repeatable; the names the trader window's "
                    + "start dialog lists; RpcService always runs).")
    List<String> apps = new ArrayList<>();

    @Option(names = "--connect", paramLabel = "FILE",
            description = "The gateway's connect settings (JSON, like vn.py's connect_ctp.json); default "
                    + "<home>/connect_<name>.json if it exists, else the gateway's defaults.")
    Path connectFile;

    @Option(names = "--insecure",
            description = "Allow binding addresses reachable from other machines without authentication "
                    + "(anyone who can connect can trade). Prefer an SSH tunnel to 127.0.0.1.")
    boolean insecure;

    @Option(names = "--curve",
            description = "Require CurveZMQ: server key <home>/keys/server.key_secret (make it with 'jtrader keys"
                    + " --name server'), client keys and roles from <home>/rpc_allow_list.json.")
    boolean curve;

    @Option(names = "--server-key", paramLabel = "FILE",
            description = "Require CurveZMQ with this server secret key file (implies --curve).")
    Path serverKeyFile;

    @Option(names = "--allow-list", paramLabel = "FILE",
            description = "Client allow-list with roles (default <home>/rpc_allow_list.json); re-read on change.")
    Path allowListFile;

    @Option(names = "--audit-fsync",
            description = "Force each audit log line to disk before the reply is sent (slower).")
    boolean auditFsync;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Heartbeat interval, 1..10000 ms (default: ${DEFAULT-VALUE}; vn.py uses 10000).")
    long heartbeatMs;

    @Override
    public Integer call() throws Exception {
        Path home = parent.homeOption.resolve();
        // Log events reach the console only once start-up cannot be refused any more (a refusal is one line).
        MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home).installLogEventLogger(false));
        RpcEngine rpc;
        try {
            // Everything that can be refused is checked before the gateway connects, so that a refusal is one line.
            GatewayFactory factory = findGateway(engine, gateway);
            List<AppFactory> otherApps = findApps(engine, apps);
            GatewaySettings settings = connectSettings(home);
            RpcEngine.Context rpcContext = new RpcEngine.Context().allowInsecure(insecure)
                    .heartbeatIntervalMs(heartbeatMs).auditFsync(auditFsync).allowListFile(allowListFile);
            if (curve || serverKeyFile != null) {
                Path keyFile = serverKeyFile != null ? serverKeyFile : home.resolve("keys").resolve("server.key_secret");
                try {
                    rpcContext.curveKeys(io.jtrader.rpc.security.CurveKeys.readSecret(keyFile));
                } catch (io.jtrader.rpc.RpcConfigurationException e) {
                    throw new StartupException(e.getMessage());
                }
            }
            rpc = (RpcEngine) engine.addApp(new RpcServiceApp(() -> rpcContext));
            otherApps.forEach(engine::addApp);
            boolean overridden = rep != null || pub != null;
            rpc.start(rep != null ? rep : rpc.repAddress(), pub != null ? pub : rpc.pubAddress(), !overridden);
            LogEventLogger.install(engine.eventEngine());
            engine.addGateway(factory, gateway);
            try {
                engine.connect(settings, gateway);
            } catch (GatewayException e) {
                throw new StartupException("gateway " + gateway + " cannot connect: " + e.getMessage());
            }
        } catch (RpcServiceException | IllegalArgumentException e) {
            abort(engine);
            throw new StartupException(e.getMessage());
        } catch (RuntimeException e) {
            abort(engine);
            throw e;
        }
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.onSignal(engine);
        PrintStream out = System.out;
        out.println("READY rep=" + rpc.boundRepEndpoint() + " pub=" + rpc.boundPubEndpoint());
        out.flush();
        LOG.info("serving gateway {} on rep={} pub={} (home {}); Ctrl-C to stop", gateway, rpc.boundRepEndpoint(),
                rpc.boundPubEndpoint(), home);
        lifecycle.awaitExit();
        return 0;
    }

    /** A refused start-up: the reason is the one line on stderr, so the engine closes without logging more. */
    private static void abort(MainEngine engine) {
        Lifecycle.flushLogs();
        Lifecycle.closeQuietly(engine);
    }

    private static GatewayFactory findGateway(MainEngine engine, String name) {
        Map<String, GatewayFactory> byName = engine.gatewayFactories().stream()
                .collect(Collectors.toMap(GatewayFactory::defaultName, f -> f, (a, b) -> a));
        GatewayFactory factory = byName.get(name);
        if (factory == null) {
            throw new StartupException("unknown gateway '" + name + "'; available: " + String.join(", ", byName.keySet()));
        }
        return factory;
    }

    /** The factories of the named apps other than the RPC service (which always runs), each once, in order. */
    private static List<AppFactory> findApps(MainEngine engine, List<String> names) {
        Map<String, AppFactory> byName = new LinkedHashMap<>();
        engine.appFactories().forEach(f -> byName.putIfAbsent(f.appName(), f));
        List<AppFactory> found = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            AppFactory factory = byName.get(name);
            if (factory == null) {
                throw new StartupException("unknown app '" + name + "'; available: " + String.join(", ", byName.keySet()));
            }
            if (!RpcEngine.APP_NAME.equals(name)) {
                found.add(factory);
            }
        }
        return found;
    }

    private GatewaySettings connectSettings(Path home) {
        try {
            if (connectFile != null) {
                Path file = connectFile.toAbsolutePath().normalize();
                if (!Files.isRegularFile(file)) {
                    throw new StartupException("connect settings file " + file + " does not exist");
                }
                return GatewaySettings.of(new SettingsStore(file.getParent()).load(file.getFileName().toString()));
            }
            SettingsStore store = new SettingsStore(home);
            String name = SettingsFiles.connect(gateway);
            return store.exists(name) ? GatewaySettings.of(store.load(name)) : GatewaySettings.empty();
        } catch (SettingsException e) {
            throw new StartupException(e.getMessage());
        }
    }
}
