package io.jtrader.ui.viewmodel;

import io.jtrader.core.settings.ConfigurationException;

import java.util.Locale;
import java.util.Map;

/**
 * The two languages of the window. Chosen from the system locale (Chinese for {@code zh*}, else English) unless
 * {@code language} in {@code vt_setting.json} says otherwise ({@code "zh"}, {@code "zh_CN"}, {@code "en"},
 * {@code "en_US"}, any case; {@code "auto"} or absent = the system locale).
 */
public enum UiLanguage {
    CHINESE(Locale.SIMPLIFIED_CHINESE),
    ENGLISH(Locale.ENGLISH);

    /** The key in {@code vt_setting.json}. */
    public static final String SETTING_KEY = "language";

    private final Locale locale;

    UiLanguage(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The language for a locale: Chinese for any {@code zh} locale, English otherwise. */
    public static UiLanguage ofLocale(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    /**
     * The language {@code vt_setting.json}'s values ask for, else the system locale's.
     *
     * @throws ConfigurationException naming the key and the value when {@code language} is not a known language
     */
    public static UiLanguage resolve(Map<String, Object> vtSetting, Locale systemLocale) {
        Object value = vtSetting == null ? null : vtSetting.get(SETTING_KEY);
        if (value == null) {
            return ofLocale(systemLocale);
        }
        return parse(String.valueOf(value), systemLocale);
    }

    /**
     * {@code zh}, {@code zh_CN}, {@code zh-CN}, {@code chinese}, {@code en}, {@code en_US}, {@code english},
     * {@code auto} (any case).
     */
    public static UiLanguage parse(String text, Locale systemLocale) {
        String v = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (v.isEmpty() || v.equals("auto")) {
            return ofLocale(systemLocale);
        }
        if (v.equals("zh") || v.startsWith("zh_") || v.equals("chinese")) {
            return CHINESE;
        }
        if (v.equals("en") || v.startsWith("en_") || v.equals("english")) {
            return ENGLISH;
        }
        throw new ConfigurationException(SETTING_KEY + " in vt_setting.json must be \"zh\", \"en\" or \"auto\","
                + " got \"" + text + "\"");
    }
}
