package io.jtrader.ui.viewmodel;

import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.VtIds;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The manual trading panel (vn.py's {@code TradingWidget}): symbol, exchange, direction, offset, order type,
 * price, volume and gateway; send and cancel all; the current tick of the symbol.
 *
 * <h2>Validation</h2>
 * Each field has an error text ({@code ""} when the field is fine), recomputed whenever any field changes; a
 * field the user has not filled in yet shows no error until a send is attempted. {@link #send()} validates
 * everything and sends nothing unless every field is valid. Price must be a positive number (empty or 0 allowed
 * for market orders) and a whole multiple of the contract's pricetick; volume a positive number and a multiple of
 * the contract's minimum volume; symbol free of spaces and dots.
 *
 * <p>Threading: UI thread, except that commands run on the command executor and report back on the UI executor.
 */
public final class TradingViewModel {
    private final Messages messages;
    private final TradingCommands commands;
    private final Function<String, Optional<ContractData>> contracts;
    private final Supplier<List<OrderData>> activeOrders;
    private final Executor commandExecutor;
    private final Executor uiExecutor;

    private final StringProperty symbol = new SimpleStringProperty(this, "symbol", "");
    private final ObjectProperty<Exchange> exchange = new SimpleObjectProperty<>(this, "exchange");
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(this, "direction", Direction.LONG);
    private final ObjectProperty<Offset> offset = new SimpleObjectProperty<>(this, "offset", Offset.OPEN);
    private final ObjectProperty<OrderType> orderType = new SimpleObjectProperty<>(this, "orderType", OrderType.LIMIT);
    private final StringProperty price = new SimpleStringProperty(this, "price", "");
    private final StringProperty volume = new SimpleStringProperty(this, "volume", "");
    private final StringProperty gateway = new SimpleStringProperty(this, "gateway", "");
    private final ObservableList<String> gateways = FXCollections.observableArrayList();

    private final ReadOnlyStringWrapper symbolError = new ReadOnlyStringWrapper(this, "symbolError", "");
    private final ReadOnlyStringWrapper exchangeError = new ReadOnlyStringWrapper(this, "exchangeError", "");
    private final ReadOnlyStringWrapper priceError = new ReadOnlyStringWrapper(this, "priceError", "");
    private final ReadOnlyStringWrapper volumeError = new ReadOnlyStringWrapper(this, "volumeError", "");
    private final ReadOnlyStringWrapper gatewayError = new ReadOnlyStringWrapper(this, "gatewayError", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<TickData> currentTick = new SimpleObjectProperty<>(this, "currentTick");
    private boolean sendAttempted;

    public TradingViewModel(Messages messages, TradingCommands commands,
            Function<String, Optional<ContractData>> contracts, Supplier<List<OrderData>> activeOrders,
            Executor commandExecutor, Executor uiExecutor) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.activeOrders = Objects.requireNonNull(activeOrders, "activeOrders");
        this.commandExecutor = Objects.requireNonNull(commandExecutor, "commandExecutor");
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
        List<ObservableValue<?>> inputs = List.of(symbol, exchange, direction, offset, orderType, price, volume,
                gateway);
        inputs.forEach(input -> input.addListener((obs, was, now) -> validate()));
        symbol.addListener((obs, was, now) -> currentTick.set(null));
        exchange.addListener((obs, was, now) -> currentTick.set(null));
        validate();
    }

    // ------------------------------------------------------------------------------------ commands

    /**
     * Validates every field and, when all are valid, sends the order on the command executor.
     *
     * @return true when the order was handed to the engine; false when a field is invalid (nothing was sent)
     */
    public boolean send() {
        sendAttempted = true;
        Optional<OrderRequest> request = validate();
        if (request.isEmpty()) {
            status.set(messages.get("trading.status.invalid"));
            return false;
        }
        OrderRequest req = request.get();
        String gatewayName = gateway.get().trim();
        status.set(messages.format("trading.status.sending", req.vtSymbol()));
        commandExecutor.execute(() -> {
            String vtOrderId = commands.sendOrder(req, gatewayName);
            uiExecutor.execute(() -> status.set(vtOrderId == null || vtOrderId.isEmpty()
                    ? messages.format("trading.status.refused", req.vtSymbol())
                    : messages.format("trading.status.sent", vtOrderId)));
        });
        return true;
    }

    /** Cancels every active order, each through its own gateway; returns how many cancels were requested. */
    public int cancelAll() {
        List<OrderData> orders = List.copyOf(activeOrders.get());
        commandExecutor.execute(() -> orders.forEach(o -> commands.cancelOrder(o.createCancelRequest(),
                o.gatewayName())));
        status.set(messages.format("trading.status.cancelAll", orders.size()));
        return orders.size();
    }

    /** Cancels one order (double-click in the active orders monitor). */
    public void cancel(OrderData order) {
        commandExecutor.execute(() -> commands.cancelOrder(order.createCancelRequest(), order.gatewayName()));
        status.set(messages.format("trading.status.cancel", order.vtOrderId()));
    }

    /** Fills symbol, exchange and gateway from a contract (the search dialog) and subscribes. */
    public void fillFrom(ContractData contract) {
        fill(contract.symbol(), contract.exchange(), contract.gatewayName());
    }

    /** Fills symbol, exchange and gateway (a row of the tick monitor) and subscribes. */
    public void fill(String newSymbol, Exchange newExchange, String gatewayName) {
        symbol.set(newSymbol);
        exchange.set(newExchange);
        if (gatewayName != null && !gatewayName.isEmpty()) {
            if (!gateways.contains(gatewayName)) {
                gateways.add(gatewayName);
            }
            gateway.set(gatewayName);
        }
        subscribe();
    }

    /**
     * Subscribes the symbol on the contract's gateway (or the selected one) so that its tick shows beside the panel.
     *
     * @return false when symbol, exchange or gateway are not valid yet
     */
    public boolean subscribe() {
        String sym = symbol.get().trim();
        Exchange ex = exchange.get();
        if (!symbolProblem(sym).isEmpty() || ex == null) {
            return false;
        }
        String vtSymbol = VtIds.vtSymbol(sym, ex);
        String gatewayName = contracts.apply(vtSymbol).map(ContractData::gatewayName).orElse(gateway.get().trim());
        if (gatewayName.isEmpty()) {
            return false;
        }
        commandExecutor.execute(() -> commands.subscribe(new SubscribeRequest(sym, ex), gatewayName));
        return true;
    }

    /** Called with every tick the monitors apply (UI thread): keeps the one of the panel's symbol. */
    public void onTick(TickData tick) {
        String sym = symbol.get().trim();
        if (tick.exchange() == exchange.get() && tick.symbol().equals(sym)) {
            currentTick.set(tick);
        }
    }

    // ------------------------------------------------------------------------------------ validation

    /** Recomputes every field's error; returns the request when all fields are valid. */
    public Optional<OrderRequest> validate() {
        String sym = symbol.get() == null ? "" : symbol.get().trim();
        Exchange ex = exchange.get();
        OrderType type = orderType.get();
        Optional<ContractData> contract = ex == null || !symbolProblem(sym).isEmpty()
                ? Optional.empty() : contracts.apply(VtIds.vtSymbol(sym, ex));

        symbolError.set(shown(symbol.get(), symbolProblem(sym)));
        exchangeError.set(ex == null && sendAttempted ? messages.get("trading.error.exchange") : "");
        String gatewayName = gateway.get() == null ? "" : gateway.get().trim();
        gatewayError.set(shown(gatewayName, gatewayName.isEmpty() ? messages.get("trading.error.gateway")
                : gateways.contains(gatewayName) ? "" : messages.format("trading.error.gatewayUnknown", gatewayName)));

        double priceValue = parsePrice(type, contract);
        double volumeValue = parseVolume(contract);

        boolean ok = symbolError.get().isEmpty() && !sym.isEmpty() && ex != null
                && gatewayError.get().isEmpty() && !gatewayName.isEmpty()
                && priceError.get().isEmpty() && !Double.isNaN(priceValue)
                && volumeError.get().isEmpty() && !Double.isNaN(volumeValue)
                && direction.get() != null && type != null;
        valid.set(ok);
        if (!ok) {
            return Optional.empty();
        }
        Offset off = offset.get() == null ? Offset.NONE : offset.get();
        return Optional.of(new OrderRequest(sym, ex, direction.get(), type, volumeValue, priceValue, off, ""));
    }

    private String symbolProblem(String sym) {
        if (sym.isEmpty()) {
            return messages.get("trading.error.symbol");
        }
        for (int i = 0; i < sym.length(); i++) {
            char c = sym.charAt(i);
            if (Character.isWhitespace(c) || c == '.') {
                return messages.get("trading.error.symbolChars");
            }
        }
        return "";
    }

    /** Parses the price, sets its error; NaN when invalid. */
    private double parsePrice(OrderType type, Optional<ContractData> contract) {
        String text = price.get() == null ? "" : price.get().trim();
        boolean market = type == OrderType.MARKET;
        if (text.isEmpty()) {
            if (market) {
                priceError.set("");
                return 0;
            }
            priceError.set(sendAttempted ? messages.get("trading.error.priceRequired") : "");
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            priceError.set(messages.format("trading.error.priceNumber", text));
            return Double.NaN;
        }
        if (!Double.isFinite(value) || value < 0 || (value == 0 && !market)) {
            priceError.set(messages.get("trading.error.pricePositive"));
            return Double.NaN;
        }
        if (contract.isPresent() && !PriceFormat.isMultipleOf(value, contract.get().pricetick())) {
            priceError.set(messages.format("trading.error.priceTick",
                    PriceFormat.format(contract.get().pricetick(), contract.get().pricetick())));
            return Double.NaN;
        }
        priceError.set("");
        return value;
    }

    /** Parses the volume, sets its error; NaN when invalid. */
    private double parseVolume(Optional<ContractData> contract) {
        String text = volume.get() == null ? "" : volume.get().trim();
        if (text.isEmpty()) {
            volumeError.set(sendAttempted ? messages.get("trading.error.volumeRequired") : "");
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            volumeError.set(messages.format("trading.error.volumeNumber", text));
            return Double.NaN;
        }
        if (!Double.isFinite(value) || value <= 0) {
            volumeError.set(messages.get("trading.error.volumePositive"));
            return Double.NaN;
        }
        if (contract.isPresent() && contract.get().minVolume() > 0
                && !PriceFormat.isMultipleOf(value, contract.get().minVolume())) {
            volumeError.set(messages.format("trading.error.volumeStep",
                    PriceFormat.volume(contract.get().minVolume())));
            return Double.NaN;
        }
        volumeError.set("");
        return value;
    }

    private String shown(String rawInput, String problem) {
        boolean touched = rawInput != null && !rawInput.isEmpty();
        return touched || sendAttempted ? problem : "";
    }

    // ------------------------------------------------------------------------------------ properties

    public StringProperty symbolProperty() {
        return symbol;
    }

    public ObjectProperty<Exchange> exchangeProperty() {
        return exchange;
    }

    public ObjectProperty<Direction> directionProperty() {
        return direction;
    }

    public ObjectProperty<Offset> offsetProperty() {
        return offset;
    }

    public ObjectProperty<OrderType> orderTypeProperty() {
        return orderType;
    }

    public StringProperty priceProperty() {
        return price;
    }

    public StringProperty volumeProperty() {
        return volume;
    }

    public StringProperty gatewayProperty() {
        return gateway;
    }

    /** The gateways an order can go to (the main engine's added gateways). */
    public ObservableList<String> gateways() {
        return gateways;
    }

    public ReadOnlyStringProperty symbolErrorProperty() {
        return symbolError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exchangeErrorProperty() {
        return exchangeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty priceErrorProperty() {
        return priceError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty volumeErrorProperty() {
        return volumeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gatewayErrorProperty() {
        return gatewayError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The last thing the panel did ("sent SIM.3", "fix the highlighted fields", ...). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The latest tick of the panel's symbol, null until one arrives. */
    public ObjectProperty<TickData> currentTickProperty() {
        return currentTick;
    }
}
