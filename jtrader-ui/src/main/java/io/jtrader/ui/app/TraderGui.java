package io.jtrader.ui.app;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.settings.JtraderHome;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.core.settings.SettingsStore;
import io.jtrader.ui.view.MainWindow;
import io.jtrader.ui.view.StartDialog;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.RpcServiceLocator;
import io.jtrader.ui.viewmodel.StartChoice;
import io.jtrader.ui.viewmodel.StartDialogViewModel;
import io.jtrader.ui.viewmodel.UiLanguage;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jtrader.core.app.AppFactory;
import io.jtrader.core.gateway.GatewayFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ServiceLoader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens the trader window and blocks until it is closed ({@code jtrader gui}, RunServer's GUI mode).
 *
 * <ol>
 * <li>Refuses at once, with one line, when there is no display ({@link Displays}).</li>
 * <li>Chooses what to load: the command line's gateways/apps if given; else the saved choice in
 * {@code gui_setting.json} when it says not to ask; else the start dialog. The choice is saved.</li>
 * <li>Creates the main engine on the settings folder, adds the chosen gateways and apps, optionally starts the RPC
 * service, and shows the window.</li>
 * <li>Exit (menu or window close) closes the main engine (apps, gateways, event engine) on the {@code ui-command}
 * thread, then ends JavaFX; {@code run} returns 0.</li>
 * </ol>
 */
public final class TraderGui {
    private static final Logger LOG = LoggerFactory.getLogger(TraderGui.class);

    private TraderGui() {
    }

    /**
     * Opens a window on a new main engine.
     *
     * @return 0 after a clean exit, also when the user quits the start dialog
     * @throws GuiException with one clear line when the window cannot open
     */
    public static int run(GuiOptions options, RpcServiceLocator rpcServiceLocator) {
        requireKnownNames(options);
        requireDisplay();
        Path home = JtraderHome.resolve(options.home());
        SettingsStore store = new SettingsStore(home);
        Messages messages = Messages.of(options.language().orElseGet(() -> languageOf(store)));
        return runOnFx(messages, rpcServiceLocator, options.startRpcService(), () -> {
            Optional<StartChoice> choice = chooseWhatToLoad(options, store, messages);
            if (choice.isEmpty()) {
                return null;
            }
            MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home));
            try {
                choice.get().gateways().forEach(engine::addGateway);
                choice.get().apps().forEach(engine::addApp);
            } catch (RuntimeException e) {
                engine.close();
                throw new GuiException(e.getMessage(), e);
            }
            return engine;
        });
    }

    /** Opens a window on a new main engine whose RPC service is the real one ({@link RpcEngineControl}). */
    public static int run(GuiOptions options) {
        return run(options, RpcEngineControl.locator());
    }

    /**
     * Opens a window on a main engine that is already set up (RunServer's GUI mode), with its real RPC service;
     * {@code startRpcService} starts the service with its saved addresses unless it already runs.
     */
    public static int run(MainEngine engine, UiLanguage language, boolean startRpcService) {
        return run(engine, language, RpcEngineControl.locator(), startRpcService);
    }

    /** Names of the gateways found with {@link ServiceLoader}, in discovery order. */
    public static List<String> discoveredGateways() {
        return discovered(GatewayFactory.class).stream().map(GatewayFactory::defaultName).distinct().toList();
    }

    /** Names of the apps found with {@link ServiceLoader}, in discovery order. */
    public static List<String> discoveredApps() {
        return discovered(AppFactory.class).stream().map(AppFactory::appName).distinct().toList();
    }

    /**
     * Refuses gateway and app names that no module provides, with one line naming the name and what is available
     * (the same check as {@code jtrader server --gateway/--app}).
     *
     * @throws GuiException for the first unknown name
     */
    public static void requireKnownNames(GuiOptions options) {
        requireKnown("gateway", options.gateways(), discoveredGateways());
        requireKnown("app", options.apps(), discoveredApps());
    }

    private static void requireKnown(String kind, List<String> names, List<String> available) {
        for (String name : names) {
            if (!available.contains(name)) {
                throw new GuiException("unknown " + kind + " '" + name + "'; available: "
                        + (available.isEmpty() ? "none" : String.join(", ", available)));
            }
        }
    }

    /**
     * Opens a window on a main engine that is already set up (RunServer's GUI mode); closing the window closes it.
     */
    public static int run(MainEngine engine, UiLanguage language, RpcServiceLocator rpcServiceLocator,
            boolean startRpcService) {
        requireDisplay();
        return runOnFx(Messages.of(language), rpcServiceLocator, startRpcService, () -> engine);
    }

    /** The language {@code vt_setting.json} asks for, else the system locale's. */
    public static UiLanguage languageOf(SettingsStore store) {
        try {
            return UiLanguage.resolve(store.load(SettingsFiles.VT_SETTING), Locale.getDefault());
        } catch (RuntimeException e) {
            throw new GuiException(e.getMessage(), e);
        }
    }

    private static void requireDisplay() {
        Optional<String> problem = Displays.problem();
        if (problem.isPresent()) {
            throw new GuiException(problem.get());
        }
    }

    /** Supplies the engine on the FX thread, or null when the user chose not to start. */
    @FunctionalInterface
    private interface EngineSupplier {
        MainEngine get();
    }

    private static int runOnFx(Messages messages, RpcServiceLocator locator, boolean startRpcService,
            EngineSupplier engineSupplier) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CommandThread commands = new CommandThread();
        AtomicReference<MainEngine> opened = new AtomicReference<>();
        Thread onSignal = new Thread(() -> {
            MainEngine engine = opened.get();
            if (engine != null) {
                engine.close();   // SIGTERM/SIGINT while the window is open: close gateways and apps cleanly
            }
        }, "trader-gui-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            Platform.setImplicitExit(false);
            startFx(() -> {
                try {
                    MainEngine engine = engineSupplier.get();
                    if (engine == null) {
                        closed.countDown();
                        return;
                    }
                    opened.set(engine);
                    MainWindow window = new MainWindow(messages, engine, commands, locator,
                            () -> closeAll(engine, commands, closed));
                    window.show(new Stage());
                    LOG.info("trader window open (home {}, gateways {}, apps {})", engine.homeDir(),
                            engine.gatewayNames(), engine.appNames());
                    if (startRpcService) {
                        window.startRpcService();
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                    MainEngine engine = opened.get();
                    if (engine != null) {
                        commands.execute(engine::close);
                    }
                    closed.countDown();
                }
            });
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuiException("interrupted while the window was open", e);
        } finally {
            try {
                commands.shutdown(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            commands.close();
            Platform.exit();
            removeHook(onSignal);
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e instanceof GuiException ge ? ge : new GuiException(e.getMessage(), e);
        }
        return 0;
    }

    /** The engine is closed by now; a hook that cannot be removed is already running (the JVM is shutting down). */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            LOG.debug("shutdown in progress; {} runs anyway", hook.getName());
        }
    }

    private static void startFx(Runnable onFxThread) {
        try {
            Platform.startup(onFxThread);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(onFxThread);
        } catch (RuntimeException | Error e) {
            throw new GuiException("JavaFX could not start: " + e, e);
        }
    }

    private static Optional<StartChoice> chooseWhatToLoad(GuiOptions options, SettingsStore store,
            Messages messages) {
        if (options.choiceGiven()) {
            StartChoice given = new StartChoice(options.gateways(), options.apps(), false);
            given.save(store);
            return Optional.of(given);
        }
        Optional<StartChoice> saved = StartChoice.load(store);
        if (saved.isPresent() && !saved.get().askOnStart()) {
            return saved;
        }
        Optional<StartChoice> chosen = new StartDialog(messages,
                new StartDialogViewModel(discoveredGateways(), discoveredApps(), saved)).showAndWait();
        chosen.ifPresent(c -> c.save(store));
        return chosen;
    }

    private static <T> List<T> discovered(Class<T> type) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, TraderGui.class.getClassLoader()).forEach(found::add);
        return found;
    }

    private static void closeAll(MainEngine engine, CommandThread commands, CountDownLatch closed) {
        LOG.info("closing the trader window: engines first");
        commands.execute(() -> {
            try {
                engine.close();
            } finally {
                closed.countDown();
            }
        });
    }
}
