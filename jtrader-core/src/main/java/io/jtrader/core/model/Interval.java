package io.jtrader.core.model;

/**
 * Bar interval (vn.py {@code Interval}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Interval {
    MINUTE("1m", "1m"),
    HOUR("1h", "1h"),
    DAILY("d", "d"),
    WEEKLY("w", "w"),
    TICK("tick", "tick");

    private static final EnumLookup<Interval> LOOKUP = new EnumLookup<>(Interval.class, Interval::value, Interval::englishValue);

    private final String value;
    private final String englishValue;

    Interval(String value, String englishValue) {
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
    public static Interval parse(String text) {
        return LOOKUP.parse(text);
    }
}
