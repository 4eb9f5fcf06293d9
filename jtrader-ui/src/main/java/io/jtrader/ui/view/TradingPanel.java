package io.jtrader.ui.view;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.TickData;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.UiLanguage;
import io.jtrader.ui.viewmodel.MonitorsViewModel;
import io.jtrader.ui.viewmodel.PriceFormat;
import io.jtrader.ui.viewmodel.TradingViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The manual trading panel (vn.py's {@code TradingWidget}) with the current tick and its five depth levels below.
 * Each field shows its error under it and is outlined while invalid.
 */
final class TradingPanel {
    private final Messages m;
    private final TradingViewModel vm;
    private final MonitorsViewModel monitors;
    private final Runnable openSearch;
    private final VBox root = new VBox();

    TradingPanel(Messages messages, TradingViewModel viewModel, MonitorsViewModel monitors, Runnable openSearch) {
        this.m = messages;
        this.vm = viewModel;
        this.monitors = monitors;
        this.openSearch = openSearch;
        build();
    }

    Node node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("trading-panel");
        root.setId("tradingPanel");
        root.setMinWidth(300);
        root.setPrefWidth(320);

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);

        TextField symbol = new TextField();
        symbol.setId("symbol");
        symbol.textProperty().bindBidirectional(vm.symbolProperty());
        symbol.setOnAction(e -> vm.subscribe());
        symbol.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                vm.subscribe();
            }
        });
        Button search = new Button(m.get("trading.search"));
        search.setId("searchContract");
        search.setOnAction(e -> openSearch.run());
        HBox symbolRow = new HBox(4, symbol, search);
        HBox.setHgrow(symbol, Priority.ALWAYS);

        ComboBox<Exchange> exchange = combo("exchange", List.of(Exchange.values()), Exchange::value);
        exchange.valueProperty().bindBidirectional(vm.exchangeProperty());
        exchange.setOnAction(e -> vm.subscribe());
        ComboBox<Direction> direction = combo("direction", List.of(Direction.LONG, Direction.SHORT, Direction.NET),
                d -> EnumTexts.direction(m, d));
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        ComboBox<Offset> offset = combo("offset", List.of(Offset.values()), o -> o == Offset.NONE ? "-"
                : EnumTexts.offset(m, o));
        offset.valueProperty().bindBidirectional(vm.offsetProperty());
        ComboBox<OrderType> type = combo("orderType", List.of(OrderType.LIMIT, OrderType.MARKET, OrderType.FAK,
                OrderType.FOK), t -> m.language() == UiLanguage.CHINESE ? t.value() : t.englishValue());
        type.valueProperty().bindBidirectional(vm.orderTypeProperty());
        TextField price = new TextField();
        price.setId("price");
        price.textProperty().bindBidirectional(vm.priceProperty());
        TextField volume = new TextField();
        volume.setId("volume");
        volume.textProperty().bindBidirectional(vm.volumeProperty());
        ComboBox<String> gateway = new ComboBox<>(vm.gateways());
        gateway.setId("gateway");
        gateway.setMaxWidth(Double.MAX_VALUE);
        gateway.valueProperty().bindBidirectional(vm.gatewayProperty());

        int row = 0;
        row = addRow(grid, row, "trading.symbol", symbolRow, symbol, vm.symbolErrorProperty());
        row = addRow(grid, row, "trading.exchange", exchange, exchange, vm.exchangeErrorProperty());
        row = addRow(grid, row, "trading.direction", direction, direction, null);
        row = addRow(grid, row, "trading.offset", offset, offset, null);
        row = addRow(grid, row, "trading.type", type, type, null);
        row = addRow(grid, row, "trading.price", price, price, vm.priceErrorProperty());
        row = addRow(grid, row, "trading.volume", volume, volume, vm.volumeErrorProperty());
        addRow(grid, row, "trading.gateway", gateway, gateway, vm.gatewayErrorProperty());

        Button send = new Button(m.get("trading.send"));
        send.setId("send");
        send.setDefaultButton(false);
        send.setMaxWidth(Double.MAX_VALUE);
        send.setOnAction(e -> vm.send());
        Button cancelAll = new Button(m.get("trading.cancelAll"));
        cancelAll.setId("cancelAll");
        cancelAll.setMaxWidth(Double.MAX_VALUE);
        cancelAll.setOnAction(e -> vm.cancelAll());
        HBox buttons = new HBox(6, send, cancelAll);
        HBox.setHgrow(send, Priority.ALWAYS);
        HBox.setHgrow(cancelAll, Priority.ALWAYS);

        Label status = new Label();
        status.setId("tradingStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        Label tickTitle = new Label(m.get("trading.tick"));
        tickTitle.getStyleClass().add("panel-title");
        Label tick = new Label();
        tick.setId("currentTick");
        tick.getStyleClass().add("current-tick");
        tick.setWrapText(true);
        tick.textProperty().bind(Bindings.createStringBinding(() -> tickText(vm.currentTickProperty().get()),
                vm.currentTickProperty()));

        Label depthTitle = new Label(m.get("monitor.depth"));
        depthTitle.getStyleClass().add("panel-title");
        DepthPanel depth = new DepthPanel(m, monitors, vm.currentTickProperty());

        Label title = new Label(m.get("trading.title"));
        title.getStyleClass().add("panel-title");
        root.getChildren().addAll(title, grid, buttons, status, tickTitle, tick, depthTitle, depth.node());
    }

    private int addRow(GridPane grid, int row, String labelKey, Node node, Control field,
            ObservableStringValue error) {
        Label label = new Label(m.get(labelKey));
        grid.add(label, 0, row);
        grid.add(node, 1, row);
        if (error == null) {
            return row + 1;
        }
        Label errorLabel = new Label();
        errorLabel.setId(field.getId() + "Error");
        errorLabel.getStyleClass().add("field-error");
        errorLabel.setWrapText(true);
        errorLabel.textProperty().bind(error);
        errorLabel.visibleProperty().bind(Bindings.isNotEmpty(error));
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        error.addListener((obs, was, now) -> {
            field.getStyleClass().remove("invalid");
            if (now != null && !now.isEmpty()) {
                field.getStyleClass().add("invalid");
            }
        });
        grid.add(errorLabel, 1, row + 1);
        return row + 2;
    }

    private static <E> ComboBox<E> combo(String id, List<E> values, java.util.function.Function<E, String> text) {
        ComboBox<E> box = new ComboBox<>(FXCollections.observableArrayList(values));
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(EnumTexts.converter(text));
        return box;
    }

    private String tickText(TickData t) {
        if (t == null) {
            return m.get("trading.tick.none");
        }
        String v = t.vtSymbol();
        return m.format("trading.tick.text", v, monitors.formatPrice(v, t.lastPrice()),
                monitors.formatPrice(v, t.bidPrice1()), PriceFormat.volume(t.bidVolume1()),
                monitors.formatPrice(v, t.askPrice1()), PriceFormat.volume(t.askVolume1()));
    }
}
