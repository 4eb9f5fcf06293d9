package io.jtrader.core.model;

/** vn.py's derived identifiers, in one place. */
public final class VtIds {
    private VtIds() {
    }

    /** {@code symbol.EXCHANGE_VALUE}, e.g. {@code rb2601.SHFE}. */
    public static String vtSymbol(String symbol, Exchange exchange) {
        return symbol + "." + exchange.value();
    }

    /** {@code GATEWAY.id}, e.g. {@code SIM.1_42}: the form of vt_orderid, vt_tradeid, vt_accountid, vt_quoteid. */
    public static String qualified(String gatewayName, String id) {
        return gatewayName + "." + id;
    }

    /** Splits {@code GATEWAY.id} at its first dot; vn.py order ids contain no dot. */
    public static String gatewayOf(String vtId) {
        int dot = vtId.indexOf('.');
        return dot < 0 ? "" : vtId.substring(0, dot);
    }

    /** The part after the gateway name of {@code GATEWAY.id}. */
    public static String localIdOf(String vtId) {
        int dot = vtId.indexOf('.');
        return dot < 0 ? vtId : vtId.substring(dot + 1);
    }
}
