package io.jtrader.cli;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code jtrader client} prints and the commands it understands. Live updates are one line each, starting
 * with their kind ({@code tick}, {@code order}, {@code trade}, {@code position}, {@code account}, {@code contracts});
 * answers to the listing commands start with {@code = }. Fields are space-separated, enums by name.
 *
 * <p>Threading: {@link #onEvent} runs on the client's {@code event-engine} thread; {@link #execute} on the console
 * thread or the main thread. Output lines are printed whole (PrintStream is synchronized).
 */
final class ClientConsole {
    static final String HELP = String.join("\n",
            "commands:",
            "  sub VT_SYMBOL                       subscribe market data, e.g. sub rb2601.SHFE",
            "  buy|sell VT_SYMBOL PRICE VOLUME [open|close|closetoday|closeyesterday] [limit|market|fak|fok]",
            "                                      send an order (default: open limit)",
            "  cancel VT_ORDERID                   cancel an order, e.g. cancel RPC.1_5",
            "  orders | active | trades | positions | accounts | contracts   list what this client knows",
            "  help                                this text",
            "  quit                                disconnect and exit");

    /** A client-local event the command puts after the gateway's first snapshot (never sent anywhere). */
    static final String SYNCED_EVENT = "eClientSynced";

    private final MainEngine engine;
    private final List<String> startSubscriptions;
    private final List<String> startOrders;
    private final String gatewayName;
    private final PrintStream out;
    private final boolean quietTicks;
    private final Map<String, Object> lastPrinted = new HashMap<>();
    private int contractsSeen;
    private int contractsPrinted;

    ClientConsole(MainEngine engine, String gatewayName, PrintStream out, boolean quietTicks,
            List<String> startSubscriptions, List<String> startOrders) {
        this.engine = engine;
        this.startSubscriptions = List.copyOf(startSubscriptions);
        this.startOrders = List.copyOf(startOrders);
        this.gatewayName = gatewayName;
        this.out = out;
        this.quietTicks = quietTicks;
    }

    /** event-engine thread: prints general events (each update once). */
    void onEvent(Event event) {
        Object data = event.data();
        switch (event.type()) {
            case EventType.TICK -> {
                TickData tick = (TickData) data;
                if (!quietTicks || lastPrinted.put("tick " + tick.vtSymbol(), Boolean.TRUE) == null) {
                    out.println(format(tick));
                }
            }
            case EventType.ORDER -> out.println(format((OrderData) data));
            case EventType.TRADE -> out.println(format((TradeData) data));
            case EventType.POSITION -> printIfChanged(((PositionData) data).vtPositionId(), format((PositionData) data));
            case EventType.ACCOUNT -> printIfChanged(((AccountData) data).vtAccountId(), format((AccountData) data));
            case EventType.CONTRACT -> contractsSeen++;
            case EventType.TIMER -> {
                if (contractsSeen != contractsPrinted) {
                    contractsPrinted = contractsSeen;
                    out.println("contracts " + engine.oms().getAllContracts().size() + " (type 'contracts' to list)");
                }
            }
            case SYNCED_EVENT -> onSynced();
            default -> {
            }
        }
    }

    /** event-engine thread: the snapshot is in the OMS; say so and run the start-up actions. */
    private void onSynced() {
        out.println("SYNCED contracts=" + engine.oms().getAllContracts().size() + " accounts="
                + engine.oms().getAllAccounts().size() + " positions=" + engine.oms().getAllPositions().size()
                + " orders=" + engine.oms().getAllOrders().size() + " trades=" + engine.oms().getAllTrades().size());
        if (startSubscriptions.isEmpty() && startOrders.isEmpty()) {
            return;
        }
        // Orders wait for the server's answer: not on the event-engine thread.
        Thread actions = new Thread(() -> {
            startSubscriptions.forEach(vtSymbol -> execute("sub " + vtSymbol));
            startOrders.forEach(this::execute);
        }, "client-start-actions");
        actions.setDaemon(true);
        actions.start();
    }

    private void printIfChanged(String key, String line) {
        if (!line.equals(lastPrinted.put(key, line))) {
            out.println(line);
        }
    }

    /**
     * Runs one command line.
     *
     * @return false when the user asked to quit
     */
    boolean execute(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return true;
        }
        try {
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "sub", "subscribe" -> subscribe(arg(words, 1, "VT_SYMBOL"));
                case "buy" -> sendOrder(Direction.LONG, words);
                case "sell" -> sendOrder(Direction.SHORT, words);
                case "cancel" -> cancel(arg(words, 1, "VT_ORDERID"));
                case "orders" -> list("orders", engine.oms().getAllOrders().stream()
                        .sorted(Comparator.comparing(OrderData::vtOrderId)).map(ClientConsole::format).toList());
                case "active" -> list("active orders", engine.oms().getAllActiveOrders().stream()
                        .sorted(Comparator.comparing(OrderData::vtOrderId)).map(ClientConsole::format).toList());
                case "trades" -> list("trades", engine.oms().getAllTrades().stream()
                        .sorted(Comparator.comparing(TradeData::vtTradeId)).map(ClientConsole::format).toList());
                case "positions" -> list("positions", engine.oms().getAllPositions().stream()
                        .sorted(Comparator.comparing(PositionData::vtPositionId)).map(ClientConsole::format).toList());
                case "accounts" -> list("accounts", engine.oms().getAllAccounts().stream()
                        .sorted(Comparator.comparing(AccountData::vtAccountId)).map(ClientConsole::format).toList());
                case "contracts" -> list("contracts", engine.oms().getAllContracts().stream()
                        .sorted(Comparator.comparing(ContractData::vtSymbol)).map(ClientConsole::format).toList());
                case "help", "?" -> out.println(HELP);
                case "quit", "exit" -> {
                    return false;
                }
                default -> out.println("error: unknown command '" + words[0] + "' (type help)");
            }
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
        }
        return true;
    }

    void subscribe(String vtSymbol) {
        String[] parts = splitVtSymbol(vtSymbol);
        engine.subscribe(new SubscribeRequest(parts[0], Exchange.parse(parts[1])), gatewayName);
        out.println("subscribed " + vtSymbol);
    }

    /** {@code buy|sell VT_SYMBOL PRICE VOLUME [offset] [type]}. */
    void sendOrder(Direction direction, String[] words) {
        String[] vt = splitVtSymbol(arg(words, 1, "VT_SYMBOL"));
        double price = number(arg(words, 2, "PRICE"), "PRICE");
        double volume = number(arg(words, 3, "VOLUME"), "VOLUME");
        Offset offset = words.length > 4 ? Offset.parse(words[4].toUpperCase(Locale.ROOT)) : Offset.OPEN;
        OrderType type = words.length > 5 ? OrderType.parse(words[5].toUpperCase(Locale.ROOT)) : OrderType.LIMIT;
        if (words.length > 6) {
            throw new IllegalArgumentException("too many words; usage: buy|sell VT_SYMBOL PRICE VOLUME [offset] [type]");
        }
        String vtOrderId = engine.sendOrder(new OrderRequest(vt[0], Exchange.parse(vt[1]), direction, type, volume,
                price, offset, ""), gatewayName);
        out.println(vtOrderId.isEmpty() ? "error: order refused (see the log)" : "sent " + vtOrderId);
    }

    void cancel(String vtOrderId) {
        OrderData order = engine.oms().getOrder(vtOrderId);
        if (order == null) {
            throw new IllegalArgumentException("no order " + vtOrderId + " (type 'orders' to list them)");
        }
        engine.cancelOrder(order.createCancelRequest(), order.gatewayName());
        out.println("cancel sent " + vtOrderId);
    }

    private void list(String what, List<String> lines) {
        for (String line : lines) {
            out.println("= " + line);
        }
        out.println("= " + lines.size() + " " + what);
    }

    private static String arg(String[] words, int index, String name) {
        if (words.length <= index) {
            throw new IllegalArgumentException(words[0] + ": missing " + name + " (type help)");
        }
        return words[index];
    }

    private static double number(String text, String name) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
        }
    }

    static String[] splitVtSymbol(String vtSymbol) {
        int dot = vtSymbol.lastIndexOf('.');
        if (dot <= 0 || dot == vtSymbol.length() - 1) {
            throw new IllegalArgumentException("'" + vtSymbol + "' is not SYMBOL.EXCHANGE, e.g. rb2601.SHFE");
        }
        return new String[] {vtSymbol.substring(0, dot), vtSymbol.substring(dot + 1)};
    }

    static String format(TickData t) {
        return "tick " + t.vtSymbol() + " last=" + t.lastPrice() + " bid=" + t.bidPrice1() + "@" + t.bidVolume1()
                + " ask=" + t.askPrice1() + "@" + t.askVolume1() + " volume=" + t.volume() + " time=" + t.datetime();
    }

    static String format(OrderData o) {
        return "order " + o.vtOrderId() + " " + o.vtSymbol() + " " + o.direction() + " " + o.offset() + " " + o.type()
                + " " + o.price() + " " + o.volume() + " traded=" + o.traded() + " " + o.status();
    }

    static String format(TradeData t) {
        return "trade " + t.vtTradeId() + " " + t.vtOrderId() + " " + t.vtSymbol() + " " + t.direction() + " "
                + t.offset() + " " + t.price() + " " + t.volume();
    }

    static String format(PositionData p) {
        return "position " + p.gatewayName() + " " + p.vtSymbol() + " " + p.direction() + " volume=" + p.volume()
                + " yd=" + p.ydVolume() + " frozen=" + p.frozen() + " price=" + p.price() + " pnl=" + p.pnl();
    }

    static String format(AccountData a) {
        return "account " + a.vtAccountId() + " balance=" + a.balance() + " frozen=" + a.frozen() + " available="
                + a.available();
    }

    static String format(ContractData c) {
        return "contract " + c.vtSymbol() + " " + c.name() + " " + c.product() + " size=" + c.size() + " pricetick="
                + c.pricetick() + " min_volume=" + c.minVolume();
    }
}
