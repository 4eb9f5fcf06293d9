package io.jtrader.core.model;

/**
 * A position on one side of one contract (vn.py {@code PositionData}). {@code volume} is the total,
 * {@code ydVolume} the part held from before today, {@code frozen} the part locked by pending close orders.
 */
public record PositionData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        Direction direction,
        double volume,
        double frozen,
        double price,
        double pnl,
        double ydVolume) implements BaseData {

    public PositionData {
        Checks.required(gatewayName, "PositionData", "gatewayName");
        Checks.requiredText(symbol, "PositionData", "symbol");
        Checks.required(exchange, "PositionData", "exchange");
        Checks.required(direction, "PositionData", "direction");
        Checks.nonNegative(volume, "PositionData", "volume");
        Checks.nonNegative(frozen, "PositionData", "frozen");
        Checks.finite(price, "PositionData", "price");
        Checks.finite(pnl, "PositionData", "pnl");
        Checks.nonNegative(ydVolume, "PositionData", "ydVolume");
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    /** {@code GATEWAY.symbol.EXCHANGE.direction} with vn.py's default (Chinese) direction value, e.g. {@code SIM.rb2601.SHFE.多}. */
    public String vtPositionId() {
        return gatewayName + "." + vtSymbol() + "." + direction.value();
    }

    @Override
    public PositionData withGatewayName(String gatewayName) {
        return new PositionData(gatewayName, symbol, exchange, direction, volume, frozen, price, pnl, ydVolume);
    }
}
