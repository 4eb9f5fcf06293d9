package io.jtrader.ui.view;

import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.StartChoice;
import io.jtrader.ui.viewmodel.StartDialogViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.Map;
import java.util.Optional;

/** The start dialog (like vn.py's station): tick the gateways and apps to load. */
public final class StartDialog {
    private final Dialog<StartChoice> dialog = new Dialog<>();

    public StartDialog(Messages m, StartDialogViewModel vm) {
        dialog.setTitle(m.get("start.title"));
        dialog.setHeaderText(null);
        VBox content = new VBox(6);
        content.setMinWidth(360);
        Label gateways = new Label(m.get("start.gateways"));
        gateways.getStyleClass().add("panel-title");
        content.getChildren().add(gateways);
        addChecks(content, vm.gateways(), "gateway-");
        Label apps = new Label(m.get("start.apps"));
        apps.getStyleClass().add("panel-title");
        content.getChildren().add(apps);
        addChecks(content, vm.apps(), "app-");
        CheckBox ask = new CheckBox(m.get("start.ask"));
        ask.setId("askOnStart");
        ask.selectedProperty().bindBidirectional(vm.askOnStartProperty());
        content.getChildren().add(ask);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        ButtonType ok = new ButtonType(m.get("start.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType quit = new ButtonType(m.get("start.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, quit);
        dialog.setResultConverter(button -> button == ok ? vm.choice() : null);
    }

    /** Shows the dialog and waits: the choice, or empty when the user quits. */
    public Optional<StartChoice> showAndWait() {
        return dialog.showAndWait();
    }

    private static void addChecks(VBox content, Map<String, BooleanProperty> names, String idPrefix) {
        names.forEach((name, ticked) -> {
            CheckBox box = new CheckBox(name);
            box.setId(idPrefix + name);
            box.selectedProperty().bindBidirectional(ticked);
            content.getChildren().add(box);
        });
    }
}
