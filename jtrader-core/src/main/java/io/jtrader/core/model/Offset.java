package io.jtrader.core.model;

/**
 * Open/close flag of an order or trade (vn.py {@code Offset}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Offset {
    NONE("", ""),
    OPEN("开", "Open"),
    CLOSE("平", "Close"),
    CLOSETODAY("平今", "Close Today"),
    CLOSEYESTERDAY("平昨", "Close Yesterday");

    private static final EnumLookup<Offset> LOOKUP = new EnumLookup<>(Offset.class, Offset::value, Offset::englishValue);

    private final String value;
    private final String englishValue;

    Offset(String value, String englishValue) {
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
    public static Offset parse(String text) {
        return LOOKUP.parse(text);
    }
}
