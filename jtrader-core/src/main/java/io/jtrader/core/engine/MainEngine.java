package io.jtrader.core.engine;

import io.jtrader.core.app.App;
import io.jtrader.core.app.AppFactory;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewayFactory;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.QuoteRequest;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.oms.OmsEngine;
import io.jtrader.core.settings.JtraderHome;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.core.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * vn.py's {@code MainEngine}: owns the event engine, the {@link OmsEngine}, the gateways and the apps, and routes
 * commands to the gateway named in each call.
 *
 * <h2>Routing and errors</h2>
 * A command for a gateway name that was never added is not an exception: like vn.py it writes an {@code eLog}
 * {@code 找不到底层接口：NAME} and returns vn.py's empty answer ({@code ""} for {@link #sendOrder}, an empty
 * list for {@link #queryHistory}). A gateway that throws from {@code subscribe}, {@code sendOrder},
 * {@code cancelOrder}, {@code sendQuote}, {@code cancelQuote} or {@code queryHistory} is reported the same way
 * (an ERROR {@code eLog} naming the gateway, the command and the failure) and the empty answer is returned;
 * callers never see the gateway's exception. Only {@link #connect} rethrows (as a {@link GatewayException}),
 * because a failed connect must stop a start-up script. Like vn.py 4.2+, every subscribe, send, cancel and
 * history call is itself logged as one {@code eLog} (switch off with {@link Context#logCommands(boolean)}).
 *
 * <h2>Lifecycle</h2>
 * The constructor starts the event engine and installs the OMS and a {@link LogEventLogger}. {@link #close()}
 * closes the apps (last added first), then the gateways (last added first), then stops the event engine, which
 * dispatches what was still queued. It is idempotent; commands after it return the empty answers.
 *
 * <h2>Threading</h2>
 * Every public method is safe from any thread. Commands run on the caller's thread and call the gateway there
 * (gateway commands return promptly). {@code addGateway}/{@code addApp}/{@code close} are serialised.
 */
public final class MainEngine implements AutoCloseable {
    /** The {@code gatewayName} of the main engine's own log messages (vn.py 4.x's default source). */
    public static final String LOG_SOURCE = "MainEngine";

    private static final Logger LOG = LoggerFactory.getLogger(MainEngine.class);

    private final EventEngine eventEngine;
    private final Path homeDir;
    private final SettingsStore settings;
    private final OmsEngine oms;
    private final LogEventLogger logEventLogger;
    private final GatewayListener gatewayListener;
    private final ClassLoader classLoader;
    private final boolean logCommands;

    private final Object lifecycleLock = new Object();
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();
    private final List<String> gatewayOrder = new ArrayList<>();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final List<String> appOrder = new ArrayList<>();
    private volatile boolean closed;

    /** A main engine on {@code eventEngine} with the settings folder resolved as {@link JtraderHome} says. */
    public MainEngine(EventEngine eventEngine) {
        this(new Context().eventEngine(eventEngine));
    }

    public MainEngine(Context context) {
        Context ctx = context.conclude();
        this.eventEngine = ctx.eventEngine();
        this.homeDir = ctx.homeDir();
        this.settings = new SettingsStore(homeDir);
        this.classLoader = ctx.classLoader();
        this.logCommands = ctx.logCommands();
        this.gatewayListener = new EventGatewayListener(eventEngine);
        this.oms = new OmsEngine(eventEngine);
        this.logEventLogger = ctx.installLogEventLogger() ? LogEventLogger.install(eventEngine) : null;
        eventEngine.start();
    }

    public EventEngine eventEngine() {
        return eventEngine;
    }

    public OmsEngine oms() {
        return oms;
    }

    /** The {@code .jtrader/} settings folder (it may not exist until something is saved). */
    public Path homeDir() {
        return homeDir;
    }

    /** The JSON settings files in {@link #homeDir()}. */
    public SettingsStore settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------- gateways

    /** Every {@link GatewayFactory} found with {@link ServiceLoader}, one per default name, in discovery order. */
    public List<GatewayFactory> gatewayFactories() {
        return discover(GatewayFactory.class, GatewayFactory::defaultName);
    }

    /** Adds a gateway under its factory's default name. */
    public Gateway addGateway(GatewayFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("gateway factory must not be null");
        }
        return addGateway(factory, factory.defaultName());
    }

    /**
     * Creates a gateway with {@code factory} under {@code gatewayName} (so one kind can run twice, e.g. two RPC
     * clients) and adds it.
     *
     * @throws IllegalArgumentException when the name is invalid or already taken
     * @throws GatewayException         when the factory fails
     */
    public Gateway addGateway(GatewayFactory factory, String gatewayName) {
        if (factory == null) {
            throw new IllegalArgumentException("gateway factory must not be null");
        }
        if (gatewayName == null || gatewayName.isEmpty() || gatewayName.indexOf('.') >= 0) {
            throw new IllegalArgumentException("gateway name must be non-empty and contain no '.', got "
                    + (gatewayName == null ? "null" : "'" + gatewayName + "'"));
        }
        synchronized (lifecycleLock) {
            requireOpen("addGateway");
            if (gateways.containsKey(gatewayName)) {
                throw new IllegalArgumentException("a gateway named '" + gatewayName + "' was already added");
            }
            GatewayContext gatewayContext = new GatewayContext(gatewayName, gatewayListener, homeDir);
            Gateway gateway;
            try {
                gateway = factory.create(gatewayContext);
            } catch (RuntimeException e) {
                throw new GatewayException("cannot create gateway " + gatewayName + " with "
                        + factory.getClass().getName() + ": " + e.getMessage(), e);
            }
            if (gateway == null) {
                throw new GatewayException(factory.getClass().getName() + " created no gateway (null) for "
                        + gatewayName);
            }
            gateways.put(gatewayName, gateway);
            gatewayOrder.add(gatewayName);
            return gateway;
        }
    }

    /**
     * Adds the discovered gateway kind {@code defaultName} (e.g. {@code SIM}) under that name.
     *
     * @throws IllegalArgumentException naming the kinds found when there is no such kind on the class path
     */
    public Gateway addGateway(String defaultName) {
        return addGateway(findFactory(gatewayFactories(), GatewayFactory::defaultName, defaultName, "gateway"),
                defaultName);
    }

    /** The gateway added under {@code gatewayName}, if any. */
    public Optional<Gateway> getGateway(String gatewayName) {
        return gatewayName == null ? Optional.empty() : Optional.ofNullable(gateways.get(gatewayName));
    }

    /** Names of the added gateways, in the order they were added. */
    public List<String> gatewayNames() {
        synchronized (lifecycleLock) {
            return List.copyOf(gatewayOrder);
        }
    }

    /** Exchanges of all added gateways, without duplicates (vn.py {@code get_all_exchanges}). */
    public List<Exchange> exchanges() {
        Set<Exchange> all = new LinkedHashSet<>();
        for (String name : gatewayNames()) {
            Gateway gateway = gateways.get(name);
            if (gateway != null) {
                all.addAll(gateway.exchanges());
            }
        }
        return List.copyOf(all);
    }

    /**
     * The connect settings of a gateway and their defaults (vn.py {@code get_default_setting}); for an unknown
     * gateway an {@code eLog} and an empty map.
     */
    public Map<String, Object> getDefaultSettings(String gatewayName) {
        Gateway gateway = findGateway(gatewayName);
        return gateway == null ? Map.of() : gateway.defaultSettings();
    }

    /**
     * The saved connect settings of a gateway ({@code connect_<name lower>.json}) over its defaults.
     *
     * @throws io.jtrader.core.settings.SettingsException when the file exists but is not valid
     */
    public GatewaySettings loadConnectSettings(String gatewayName) {
        Map<String, Object> saved = settings.load(SettingsFiles.connect(gatewayName));
        return GatewaySettings.of(saved).withDefaults(getDefaultSettings(gatewayName));
    }

    /** Saves connect settings as {@code connect_<name lower>.json}, atomically. */
    public void saveConnectSettings(String gatewayName, GatewaySettings gatewaySettings) {
        settings.save(SettingsFiles.connect(gatewayName), gatewaySettings.asMap());
    }

    /**
     * Connects the gateway {@code gatewayName} with {@code settings} (missing keys take the gateway's defaults).
     * An unknown gateway is an {@code eLog} as in vn.py.
     *
     * @throws GatewayException when the gateway fails to connect (also reported as an ERROR {@code eLog})
     */
    public void connect(GatewaySettings settings, String gatewayName) {
        if (settings == null) {
            throw new IllegalArgumentException("connect settings must not be null");
        }
        Gateway gateway = findGateway(gatewayName);
        if (gateway == null) {
            return;
        }
        writeLog("连接接口 connect -> " + gatewayName, LOG_SOURCE);
        try {
            gateway.connect(settings.withDefaults(gateway.defaultSettings()));
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "connect", e);
            throw e instanceof GatewayException ge ? ge
                    : new GatewayException(gatewayName + " connect failed: " + describe(e), e);
        }
    }

    /** Subscribes market data of {@code request} on {@code gatewayName}. */
    public void subscribe(SubscribeRequest request, String gatewayName) {
        requireRequest(request, "subscribe");
        Gateway gateway = commandTarget(gatewayName, "订阅行情 subscribe", request.vtSymbol());
        if (gateway == null) {
            return;
        }
        try {
            gateway.subscribe(request);
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "subscribe " + request.vtSymbol(), e);
        }
    }

    /**
     * Sends an order through {@code gatewayName}.
     *
     * @return the gateway's vt_orderid, or {@code ""} when the gateway is unknown or failed (see the eLog)
     */
    public String sendOrder(OrderRequest request, String gatewayName) {
        requireRequest(request, "sendOrder");
        Gateway gateway = commandTarget(gatewayName, "委托下单 send_order", describe(request));
        if (gateway == null) {
            return "";
        }
        try {
            String vtOrderId = gateway.sendOrder(request);
            if (vtOrderId == null) {
                reportFailure(gatewayName, "send_order " + request.vtSymbol(),
                        new GatewayException(gatewayName + " returned no vt_orderid (null)"));
                return "";
            }
            return vtOrderId;
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "send_order " + request.vtSymbol(), e);
            return "";
        }
    }

    /** Cancels an order on {@code gatewayName}. */
    public void cancelOrder(CancelRequest request, String gatewayName) {
        requireRequest(request, "cancelOrder");
        Gateway gateway = commandTarget(gatewayName, "委托撤单 cancel_order", request.orderId() + " "
                + request.vtSymbol());
        if (gateway == null) {
            return;
        }
        try {
            gateway.cancelOrder(request);
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "cancel_order " + request.orderId(), e);
        }
    }

    /**
     * Sends a quote through {@code gatewayName}.
     *
     * @return the vt_quoteid, or {@code ""} when the gateway is unknown, does not quote or failed
     */
    public String sendQuote(QuoteRequest request, String gatewayName) {
        requireRequest(request, "sendQuote");
        Gateway gateway = commandTarget(gatewayName, "报价下单 send_quote", request.vtSymbol() + " bid "
                + request.bidVolume() + "@" + request.bidPrice() + " ask " + request.askVolume() + "@"
                + request.askPrice());
        if (gateway == null) {
            return "";
        }
        try {
            String vtQuoteId = gateway.sendQuote(request);
            return vtQuoteId == null ? "" : vtQuoteId;
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "send_quote " + request.vtSymbol(), e);
            return "";
        }
    }

    /** Cancels a quote on {@code gatewayName}. */
    public void cancelQuote(CancelRequest request, String gatewayName) {
        requireRequest(request, "cancelQuote");
        Gateway gateway = commandTarget(gatewayName, "报价撤单 cancel_quote", request.orderId() + " "
                + request.vtSymbol());
        if (gateway == null) {
            return;
        }
        try {
            gateway.cancelQuote(request);
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "cancel_quote " + request.orderId(), e);
        }
    }

    /**
     * Bars from {@code gatewayName}.
     *
     * @return the bars, or an empty list when the gateway is unknown or failed (see the eLog)
     */
    public List<BarData> queryHistory(HistoryRequest request, String gatewayName) {
        requireRequest(request, "queryHistory");
        Gateway gateway = commandTarget(gatewayName, "查询历史 query_history", request.vtSymbol() + " "
                + request.interval() + " " + request.start() + " .. " + request.end());
        if (gateway == null) {
            return List.of();
        }
        try {
            List<BarData> bars = gateway.queryHistory(request);
            return bars == null ? List.of() : List.copyOf(bars);
        } catch (RuntimeException e) {
            reportFailure(gatewayName, "query_history " + request.vtSymbol(), e);
            return List.of();
        }
    }

    // ------------------------------------------------------------------------------------------------ apps

    /** Every {@link AppFactory} found with {@link ServiceLoader}, one per app name, in discovery order. */
    public List<AppFactory> appFactories() {
        return discover(AppFactory.class, AppFactory::appName);
    }

    /**
     * Creates and adds an app.
     *
     * @throws IllegalArgumentException when an app of that name was already added
     */
    public App addApp(AppFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("app factory must not be null");
        }
        synchronized (lifecycleLock) {
            requireOpen("addApp");
            String appName = factory.appName();
            if (appName == null || appName.isBlank()) {
                throw new IllegalArgumentException(factory.getClass().getName() + " has no app name");
            }
            if (apps.containsKey(appName)) {
                throw new IllegalArgumentException("an app named '" + appName + "' was already added");
            }
            App app = factory.create(this);
            if (app == null) {
                throw new IllegalStateException(factory.getClass().getName() + " created no app (null)");
            }
            apps.put(appName, app);
            appOrder.add(appName);
            return app;
        }
    }

    /** Adds the discovered app {@code appName}. */
    public App addApp(String appName) {
        return addApp(findFactory(appFactories(), AppFactory::appName, appName, "app"));
    }

    public Optional<App> getApp(String appName) {
        return appName == null ? Optional.empty() : Optional.ofNullable(apps.get(appName));
    }

    /** Names of the added apps, in the order they were added. */
    public List<String> appNames() {
        synchronized (lifecycleLock) {
            return List.copyOf(appOrder);
        }
    }

    // --------------------------------------------------------------------------------------------- logging

    /** Puts an INFO {@code eLog} (vn.py {@code write_log}); {@code source} becomes the LogData's gateway name. */
    public void writeLog(String msg, String source) {
        writeLog(msg, source, LogData.INFO);
    }

    /** Puts an {@code eLog} at {@code level} (see the {@link LogData} constants). */
    public void writeLog(String msg, String source, int level) {
        LogData log = LogData.of(source == null || source.isEmpty() ? LOG_SOURCE : source, level, msg);
        if (!eventEngine.put(new Event(EventType.LOG, log))) {
            // The engine is stopped or full (it logged why); keep the message itself.
            LOG.warn("[{}] {}", log.gatewayName(), log.msg());
        }
    }

    // ----------------------------------------------------------------------------------------------- close

    /** Closes apps, then gateways (each last added first), then stops the event engine. Idempotent. */
    @Override
    public void close() {
        List<App> appsToClose = new ArrayList<>();
        List<Map.Entry<String, Gateway>> gatewaysToClose = new ArrayList<>();
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
            for (String name : appOrder) {
                appsToClose.add(apps.get(name));
            }
            for (String name : gatewayOrder) {
                gatewaysToClose.add(Map.entry(name, gateways.get(name)));
            }
        }
        Collections.reverse(appsToClose);
        Collections.reverse(gatewaysToClose);
        for (App app : appsToClose) {
            try {
                app.close();
            } catch (RuntimeException e) {
                LOG.error("app {} failed to close; continuing with the rest", app.appName(), e);
            }
        }
        for (Map.Entry<String, Gateway> entry : gatewaysToClose) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                LOG.error("gateway {} failed to close; continuing with the rest", entry.getKey(), e);
            }
        }
        oms.close();
        int left = eventEngine.stop();
        if (logEventLogger != null) {
            logEventLogger.close();
        }
        if (left > 0) {
            LOG.warn("main engine closed with {} events not dispatched", left);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------------------------- internals

    /** The gateway, after logging the command; null (and an eLog) when unknown or closed. */
    private Gateway commandTarget(String gatewayName, String command, String detail) {
        if (closed) {
            LOG.warn("{} -> {} ignored: the main engine is closed", command, gatewayName);
            return null;
        }
        Gateway gateway = findGateway(gatewayName);
        if (gateway != null && logCommands) {
            writeLog(command + " -> " + gatewayName + ": " + detail, LOG_SOURCE);
        }
        return gateway;
    }

    private Gateway findGateway(String gatewayName) {
        Gateway gateway = gatewayName == null ? null : gateways.get(gatewayName);
        if (gateway == null) {
            writeLog("找不到底层接口：" + gatewayName + " (no gateway named '" + gatewayName + "'; added: "
                    + String.join(", ", gatewayNames()) + ")", LOG_SOURCE, LogData.WARNING);
        }
        return gateway;
    }

    private void reportFailure(String gatewayName, String command, RuntimeException e) {
        LOG.debug("gateway {} failed in {}", gatewayName, command, e);
        writeLog(gatewayName + " " + command + " failed: " + describe(e), gatewayName, LogData.ERROR);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof GatewayException && message != null ? message : e.toString();
    }

    private static String describe(OrderRequest r) {
        return r.vtSymbol() + " " + r.direction() + " " + r.offset() + " " + r.type() + " " + r.volume() + "@"
                + r.price() + (r.reference().isEmpty() ? "" : " ref=" + r.reference());
    }

    private void requireOpen(String operation) {
        if (closed) {
            throw new IllegalStateException(operation + " after close(): the main engine is closed");
        }
    }

    private static void requireRequest(Object request, String command) {
        if (request == null) {
            throw new IllegalArgumentException(command + " request must not be null");
        }
    }

    private <T> List<T> discover(Class<T> type, Function<T, String> nameOf) {
        Map<String, T> found = new LinkedHashMap<>();
        Iterator<T> it = ServiceLoader.load(type, classLoader).iterator();
        int broken = 0;
        while (broken < 100) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                T provider = it.next();
                String name = nameOf.apply(provider);
                T previous = found.putIfAbsent(name, provider);
                if (previous != null) {
                    LOG.warn("two {}s named '{}': {} and {}; using the first", type.getSimpleName(), name,
                            previous.getClass().getName(), provider.getClass().getName());
                }
            } catch (ServiceConfigurationError e) {
                broken++;
                LOG.error("skipping a {} that cannot be loaded: {}", type.getSimpleName(), e.getMessage(), e);
            }
        }
        return List.copyOf(found.values());
    }

    private static <T> T findFactory(List<T> factories, Function<T, String> nameOf, String name, String kind) {
        for (T factory : factories) {
            if (nameOf.apply(factory).equals(name)) {
                return factory;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; available: "
                + factories.stream().map(nameOf).collect(Collectors.joining(", ", "[", "]"))
                + " (is its module on the class path?)");
    }

    /**
     * Settings of a {@link MainEngine}, validated by {@link #conclude()}.
     */
    public static final class Context {
        private EventEngine eventEngine;
        private Path homeDir;
        private ClassLoader classLoader;
        private boolean installLogEventLogger = true;
        private boolean logCommands = true;

        /** Fills defaults: a new {@link EventEngine}, the home from {@link JtraderHome#resolve(Path)}. */
        public Context conclude() {
            if (eventEngine == null) {
                eventEngine = new EventEngine();
            }
            homeDir = homeDir == null ? JtraderHome.resolve(null) : homeDir.toAbsolutePath().normalize();
            if (classLoader == null) {
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                classLoader = tccl != null ? tccl : MainEngine.class.getClassLoader();
            }
            return this;
        }

        /** The event engine the main engine starts, uses and stops on close; default a new one. */
        public EventEngine eventEngine() {
            return eventEngine;
        }

        public Context eventEngine(EventEngine eventEngine) {
            this.eventEngine = eventEngine;
            return this;
        }

        /** The {@code .jtrader/} folder; default resolved by {@link JtraderHome#resolve(Path)} with no --home. */
        public Path homeDir() {
            return homeDir;
        }

        public Context homeDir(Path homeDir) {
            this.homeDir = homeDir;
            return this;
        }

        /** Where {@link ServiceLoader} looks for gateways and apps; default the thread's context class loader. */
        public ClassLoader classLoader() {
            return classLoader;
        }

        public Context classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Whether {@code eLog}/{@code eRpcLog} events are written to SLF4J ({@link LogEventLogger}); default true. */
        public boolean installLogEventLogger() {
            return installLogEventLogger;
        }

        public Context installLogEventLogger(boolean installLogEventLogger) {
            this.installLogEventLogger = installLogEventLogger;
            return this;
        }

        /** Whether each subscribe/send/cancel/history call writes an {@code eLog} (vn.py 4.2+); default true. */
        public boolean logCommands() {
            return logCommands;
        }

        public Context logCommands(boolean logCommands) {
            this.logCommands = logCommands;
            return this;
        }
    }
}
