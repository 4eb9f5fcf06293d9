package io.jtrader.core.model;

/**
 * Order status (vn.py {@code Status}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Status {
    SUBMITTING("提交中", "Submitting"),
    NOTTRADED("未成交", "Not Traded"),
    PARTTRADED("部分成交", "Part Traded"),
    ALLTRADED("全部成交", "All Traded"),
    CANCELLED("已撤销", "Cancelled"),
    REJECTED("拒单", "Rejected");

    private static final EnumLookup<Status> LOOKUP = new EnumLookup<>(Status.class, Status::value, Status::englishValue);

    private final String value;
    private final String englishValue;

    Status(String value, String englishValue) {
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
    public static Status parse(String text) {
        return LOOKUP.parse(text);
    }
}
