package io.jtrader.core.model;

/**
 * Product class of a contract (vn.py {@code Product}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Product {
    EQUITY("股票", "Stock"),
    FUTURES("期货", "Futures"),
    OPTION("期权", "Option"),
    INDEX("指数", "Index"),
    FOREX("外汇", "Forex"),
    SPOT("现货", "Spot"),
    ETF("ETF", "ETF"),
    BOND("债券", "Bond"),
    WARRANT("权证", "Warrant"),
    SPREAD("价差", "Spread"),
    FUND("基金", "Fund"),
    CFD("CFD", "CFD"),
    SWAP("互换", "Swap");

    private static final EnumLookup<Product> LOOKUP = new EnumLookup<>(Product.class, Product::value, Product::englishValue);

    private final String value;
    private final String englishValue;

    Product(String value, String englishValue) {
        this.value = value;
        this.englishValue = englishValue;
    }

    /** vn.py's default (Chinese) value. */
    public String value() {
        return value;
    }

    /** The value vn.py sends under an English gettext locale. */
    public String englishValue() {
        return englishValue;
    }

    /**
     * The member for any wire spelling: its Chinese value, its English value or its name.
     *
     * @throws IllegalArgumentException naming the text and the enum when nothing matches
     */
    public static Product parse(String text) {
        return LOOKUP.parse(text);
    }
}
