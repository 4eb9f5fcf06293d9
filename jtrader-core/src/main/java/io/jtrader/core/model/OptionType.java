package io.jtrader.core.model;

/**
 * Option type (vn.py {@code OptionType}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum OptionType {
    CALL("看涨期权", "Call"),
    PUT("看跌期权", "Put");

    private static final EnumLookup<OptionType> LOOKUP = new EnumLookup<>(OptionType.class, OptionType::value, OptionType::englishValue);

    private final String value;
    private final String englishValue;

    OptionType(String value, String englishValue) {
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
    public static OptionType parse(String text) {
        return LOOKUP.parse(text);
    }
}
