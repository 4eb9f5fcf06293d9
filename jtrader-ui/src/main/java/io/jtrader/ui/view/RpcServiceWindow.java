package io.jtrader.ui.view;

import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.RpcServiceViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The RPC service window (vn.py's {@code RpcManager}, "RPC服务"): the request/reply and publish addresses, Start and
 * Stop (one enabled at a time), the state and connected clients, and the service log.
 */
public final class RpcServiceWindow {
    private final Messages m;
    private final RpcServiceViewModel vm;
    private final Stage stage = new Stage();
    private final Timeline refresh;

    public RpcServiceWindow(Messages messages, RpcServiceViewModel viewModel, Window owner) {
        this.m = messages;
        this.vm = viewModel;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(m.get("rpc.title"));
        stage.setScene(new Scene(build(), 900, 500));
        stage.getScene().getStylesheets().add(MainWindow.STYLESHEET);
        refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refreshState()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        stage.setOnShown(e -> refresh.play());
        stage.setOnHidden(e -> refresh.stop());
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        vm.refreshState();
        stage.show();
        stage.toFront();
    }

    private VBox build() {
        TextField rep = new TextField();
        rep.setId("repAddress");
        rep.setPrefColumnCount(28);
        rep.textProperty().bindBidirectional(vm.repAddressProperty());
        rep.disableProperty().bind(vm.activeProperty().or(vm.busyProperty()));
        TextField pub = new TextField();
        pub.setId("pubAddress");
        pub.setPrefColumnCount(28);
        pub.textProperty().bindBidirectional(vm.pubAddressProperty());
        pub.disableProperty().bind(vm.activeProperty().or(vm.busyProperty()));

        Button start = new Button(m.get("rpc.start"));
        start.setId("rpcStart");
        start.setPrefSize(160, 48);
        start.disableProperty().bind(vm.activeProperty().or(vm.busyProperty()));
        start.setOnAction(e -> vm.start());
        Button stop = new Button(m.get("rpc.stop"));
        stop.setId("rpcStop");
        stop.setPrefSize(160, 48);
        stop.disableProperty().bind(vm.activeProperty().not().or(vm.busyProperty()));
        stop.setOnAction(e -> vm.stop());

        Label state = new Label();
        state.setId("rpcState");
        state.textProperty().bind(vm.stateProperty());
        Label clients = new Label();
        clients.setId("rpcClients");
        clients.textProperty().bind(vm.clientsProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label(m.get("rpc.repAddress")), rep);
        form.addRow(1, new Label(m.get("rpc.pubAddress")), pub);
        form.addRow(2, new Label(m.get("rpc.state")), state);
        form.addRow(3, new Label(m.get("rpc.clients")), clients);

        HBox buttons = new HBox(10, start, stop);
        VBox left = new VBox(16, form, buttons);
        left.setMinWidth(420);

        TextArea log = new TextArea();
        log.setId("rpcLog");
        log.getStyleClass().add("rpc-log");
        log.setEditable(false);
        log.setWrapText(false);
        vm.logLines().forEach(line -> log.appendText(line + "\n"));
        vm.logLines().addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && change.getFrom() == 0 && !change.wasAdded()) {
                    log.setText(String.join("\n", vm.logLines()) + "\n");
                    return;
                }
                for (String line : change.getAddedSubList()) {
                    log.appendText(line + "\n");
                }
            }
        });
        HBox.setHgrow(log, Priority.ALWAYS);
        HBox content = new HBox(16, left, log);
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox root = new VBox(content);
        root.setStyle("-fx-padding: 16;");
        return root;
    }
}
