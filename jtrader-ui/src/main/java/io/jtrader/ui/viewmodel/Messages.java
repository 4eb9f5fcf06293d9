package io.jtrader.ui.viewmodel;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The window's texts in one language ({@code io/jtrader/ui/messages*.properties}, UTF-8): Simplified Chinese or
 * English. A missing key is a programming error and fails loudly with the key and the language.
 *
 * <p>Threading: immutable, safe from any thread.
 */
public final class Messages {
    public static final String BUNDLE = "io.jtrader.ui.messages";

    private final UiLanguage language;
    private final ResourceBundle bundle;

    private Messages(UiLanguage language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    public static Messages of(UiLanguage language) {
        Objects.requireNonNull(language, "language");
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                Messages.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(language, bundle);
    }

    public UiLanguage language() {
        return language;
    }

    public Locale locale() {
        return language.locale();
    }

    /** The text for {@code key}. */
    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for key '" + key + "' in the " + language
                    + " resource bundle " + BUNDLE, e);
        }
    }

    /** The text for {@code key} with {@code {0}}, {@code {1}}, ... filled in. */
    public String format(String key, Object... args) {
        return new MessageFormat(get(key), language.locale()).format(args);
    }

    /** The resource bundle itself (for views that look keys up by name). */
    public ResourceBundle bundle() {
        return bundle;
    }
}
