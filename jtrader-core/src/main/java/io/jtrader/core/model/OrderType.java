package io.jtrader.core.model;

/**
 * Order type (vn.py {@code OrderType}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum OrderType {
    LIMIT("限价", "Limit"),
    MARKET("市价", "Market"),
    STOP("STOP", "STOP"),
    FAK("FAK", "FAK"),
    FOK("FOK", "FOK"),
    RFQ("询价", "RFQ"),
    ETF("ETF", "ETF");

    private static final EnumLookup<OrderType> LOOKUP = new EnumLookup<>(OrderType.class, OrderType::value, OrderType::englishValue);

    private final String value;
    private final String englishValue;

    OrderType(String value, String englishValue) {
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
    public static OrderType parse(String text) {
        return LOOKUP.parse(text);
    }
}
