package io.jtrader.ui.viewmodel;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as the monitors show them: prices to the decimals of the contract's pricetick, volumes without ".0". */
public final class PriceFormat {
    /** Decimals used when a contract (or its pricetick) is unknown. */
    public static final int DEFAULT_DECIMALS = 2;
    private static final int MAX_DECIMALS = 8;

    private PriceFormat() {
    }

    /** How many decimals a price step needs: 1 -> 0, 0.2 -> 1, 0.05 -> 2, 0.0001 -> 4; unknown (<= 0) -> 2. */
    public static int decimalsOf(double pricetick) {
        if (!(pricetick > 0) || Double.isInfinite(pricetick)) {
            return DEFAULT_DECIMALS;
        }
        BigDecimal step = new BigDecimal(Double.toString(pricetick)).stripTrailingZeros();
        return Math.min(MAX_DECIMALS, Math.max(0, step.scale()));
    }

    /** {@code price} rounded half-up to the pricetick's decimals; "" for NaN. */
    public static String format(double price, double pricetick) {
        if (Double.isNaN(price) || Double.isInfinite(price)) {
            return "";
        }
        return BigDecimal.valueOf(price).setScale(decimalsOf(pricetick), RoundingMode.HALF_UP).toPlainString();
    }

    /** A volume: whole numbers without decimals, others as they are. */
    public static String volume(double volume) {
        if (volume == Math.rint(volume) && Math.abs(volume) < 1e15) {
            return Long.toString((long) volume);
        }
        return BigDecimal.valueOf(volume).stripTrailingZeros().toPlainString();
    }

    /** A money amount with two decimals. */
    public static String money(double amount) {
        return format(amount, 0.01);
    }

    /** True when {@code price} is a whole multiple of {@code pricetick} (within floating-point error). */
    public static boolean isMultipleOf(double price, double pricetick) {
        if (!(pricetick > 0)) {
            return true;
        }
        double steps = price / pricetick;
        return Math.abs(steps - Math.rint(steps)) < 1e-6;
    }
}
