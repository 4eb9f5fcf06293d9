package io.jtrader.ui.view;

import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.ui.viewmodel.ConnectViewModel;
import io.jtrader.ui.viewmodel.Messages;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/**
 * A gateway's connect dialog (vn.py's {@code ConnectDialog}): one row per default setting, labelled
 * {@code key <type>}. Pressing Connect returns the typed settings; a field that does not parse keeps the dialog open
 * and names the problem under the fields.
 */
public final class ConnectDialog {
    private final Dialog<GatewaySettings> dialog = new Dialog<>();
    private final ConnectViewModel vm;
    private final Label problem = new Label();

    public ConnectDialog(Messages m, ConnectViewModel viewModel, Window owner) {
        this.vm = viewModel;
        dialog.setTitle(m.format("connect.title", vm.gatewayName()));
        dialog.setHeaderText(null);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        for (ConnectViewModel.Field field : vm.fields()) {
            grid.addRow(row++, new Label(field.label()), control(field, row));
        }
        problem.setId("connectProblem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        VBox content = new VBox(10, grid, problem);
        content.setMinWidth(420);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        ButtonType connect = new ButtonType(m.get("connect.button"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(m.get("connect.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, cancel);
        dialog.getDialogPane().lookupButton(connect).setId("connectButton");
        dialog.getDialogPane().lookupButton(connect).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                vm.settings();
                problem.setText("");
            } catch (IllegalArgumentException ex) {
                problem.setText(m.format("connect.invalid", ex.getMessage()));
                e.consume();
            }
        });
        dialog.setResultConverter(button -> button == connect ? vm.settings() : null);
    }

    /** Shows the dialog and waits: the settings to connect with, or empty when cancelled. */
    public Optional<GatewaySettings> showAndWait() {
        return dialog.showAndWait();
    }

    public Dialog<GatewaySettings> dialog() {
        return dialog;
    }

    private javafx.scene.Node control(ConnectViewModel.Field field, int row) {
        String id = "setting" + row;
        switch (field.kind()) {
            case CHOICE -> {
                ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(field.choices()));
                box.setId(id);
                box.valueProperty().bindBidirectional(field.valueProperty());
                return box;
            }
            case FLAG -> {
                CheckBox check = new CheckBox();
                check.setId(id);
                check.setSelected(Boolean.parseBoolean(field.valueProperty().get()));
                check.selectedProperty().addListener((obs, was, now) -> field.valueProperty().set(String.valueOf(now)));
                return check;
            }
            default -> {
                TextField text = new TextField();
                text.setId(id);
                text.setPrefColumnCount(26);
                text.textProperty().bindBidirectional(field.valueProperty());
                return text;
            }
        }
    }
}
