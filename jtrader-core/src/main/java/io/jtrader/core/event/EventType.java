package io.jtrader.core.event;

/**
 * vn.py's event type strings. A gateway puts a general event ({@link #TICK}) and a specific one
 * ({@code TICK + vtSymbol}) for ticks, trades, orders, positions, accounts and quotes; contracts and logs have
 * only the general one.
 */
public final class EventType {
    public static final String TIMER = "eTimer";
    public static final String TICK = "eTick.";
    public static final String TRADE = "eTrade.";
    public static final String ORDER = "eOrder.";
    public static final String POSITION = "ePosition.";
    public static final String ACCOUNT = "eAccount.";
    public static final String QUOTE = "eQuote.";
    public static final String CONTRACT = "eContract.";
    public static final String LOG = "eLog";
    /** Log of the RPC service app (vn.py {@code EVENT_RPC_LOG}). */
    public static final String RPC_LOG = "eRpcLog";

    private EventType() {
    }

    /** {@code eTick.} + vt_symbol. */
    public static String tickOf(String vtSymbol) {
        return TICK + vtSymbol;
    }

    /** {@code eTrade.} + vt_symbol. */
    public static String tradeOf(String vtSymbol) {
        return TRADE + vtSymbol;
    }

    /** {@code eOrder.} + vt_orderid. */
    public static String orderOf(String vtOrderId) {
        return ORDER + vtOrderId;
    }

    /** {@code ePosition.} + vt_symbol. */
    public static String positionOf(String vtSymbol) {
        return POSITION + vtSymbol;
    }

    /** {@code eAccount.} + vt_accountid. */
    public static String accountOf(String vtAccountId) {
        return ACCOUNT + vtAccountId;
    }

    /** {@code eQuote.} + vt_symbol. */
    public static String quoteOf(String vtSymbol) {
        return QUOTE + vtSymbol;
    }
}
