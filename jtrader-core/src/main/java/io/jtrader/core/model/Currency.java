package io.jtrader.core.model;

/**
 * Currency (vn.py {@code Currency}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Currency {
    USD("USD", "USD"),
    HKD("HKD", "HKD"),
    CNY("CNY", "CNY"),
    CAD("CAD", "CAD");

    private static final EnumLookup<Currency> LOOKUP = new EnumLookup<>(Currency.class, Currency::value, Currency::englishValue);

    private final String value;
    private final String englishValue;

    Currency(String value, String englishValue) {
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
    public static Currency parse(String text) {
        return LOOKUP.parse(text);
    }
}
