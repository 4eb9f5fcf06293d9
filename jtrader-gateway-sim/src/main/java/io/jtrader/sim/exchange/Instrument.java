package io.jtrader.sim.exchange;

import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OptionType;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.VtIds;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The static terms of one simulated contract: what a broker's contract and rate tables say about it.
 *
 * <p>Commission is either a fraction of turnover ({@code commissionPerLot == false}, e.g. {@code 0.0001}) or
 * money per lot; {@code closeTodayCommission} applies to the part of a close that closes today's position.
 * Margin is {@code marginRatio} of the notional ({@code price * size * volume}); for a long option the whole
 * premium is held. Prices live on the {@code pricetick} grid within {@code limitRatio} of the previous close.
 *
 * @param basePrice the previous close the simulated market starts from
 */
public record Instrument(
        String symbol,
        Exchange exchange,
        String name,
        Product product,
        double size,
        double pricetick,
        long minVolume,
        double marginRatio,
        boolean commissionPerLot,
        double openCommission,
        double closeCommission,
        double closeTodayCommission,
        double limitRatio,
        double basePrice,
        OptionType optionType,
        Double optionStrike,
        String optionUnderlying,
        LocalDate optionExpiry) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(product, "product");
        name = name == null ? "" : name;
        if (symbol.isEmpty() || symbol.indexOf('.') >= 0) {
            throw new IllegalArgumentException("instrument symbol must be non-empty without '.', got '" + symbol + "'");
        }
        positive(size, symbol, "size");
        positive(pricetick, symbol, "pricetick");
        if (minVolume < 1) {
            throw new IllegalArgumentException("instrument " + symbol + ": minVolume must be >= 1, got " + minVolume);
        }
        if (!(marginRatio > 0 && marginRatio <= 1)) {
            throw new IllegalArgumentException("instrument " + symbol + ": marginRatio must be in (0, 1], got " + marginRatio);
        }
        nonNegative(openCommission, symbol, "openCommission");
        nonNegative(closeCommission, symbol, "closeCommission");
        nonNegative(closeTodayCommission, symbol, "closeTodayCommission");
        if (!(limitRatio > 0 && limitRatio < 1)) {
            throw new IllegalArgumentException("instrument " + symbol + ": limitRatio must be in (0, 1), got " + limitRatio);
        }
        positive(basePrice, symbol, "basePrice");
        if (Math.abs(basePrice / pricetick - Math.rint(basePrice / pricetick)) > 1e-6) {
            throw new IllegalArgumentException("instrument " + symbol + ": basePrice " + basePrice
                    + " is not a multiple of pricetick " + pricetick);
        }
        if (product == Product.OPTION && (optionType == null || optionStrike == null || optionUnderlying == null)) {
            throw new IllegalArgumentException("instrument " + symbol + ": an option needs optionType, optionStrike and optionUnderlying");
        }
    }

    /** A futures or stock contract. */
    public static Instrument of(String symbol, Exchange exchange, String name, Product product, double size,
            double pricetick, long minVolume, double marginRatio, boolean commissionPerLot, double openCommission,
            double closeCommission, double closeTodayCommission, double limitRatio, double basePrice) {
        return new Instrument(symbol, exchange, name, product, size, pricetick, minVolume, marginRatio,
                commissionPerLot, openCommission, closeCommission, closeTodayCommission, limitRatio, basePrice,
                null, null, null, null);
    }

    public String vtSymbol() {
        return VtIds.vtSymbol(symbol, exchange);
    }

    /** SHFE and INE keep today's and yesterday's positions apart (CLOSE means CLOSEYESTERDAY there). */
    public boolean separatesTodayYesterday() {
        return exchange == Exchange.SHFE || exchange == Exchange.INE;
    }

    /** A-share stocks: long only, and T+1 (only yesterday's holding can be sold). */
    public boolean isStock() {
        return product == Product.EQUITY;
    }

    /** Commission for {@code volume} lots at {@code price}; {@code rate} is one of the three rates. */
    public double commission(double rate, double price, long volume) {
        return commissionPerLot ? rate * volume : rate * price * size * volume;
    }

    /** Margin held for {@code volume} lots at {@code price} on the given side. */
    public double margin(double price, long volume, boolean longSide) {
        double notional = price * size * volume;
        if (product == Product.OPTION) {
            return longSide ? notional : notional + marginRatio * optionStrike * size * volume;
        }
        return notional * marginRatio;
    }

    public ContractData toContract(String gatewayName) {
        boolean option = product == Product.OPTION;
        return new ContractData(gatewayName, symbol, exchange, name, product, size, pricetick, minVolume, null,
                false, false, true,
                option ? optionStrike : null,
                option ? optionUnderlying : null,
                option ? optionType : null,
                null,
                option && optionExpiry != null ? optionExpiry.atTime(15, 0) : null,
                option ? optionPortfolio() : null,
                option ? String.valueOf(optionStrike) : null);
    }

    private String optionPortfolio() {
        // vn.py CTP: the option product code ("IO"), or the underlying product for commodity options.
        int i = 0;
        while (i < symbol.length() && Character.isLetter(symbol.charAt(i))) {
            i++;
        }
        return symbol.substring(0, i);
    }

    private static void positive(double v, String symbol, String field) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("instrument " + symbol + ": " + field + " must be > 0, got " + v);
        }
    }

    private static void nonNegative(double v, String symbol, String field) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("instrument " + symbol + ": " + field + " must be >= 0, got " + v);
        }
    }
}
