package io.jtrader.core.model;

/**
 * Direction of an order, trade or position (vn.py {@code Direction}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Direction {
    LONG("多", "Long"),
    SHORT("空", "Short"),
    NET("净", "Net");

    private static final EnumLookup<Direction> LOOKUP = new EnumLookup<>(Direction.class, Direction::value, Direction::englishValue);

    private final String value;
    private final String englishValue;

    Direction(String value, String englishValue) {
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
    public static Direction parse(String text) {
        return LOOKUP.parse(text);
    }
}
