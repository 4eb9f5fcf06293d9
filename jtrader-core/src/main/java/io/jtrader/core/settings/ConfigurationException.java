package io.jtrader.core.settings;

/** A setting failed validation; the message names the setting, the value and the rule. */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
