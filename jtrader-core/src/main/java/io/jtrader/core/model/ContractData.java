package io.jtrader.core.model;

import java.time.LocalDateTime;

/**
 * A tradable instrument (vn.py {@code ContractData}); the option fields are null for non-options.
 * {@code size} is the contract multiplier, {@code pricetick} the minimum price step.
 */
public record ContractData(
        String gatewayName,
        String symbol,
        Exchange exchange,
        String name,
        Product product,
        double size,
        double pricetick,
        double minVolume,
        Double maxVolume,
        boolean stopSupported,
        boolean netPosition,
        boolean historyData,
        Double optionStrike,
        String optionUnderlying,
        OptionType optionType,
        LocalDateTime optionListed,
        LocalDateTime optionExpiry,
        String optionPortfolio,
        String optionIndex) implements BaseData {

    public ContractData {
        Checks.required(gatewayName, "ContractData", "gatewayName");
        Checks.requiredText(symbol, "ContractData", "symbol");
        Checks.required(exchange, "ContractData", "exchange");
        name = Checks.orEmpty(name);
        Checks.required(product, "ContractData", "product");
        Checks.nonNegative(size, "ContractData", "size");
        Checks.nonNegative(pricetick, "ContractData", "pricetick");
        Checks.nonNegative(minVolume, "ContractData", "minVolume");
        if (maxVolume != null) {
            Checks.nonNegative(maxVolume, "ContractData", "maxVolume");
        }
        if (optionStrike != null) {
            Checks.finite(optionStrike, "ContractData", "optionStrike");
        }
    }

    /** A non-option contract with vn.py's defaults for the rest. */
    public static ContractData of(String gatewayName, String symbol, Exchange exchange, String name, Product product,
            double size, double pricetick, double minVolume) {
        return new ContractData(gatewayName, symbol, exchange, name, product, size, pricetick, minVolume, null,
                false, false, false, null, null, null, null, null, null, null);
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    @Override
    public ContractData withGatewayName(String gatewayName) {
        return new ContractData(gatewayName, symbol, exchange, name, product, size, pricetick, minVolume, maxVolume,
                stopSupported, netPosition, historyData, optionStrike, optionUnderlying, optionType, optionListed,
                optionExpiry, optionPortfolio, optionIndex);
    }
}
