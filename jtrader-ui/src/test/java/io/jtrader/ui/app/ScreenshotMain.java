package io.jtrader.ui.app;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.ui.view.MainWindow;
import io.jtrader.ui.view.RpcServiceWindow;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.UiLanguage;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes the README screenshots: the main window trading on SIM and the RPC service window with the real service
 * running (vn.py's ports 2014/4102 when free), in one language.
 * Run under a real display (e.g. Xvfb :99): {@code ScreenshotMain OUT_DIR zh|en}.
 */
public final class ScreenshotMain {
    private ScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        UiLanguage language = UiLanguage.parse(args[1], java.util.Locale.ROOT);
        String suffix = language == UiLanguage.CHINESE ? "zh" : "en";
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("jtrader-shots");
        // vn.py's default ports when free (as a user sees them), else free ones
        boolean defaultsFree = portFree(2014) && portFree(4102);
        new io.jtrader.core.settings.SettingsStore(home).save(io.jtrader.core.settings.SettingsFiles.RPC_SERVICE,
                Map.of(RpcEngine.REP_ADDRESS_KEY, defaultsFree ? RpcEngine.REP_ADDRESS_DEFAULT : "tcp://127.0.0.1:0",
                        RpcEngine.PUB_ADDRESS_KEY, defaultsFree ? RpcEngine.PUB_ADDRESS_DEFAULT : "tcp://127.0.0.1:0"));
        MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home));
        engine.addGateway("SIM");
        engine.connect(GatewaySettings.of(Map.of("tick interval ms", 200L, "journal", false)), "SIM");
        waitFor(() -> engine.oms().getAllContracts().size() > 3);
        List<ContractData> contracts = engine.oms().getAllContracts().stream()
                .filter(c -> c.product() == io.jtrader.core.model.Product.FUTURES).limit(6).toList();
        contracts.forEach(c -> engine.subscribe(new SubscribeRequest(c.symbol(), c.exchange()), "SIM"));
        ContractData first = contracts.get(0);
        waitFor(() -> engine.oms().getTick(first.vtSymbol()) != null);
        TickData t = engine.oms().getTick(first.vtSymbol());
        engine.sendOrder(OrderRequest.limit(first.symbol(), first.exchange(), Direction.LONG, Offset.OPEN,
                t.askPrice1() + 5 * first.pricetick(), 2), "SIM");
        engine.sendOrder(OrderRequest.limit(first.symbol(), first.exchange(), Direction.SHORT, Offset.OPEN,
                t.askPrice1() + 40 * first.pricetick(), 1), "SIM");
        engine.sendOrder(OrderRequest.limit(first.symbol(), first.exchange(), Direction.LONG, Offset.OPEN,
                t.bidPrice1() - 30 * first.pricetick(), 3), "SIM");
        waitFor(() -> engine.oms().getAllTrades().size() >= 1 && engine.oms().getAllActiveOrders().size() >= 2);

        Messages messages = Messages.of(language);
        CommandThread commands = new CommandThread();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                MainWindow window = new MainWindow(messages, engine, commands, RpcEngineControl.locator(),
                        () -> { });
                Stage stage = new Stage();
                window.show(stage);
                window.trading().fillFrom(first);
                window.trading().priceProperty().set(io.jtrader.ui.viewmodel.PriceFormat.format(t.bidPrice1(),
                        first.pricetick()));
                window.trading().volumeProperty().set("1");
                window.startRpcService();
                RpcServiceWindow rpc = window.rpcServiceWindow().orElseThrow();
                // let several pulses and ticks pass, then capture
                javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                        javafx.util.Duration.seconds(3));
                wait.setOnFinished(e -> {
                    try {
                        if (!RpcServiceApp.engineOf(engine).map(RpcEngine::isActive).orElse(false)) {
                            throw new IllegalStateException("the RPC service did not start");
                        }
                        save(stage.getScene(), out.resolve("main-window-" + suffix + ".png"));
                        save(rpc.stage().getScene(), out.resolve("rpc-window-" + suffix + ".png"));
                        done.complete(null);
                    } catch (Exception ex) {
                        done.completeExceptionally(ex);
                    }
                });
                wait.play();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(60, TimeUnit.SECONDS);
        } finally {
            Platform.exit();
            commands.close();
            engine.close();
        }
        System.out.println("screenshots written to " + out.toAbsolutePath());
    }

    private static void save(Scene scene, Path file) throws Exception {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                buffered.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        ImageIO.write(buffered, "png", file.toFile());
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for SIM");
            }
            Thread.sleep(50);
        }
    }
}
