package io.jtrader.ui.view;

import io.jtrader.core.model.ContractData;
import io.jtrader.ui.viewmodel.ContractSearchViewModel;
import io.jtrader.ui.viewmodel.Messages;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;

/**
 * The contract search window (vn.py's {@code ContractManager}): a filter field over every known contract; a
 * double-click or "Use" fills the trading panel with the contract.
 */
final class ContractSearchDialog {
    private final Stage stage = new Stage();

    ContractSearchDialog(Messages m, Monitors monitors, ContractSearchViewModel vm, Consumer<ContractData> use,
            Window owner) {
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(m.get("search.title"));
        TextField filter = new TextField();
        filter.setId("contractFilter");
        filter.setPromptText(m.get("search.filter"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        TableView<ContractData> table = monitors.contracts(vm.matches());
        Button useButton = new Button(m.get("search.use"));
        useButton.setId("useContract");
        useButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        useButton.setOnAction(e -> {
            use.accept(table.getSelectionModel().getSelectedItem());
            stage.hide();
        });
        Button close = new Button(m.get("search.close"));
        close.setOnAction(e -> stage.hide());
        table.setOnMouseClicked(e -> {
            ContractData selected = table.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected != null) {
                use.accept(selected);
                stage.hide();
            }
        });
        HBox top = new HBox(8, filter, useButton, close);
        HBox.setHgrow(filter, Priority.ALWAYS);
        VBox root = new VBox(8, top, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setStyle("-fx-padding: 10;");
        stage.setScene(new Scene(root, 900, 480));
        stage.getScene().getStylesheets().add(MainWindow.STYLESHEET);
    }

    void show() {
        stage.show();
        stage.toFront();
    }
}
