package io.jtrader.ui.view;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewayFactory;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.TickData;
import io.jtrader.ui.viewmodel.ConnectViewModel;
import io.jtrader.ui.viewmodel.ContractSearchViewModel;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.MonitorsViewModel;
import io.jtrader.ui.viewmodel.RpcServiceLocator;
import io.jtrader.ui.viewmodel.RpcServiceViewModel;
import io.jtrader.ui.viewmodel.TradingCommands;
import io.jtrader.ui.viewmodel.TradingViewModel;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The trader window (vn.py's {@code MainWindow}): menus System (Connect &lt;gateway&gt; for every discovered gateway,
 * Exit), Functions (RPC Service, Find Contract), Help (About); the trading panel with the current tick and its depth
 * on the left; ticks, orders, active orders (double-click cancels), trades, positions, accounts and the log on the
 * right.
 */
public final class MainWindow {
    /** The window's stylesheet (colours for direction and PnL, field errors). */
    public static final String STYLESHEET = Objects.requireNonNull(
            MainWindow.class.getResource("/io/jtrader/ui/trader.css"), "trader.css on the class path").toExternalForm();
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final Messages m;
    private final MainEngine mainEngine;
    private final Executor commandExecutor;
    private final RpcServiceLocator rpcServiceLocator;
    private final Runnable onExit;
    private final MonitorsViewModel monitors;
    private final TradingViewModel trading;
    private final Monitors tables;
    /** Monitors update at most this often (50 a second): fast to the eye, light on the FX thread. */
    static final java.time.Duration MONITOR_UPDATE_INTERVAL = java.time.Duration.ofMillis(20);

    private Stage stage;
    private RpcServiceWindow rpcWindow;
    private RpcServiceViewModel rpcViewModel;
    private ContractSearchDialog searchDialog;

    /**
     * @param onExit called on the FX thread when the user chooses Exit or closes the window; it closes the engines
     */
    public MainWindow(Messages messages, MainEngine mainEngine, Executor commandExecutor,
            RpcServiceLocator rpcServiceLocator, Runnable onExit) {
        this.m = Objects.requireNonNull(messages, "messages");
        this.mainEngine = Objects.requireNonNull(mainEngine, "mainEngine");
        this.commandExecutor = Objects.requireNonNull(commandExecutor, "commandExecutor");
        this.rpcServiceLocator = Objects.requireNonNull(rpcServiceLocator, "rpcServiceLocator");
        this.onExit = Objects.requireNonNull(onExit, "onExit");
        this.monitors = new MonitorsViewModel(new PacedFxExecutor(MONITOR_UPDATE_INTERVAL)).attach(mainEngine.eventEngine());
        this.monitors.loadSnapshot(mainEngine.oms());
        this.trading = new TradingViewModel(m, TradingCommands.of(mainEngine), monitors::contract,
                monitors::activeOrders, commandExecutor, Platform::runLater);
        this.monitors.addTickWatcher(trading::onTick);
        this.tables = new Monitors(m, monitors);
        refreshGateways();
    }

    public MonitorsViewModel monitors() {
        return monitors;
    }

    public TradingViewModel trading() {
        return trading;
    }

    /** Builds the scene on {@code stage} and shows it. */
    public void show(Stage target) {
        this.stage = target;
        BorderPane root = new BorderPane();
        root.setTop(menuBar());
        root.setCenter(content());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1360, screen.getWidth()), Math.min(820, screen.getHeight()));
        scene.getStylesheets().add(STYLESHEET);
        target.setTitle(m.get("app.title"));
        target.setScene(scene);
        target.setOnCloseRequest(e -> {
            e.consume();
            exit();
        });
        target.show();
    }

    /** Closes the child windows and hands over to {@code onExit} (which closes the engines). */
    public void exit() {
        monitors.close();
        if (rpcViewModel != null) {
            rpcViewModel.close();
        }
        if (rpcWindow != null) {
            rpcWindow.stage().hide();
        }
        onExit.run();
    }

    // ------------------------------------------------------------------------------------ layout

    private MenuBar menuBar() {
        Menu system = new Menu(m.get("menu.system"));
        system.setId("menuSystem");
        for (GatewayFactory factory : mainEngine.gatewayFactories()) {
            String name = factory.defaultName();
            MenuItem connect = new MenuItem(m.format("menu.connect", name));
            connect.setId("connect-" + name);
            connect.setOnAction(e -> openConnectDialog(factory));
            system.getItems().add(connect);
        }
        MenuItem exit = new MenuItem(m.get("menu.exit"));
        exit.setId("exit");
        exit.setOnAction(e -> exit());
        system.getItems().addAll(new SeparatorMenuItem(), exit);

        Menu functions = new Menu(m.get("menu.functions"));
        functions.setId("menuFunctions");
        MenuItem rpc = new MenuItem(m.get("menu.rpcService"));
        rpc.setId("rpcService");
        rpc.setOnAction(e -> openRpcServiceWindow());
        MenuItem search = new MenuItem(m.get("menu.contractSearch"));
        search.setId("contractSearch");
        search.setOnAction(e -> openContractSearch());
        functions.getItems().addAll(rpc, search);

        Menu help = new Menu(m.get("menu.help"));
        help.setId("menuHelp");
        MenuItem about = new MenuItem(m.get("menu.about"));
        about.setId("about");
        about.setOnAction(e -> showAbout());
        help.getItems().add(about);
        return new MenuBar(system, functions, help);
    }

    private SplitPane content() {
        TableView<TickData> ticks = tables.ticks();
        ticks.getSelectionModel().selectedItemProperty().addListener((obs, was, tick) -> {
            if (tick != null) {
                monitors.selectedTickProperty().set(tick);
                if (!tick.vtSymbol().equals(vtSymbolOfPanel())) {
                    trading.fill(tick.symbol(), tick.exchange(), tick.gatewayName());
                    trading.onTick(tick);
                }
            }
        });
        TableView<OrderData> active = tables.orders("activeOrders", monitors.activeOrders());
        active.setRowFactory(table -> {
            TableRow<OrderData> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    trading.cancel(row.getItem());
                }
            });
            return row;
        });
        TabPane orderTabs = new TabPane(
                tab(m.get("monitor.activeOrders"), active),
                tab(m.get("monitor.orders"), tables.orders("orders", monitors.orders())),
                tab(m.get("monitor.trades"), tables.trades()));
        TabPane bookTabs = new TabPane(
                tab(m.get("monitor.positions"), tables.positions()),
                tab(m.get("monitor.accounts"), tables.accounts()),
                tab(m.get("monitor.logs"), tables.logs()));
        SplitPane right = new SplitPane(ticks, orderTabs, bookTabs);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.36, 0.68);

        TradingPanel panel = new TradingPanel(m, trading, monitors, this::openContractSearch);
        ScrollPane left = new ScrollPane(panel.node());
        left.setFitToWidth(true);
        left.setMinWidth(320);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(left, false);
        return split;
    }

    private static Tab tab(String title, TableView<?> table) {
        Tab tab = new Tab(title, table);
        tab.setClosable(false);
        tab.setId("tab-" + table.getId());
        return tab;
    }

    private String vtSymbolOfPanel() {
        String symbol = trading.symbolProperty().get();
        return trading.exchangeProperty().get() == null || symbol == null ? ""
                : symbol.trim() + "." + trading.exchangeProperty().get().value();
    }

    // ------------------------------------------------------------------------------------ actions

    /** System -> Connect NAME: adds the gateway if needed, asks for its settings, saves them, connects. */
    public void openConnectDialog(GatewayFactory factory) {
        String name = factory.defaultName();
        ConnectViewModel vm;
        try {
            if (mainEngine.getGateway(name).isEmpty()) {
                mainEngine.addGateway(factory);
                refreshGateways();
            }
            Map<String, Object> saved = mainEngine.loadConnectSettings(name).asMap();
            vm = new ConnectViewModel(name, mainEngine.getDefaultSettings(name), saved);
        } catch (RuntimeException e) {
            showError(m.format("connect.failed", name, e.getMessage()));
            return;
        }
        new ConnectDialog(m, vm, stage).showAndWait().ifPresent(settings -> connect(name, settings));
    }

    private void connect(String name, GatewaySettings settings) {
        commandExecutor.execute(() -> {
            try {
                mainEngine.saveConnectSettings(name, settings);
                mainEngine.connect(settings, name);
            } catch (RuntimeException e) {
                LOG.warn("connect {} failed", name, e);
                String message = m.format("connect.failed", name, e.getMessage());
                Platform.runLater(() -> showError(message));
            }
        });
    }

    /** Functions -> RPC Service. */
    public void openRpcServiceWindow() {
        if (rpcWindow == null) {
            try {
                rpcViewModel = new RpcServiceViewModel(m, rpcServiceLocator.locate(mainEngine), commandExecutor,
                        Platform::runLater).attach(mainEngine.eventEngine());
            } catch (RuntimeException e) {
                showError(m.format("rpc.unavailable", e.getMessage()));
                return;
            }
            rpcWindow = new RpcServiceWindow(m, rpcViewModel, stage);
        }
        rpcWindow.show();
    }

    /**
     * Opens the RPC service window and starts the service with the addresses it shows (its saved ones), unless it
     * is already running (RunServer's GUI mode, {@code jtrader gui --start-rpc}). A failure to start is shown in the
     * window's log.
     *
     * @return false when the RPC service is not available (an error dialog says why)
     */
    public boolean startRpcService() {
        openRpcServiceWindow();
        if (rpcViewModel == null) {
            return false;
        }
        rpcViewModel.refreshState();
        if (!rpcViewModel.activeProperty().get()) {
            rpcViewModel.start();
        }
        return true;
    }

    /** The RPC service window, once opened. */
    public java.util.Optional<RpcServiceWindow> rpcServiceWindow() {
        return java.util.Optional.ofNullable(rpcWindow);
    }

    /** Functions -> Find Contract. */
    public void openContractSearch() {
        if (searchDialog == null) {
            searchDialog = new ContractSearchDialog(m, tables, new ContractSearchViewModel(monitors.contracts()),
                    contract -> {
                        trading.fillFrom(contract);
                        monitors.tick(contract.vtSymbol()).ifPresent(trading::onTick);
                    }, stage);
        }
        searchDialog.show();
    }

    private void showAbout() {
        String version = Objects.requireNonNullElse(MainWindow.class.getPackage().getImplementationVersion(), "dev");
        Alert about = new Alert(Alert.AlertType.INFORMATION, m.format("about.text", version,
                Runtime.version().toString(), System.getProperty("javafx.runtime.version", "?"),
                mainEngine.homeDir().toString()));
        about.setTitle(m.get("about.title"));
        about.setHeaderText(null);
        about.initOwner(stage);
        about.show();
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle(m.get("error.title"));
        alert.setHeaderText(null);
        if (stage != null) {
            alert.initOwner(stage);
        }
        alert.show();
    }

    private void refreshGateways() {
        for (String name : mainEngine.gatewayNames()) {
            if (!trading.gateways().contains(name)) {
                trading.gateways().add(name);
            }
        }
        if ((trading.gatewayProperty().get() == null || trading.gatewayProperty().get().isEmpty())
                && !trading.gateways().isEmpty()) {
            trading.gatewayProperty().set(trading.gateways().get(0));
        }
    }
}
