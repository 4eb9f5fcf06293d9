package io.jtrader.core.model;

/**
 * Exchange (vn.py {@code Exchange}); the value is the code used in {@code vt_symbol} ({@code EUREX} is {@code EUX}).
 * <p>{@link #value()} is vn.py's default (Chinese) value, which derived ids such as
 * {@code vt_positionid} use; {@link #englishValue()} is what a vn.py process with an English locale sends.
 */
public enum Exchange {
    CFFEX("CFFEX", "CFFEX"),
    SHFE("SHFE", "SHFE"),
    CZCE("CZCE", "CZCE"),
    DCE("DCE", "DCE"),
    INE("INE", "INE"),
    GFEX("GFEX", "GFEX"),
    SSE("SSE", "SSE"),
    SZSE("SZSE", "SZSE"),
    BSE("BSE", "BSE"),
    SHHK("SHHK", "SHHK"),
    SZHK("SZHK", "SZHK"),
    SGE("SGE", "SGE"),
    WXE("WXE", "WXE"),
    CFETS("CFETS", "CFETS"),
    XBOND("XBOND", "XBOND"),
    SMART("SMART", "SMART"),
    NYSE("NYSE", "NYSE"),
    NASDAQ("NASDAQ", "NASDAQ"),
    ARCA("ARCA", "ARCA"),
    EDGEA("EDGEA", "EDGEA"),
    ISLAND("ISLAND", "ISLAND"),
    BATS("BATS", "BATS"),
    IEX("IEX", "IEX"),
    AMEX("AMEX", "AMEX"),
    TSE("TSE", "TSE"),
    NYMEX("NYMEX", "NYMEX"),
    COMEX("COMEX", "COMEX"),
    GLOBEX("GLOBEX", "GLOBEX"),
    IDEALPRO("IDEALPRO", "IDEALPRO"),
    CME("CME", "CME"),
    ICE("ICE", "ICE"),
    SEHK("SEHK", "SEHK"),
    HKFE("HKFE", "HKFE"),
    SGX("SGX", "SGX"),
    CBOT("CBOT", "CBOT"),
    CBOE("CBOE", "CBOE"),
    CFE("CFE", "CFE"),
    DME("DME", "DME"),
    EUREX("EUX", "EUX"),
    APEX("APEX", "APEX"),
    LME("LME", "LME"),
    BMD("BMD", "BMD"),
    TOCOM("TOCOM", "TOCOM"),
    EUNX("EUNX", "EUNX"),
    KRX("KRX", "KRX"),
    OTC("OTC", "OTC"),
    IBKRATS("IBKRATS", "IBKRATS"),
    LOCAL("LOCAL", "LOCAL"),
    GLOBAL("GLOBAL", "GLOBAL");

    private static final EnumLookup<Exchange> LOOKUP = new EnumLookup<>(Exchange.class, Exchange::value, Exchange::englishValue);

    private final String value;
    private final String englishValue;

    Exchange(String value, String englishValue) {
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
    public static Exchange parse(String text) {
        return LOOKUP.parse(text);
    }
}
