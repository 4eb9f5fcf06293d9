package io.jtrader.ui.view;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;
import io.jtrader.ui.app.CommandThread;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.PriceFormat;
import io.jtrader.ui.viewmodel.UiLanguage;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trader window on a local engine with the SIM gateway, driven through the screen as a user would: connect SIM
 * from the System menu, pick a contract and subscribe, send a marketable order and a resting one from the panel,
 * see them in orders and trades, cancel the resting one with a double-click.
 */
@ExtendWith(ApplicationExtension.class)
class TraderWindowTest {
    @TempDir
    static Path home;

    private MainEngine engine;
    private CommandThread commands;
    private MainWindow window;
    private final AtomicBoolean exited = new AtomicBoolean();

    @Start
    void start(Stage stage) {
        engine = new MainEngine(new MainEngine.Context().homeDir(home.resolve("w" + System.nanoTime())));
        commands = new CommandThread();
        window = new MainWindow(Messages.of(UiLanguage.ENGLISH), engine, commands,
                e -> {
                    throw new IllegalStateException("no RPC service in this test");
                }, () -> exited.set(true));
        window.show(stage);
    }

    @AfterEach
    void tearDown() {
        commands.close();
        engine.close();
    }

    @Test
    @Timeout(60)
    void shouldConnectSimSendFromThePanelAndCancelARestingOrderByDoubleClick(FxRobot robot) throws Exception {
        robot.clickOn("System").clickOn("Connect SIM");
        robot.clickOn("#connectButton");
        await().atMost(ofSeconds(15)).until(() -> fx(() -> window.monitors().contracts().stream()
                .anyMatch(c -> c.symbol().startsWith("rb"))));
        ContractData rb = fx(() -> window.monitors().contracts().stream().filter(c -> c.symbol().startsWith("rb"))
                .findFirst().orElseThrow());

        robot.clickOn("#symbol").write(rb.symbol());
        robot.interact(() -> robot.lookup("#exchange").<ComboBox<Exchange>>query().setValue(rb.exchange()));
        await().atMost(ofSeconds(15)).until(() -> fx(() -> window.trading().currentTickProperty().get() != null));
        assertThat(robot.lookup("#currentTick").<Label>query().getText()).startsWith(rb.vtSymbol());
        assertThat(fx(() -> window.monitors().ticks().size())).isEqualTo(1);

        TickData tick = fx(() -> window.trading().currentTickProperty().get());
        String buyAbove = PriceFormat.format(tick.askPrice1() + 10 * rb.pricetick(), rb.pricetick());
        robot.clickOn("#price").write(buyAbove);
        robot.clickOn("#volume").write("1");
        robot.clickOn("#send");

        await().atMost(ofSeconds(15)).until(() -> fx(() -> window.monitors().trades().size()) == 1);
        await().atMost(ofSeconds(5)).until(() -> fx(() -> statuses(window.monitors().orders()))
                .equals(List.of(Status.ALLTRADED)));
        assertThat(robot.lookup("#trades").<TableView<?>>query().getItems()).hasSize(1);

        double restingPrice = tick.limitDown();   // the market never trades through its own limit
        robot.interact(() -> robot.lookup("#price").<javafx.scene.control.TextField>query().clear());
        robot.clickOn("#price").write(PriceFormat.format(restingPrice, rb.pricetick()));
        assertThat(robot.lookup("#price").<javafx.scene.control.TextField>query().getText())
                .isEqualTo(PriceFormat.format(restingPrice, rb.pricetick()));
        robot.clickOn("#send");
        await().atMost(ofSeconds(15)).untilAsserted(() -> assertThat(fx(() -> statuses(window.monitors().activeOrders())))
                .as("active orders (all orders: %s)", fx(() -> statuses(window.monitors().orders())))
                .containsExactly(Status.NOTTRADED));

        robot.clickOn("Active Orders");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        // A double-click whose two clicks a loaded machine spreads beyond the platform's double-click time counts as
        // two single clicks; double-click the order's row again until the cancel has gone through.
        await().atMost(ofSeconds(15)).pollInterval(ofSeconds(1)).until(() -> {
            if (fx(() -> window.monitors().activeOrders().isEmpty())) {
                return true;
            }
            robot.doubleClickOn(robot.lookup("#activeOrders .table-row-cell")
                    .match((javafx.scene.control.TableRow<?> row) -> !row.isEmpty()).queryAs(javafx.scene.Node.class));
            return false;
        });
        assertThat(fx(() -> statuses(window.monitors().orders()))).containsExactly(Status.ALLTRADED,
                Status.CANCELLED);
        assertThat(fx(() -> window.monitors().trades().size())).isEqualTo(1);
    }

    @Test
    @Timeout(30)
    void shouldShowFieldErrorsAndSendNothingForInvalidInput(FxRobot robot) throws Exception {
        robot.clickOn("#symbol").write("rb 1");
        robot.clickOn("#price").write("abc");
        robot.clickOn("#send");

        assertThat(robot.lookup("#symbolError").<Label>query().getText()).isEqualTo("A symbol has no spaces or dots.");
        assertThat(robot.lookup("#priceError").<Label>query().getText()).isEqualTo("\"abc\" is not a number.");
        assertThat(robot.lookup("#volumeError").<Label>query().getText()).isEqualTo("Enter a volume.");
        assertThat(robot.lookup("#price").queryAs(javafx.scene.Node.class).getStyleClass()).contains("invalid");
        assertThat(fx(() -> window.monitors().orders().isEmpty())).isTrue();
        assertThat(robot.lookup("#tradingStatus").<Label>query().getText())
                .isEqualTo("Not sent: fix the highlighted fields.");
    }

    @Test
    @Timeout(30)
    void shouldHandOverToTheExitActionFromTheSystemMenu(FxRobot robot) {
        robot.clickOn("System").clickOn("Exit");
        await().atMost(ofSeconds(5)).untilTrue(exited);
    }

    private static List<Status> statuses(List<OrderData> orders) {
        return orders.stream().map(OrderData::status).toList();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
