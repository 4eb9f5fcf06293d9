package io.jtrader.ui.view;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.settings.SettingsFiles;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.ui.app.CommandThread;
import io.jtrader.ui.app.RpcEngineControl;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.UiLanguage;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two trader windows in one test, each on its own main engine: the first trades SIM and serves it through the real
 * RPC service (started and stopped from its RPC service window, on free ports); the second connects to it through
 * System → Connect RPC and sees the first one's orders, as a vn.py client station would.
 */
@ExtendWith(ApplicationExtension.class)
class RpcServiceWindowTest {
    private static final String FREE_PORT = "tcp://127.0.0.1:0";

    @TempDir
    static Path home;

    private MainEngine server;
    private MainEngine client;
    private CommandThread serverCommands;
    private CommandThread clientCommands;
    private MainWindow serverWindow;
    private MainWindow clientWindow;
    private Stage serverStage;
    private Stage clientStage;

    @Start
    void start(Stage stage) {
        String run = Long.toString(System.nanoTime());
        server = new MainEngine(new MainEngine.Context().homeDir(home.resolve("server-" + run)));
        server.addGateway("SIM");
        server.connect(GatewaySettings.of(Map.of("tick interval ms", 100L, "journal", false)), "SIM");
        serverCommands = new CommandThread();
        serverWindow = new MainWindow(Messages.of(UiLanguage.ENGLISH), server, serverCommands,
                RpcEngineControl.locator(), () -> { });
        serverStage = stage;
        serverWindow.show(serverStage);
        serverStage.setX(0);
        serverStage.setY(0);

        client = new MainEngine(new MainEngine.Context().homeDir(home.resolve("client-" + run)));
        clientCommands = new CommandThread();
        clientWindow = new MainWindow(Messages.of(UiLanguage.ENGLISH), client, clientCommands, e -> {
            throw new IllegalStateException("the client window serves nothing in this test");
        }, () -> { });
        clientStage = new Stage();
        clientWindow.show(clientStage);
        clientStage.setX(560);
        clientStage.setY(380);
    }

    @AfterEach
    void tearDown() {
        clientCommands.close();
        serverCommands.close();
        client.close();
        server.close();
    }

    @Test
    @Timeout(90)
    void shouldStartAndStopTheRpcServiceFromItsWindow(FxRobot robot) throws Exception {
        openRpcServiceWindowOfTheServer(robot);
        assertThat(text(robot, "#rpcState")).isEqualTo("Stopped");
        assertThat(text(robot, "#rpcClients")).isEqualTo("not known");

        typeAddress(robot, "#repAddress", FREE_PORT);
        typeAddress(robot, "#pubAddress", FREE_PORT);
        robot.clickOn("#rpcStart");

        await().atMost(ofSeconds(15)).until(() -> text(robot, "#rpcState").startsWith("Running"));
        RpcEngine rpc = RpcServiceApp.engineOf(server).orElseThrow();
        String rep = rpc.boundRepEndpoint();
        String pub = rpc.boundPubEndpoint();
        assertThat(port(rep)).isPositive();
        assertThat(text(robot, "#rpcState")).isEqualTo("Running (request " + rep + ", publish " + pub + ")");
        await().atMost(ofSeconds(5)).until(() -> rpcLog(robot).contains("RPC服务启动成功"));
        assertThat(robot.lookup("#rpcStart").queryAs(Node.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#repAddress").queryAs(Node.class).isDisabled()).isTrue();
        assertThat(server.settings().load(SettingsFiles.RPC_SERVICE))
                .containsEntry(RpcEngine.REP_ADDRESS_KEY, FREE_PORT).containsEntry(RpcEngine.PUB_ADDRESS_KEY, FREE_PORT);

        robot.clickOn("#rpcStop");

        await().atMost(ofSeconds(15)).until(() -> text(robot, "#rpcState").equals("Stopped"));
        await().atMost(ofSeconds(5)).until(() -> rpcLog(robot).contains("RPC服务已停止"));
        assertThat(rpc.isActive()).isFalse();
        assertThat(robot.lookup("#rpcStart").queryAs(Node.class).isDisabled()).isFalse();
        try (ServerSocket reuse = new ServerSocket(port(rep), 1, InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).as("the request port is released on stop").isEqualTo(port(rep));
        }

        robot.clickOn("#rpcStart");
        await().atMost(ofSeconds(15)).until(() -> text(robot, "#rpcState").startsWith("Running"));
        assertThat(rpc.isActive()).as("the service starts again after a stop").isTrue();
    }

    @Test
    @Timeout(90)
    void shouldLetASecondEngineConnectThroughConnectRpcAndSeeTheFirstOnesOrders(FxRobot robot) throws Exception {
        server.settings().save(SettingsFiles.RPC_SERVICE,
                Map.of(RpcEngine.REP_ADDRESS_KEY, FREE_PORT, RpcEngine.PUB_ADDRESS_KEY, FREE_PORT));
        robot.interact(() -> assertThat(serverWindow.startRpcService()).isTrue());
        await().atMost(ofSeconds(15)).until(() -> text(robot, "#rpcState").startsWith("Running"));
        RpcEngine rpc = RpcServiceApp.engineOf(server).orElseThrow();
        robot.interact(() -> {   // out of the way of the client window's menu bar
            Stage rpcStage = serverWindow.rpcServiceWindow().orElseThrow().stage();
            rpcStage.setX(0);
            rpcStage.setY(700);
        });

        ContractData rb = awaitContract();
        server.subscribe(new SubscribeRequest(rb.symbol(), rb.exchange()), "SIM");
        await().atMost(ofSeconds(15)).until(() -> server.oms().getTick(rb.vtSymbol()) != null);
        TickData tick = server.oms().getTick(rb.vtSymbol());
        String before = server.sendOrder(restingBuy(rb, tick, 20), "SIM");
        assertThat(before).startsWith("SIM.");

        robot.clickOn(menu(robot, clientStage, "System")).clickOn("Connect RPC");
        typeAddress(robot, "#setting1", rpc.boundRepEndpoint());
        typeAddress(robot, "#setting2", rpc.boundPubEndpoint());
        robot.clickOn("#connectButton");

        String beforeOnClient = "RPC." + before.substring("SIM.".length());
        await().atMost(ofSeconds(20)).until(() -> fx(() -> vtOrderIds(clientWindow.monitors().orders()))
                .contains(beforeOnClient));

        String after = server.sendOrder(restingBuy(rb, tick, 25), "SIM");
        String afterOnClient = "RPC." + after.substring("SIM.".length());
        await().atMost(ofSeconds(20)).until(() -> fx(() -> vtOrderIds(clientWindow.monitors().activeOrders()))
                .containsAll(List.of(beforeOnClient, afterOnClient)));
        OrderData seen = fx(() -> clientWindow.monitors().orders().stream()
                .filter(o -> o.vtOrderId().equals(afterOnClient)).findFirst().orElseThrow());
        assertThat(seen.status()).isEqualTo(Status.NOTTRADED);
        assertThat(seen.vtSymbol()).isEqualTo(rb.vtSymbol());
        assertThat(seen.gatewayName()).isEqualTo("RPC");
        assertThat(client.loadConnectSettings("RPC").asMap())
                .containsEntry("主动请求地址", rpc.boundRepEndpoint())
                .containsEntry("推送订阅地址", rpc.boundPubEndpoint());
    }

    // ------------------------------------------------------------------------------------ steps

    private void openRpcServiceWindowOfTheServer(FxRobot robot) {
        robot.clickOn(menu(robot, serverStage, "Functions")).clickOn("RPC Service");
        await().atMost(ofSeconds(5)).until(() -> robot.lookup("#rpcState").tryQuery().isPresent());
    }

    /** The menu button of one window's menu bar (both windows have the same menus). */
    private static Node menu(FxRobot robot, Stage stage, String title) {
        Parent root = stage.getScene().getRoot();
        return robot.from(root).lookup(".menu-bar .menu-button").match(
                (Node n) -> n instanceof javafx.scene.control.Labeled l && title.equals(l.getText())).query();
    }

    private static void typeAddress(FxRobot robot, String field, String address) {
        robot.interact(() -> robot.lookup(field).queryAs(TextField.class).clear());
        robot.clickOn(field).write(address);
        assertThat(robot.lookup(field).queryAs(TextField.class).getText()).isEqualTo(address);
    }

    private ContractData awaitContract() throws Exception {
        await().atMost(ofSeconds(15)).until(() -> server.oms().getAllContracts().stream()
                .anyMatch(c -> c.symbol().startsWith("rb")));
        return server.oms().getAllContracts().stream().filter(c -> c.symbol().startsWith("rb")).findFirst()
                .orElseThrow();
    }

    private static OrderRequest restingBuy(ContractData contract, TickData tick, int ticksBelow) {
        double price = Math.max(tick.limitDown(), tick.bidPrice1() - ticksBelow * contract.pricetick());
        return OrderRequest.limit(contract.symbol(), contract.exchange(), Direction.LONG, Offset.OPEN, price, 1);
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static String rpcLog(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#rpcLog").queryAs(TextArea.class).getText());
    }

    private static int port(String endpoint) {
        return URI.create(endpoint).getPort();
    }

    private static List<String> vtOrderIds(List<OrderData> orders) {
        return orders.stream().map(OrderData::vtOrderId).toList();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
