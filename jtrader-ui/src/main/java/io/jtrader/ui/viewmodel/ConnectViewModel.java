package io.jtrader.ui.viewmodel;

import io.jtrader.core.gateway.GatewaySettings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway's connect dialog (vn.py's {@code ConnectDialog}), generated from the gateway's default settings: one
 * field per key in their order, a text field for strings and numbers, a choice for lists, a checkbox for booleans;
 * initial values from the saved {@code connect_<name>.json}. {@link #settings()} converts the fields back to each
 * default's type and names the key, value and expected type of anything that does not fit.
 *
 * <p>Threading: UI thread.
 */
public final class ConnectViewModel {
    /** What kind of control a setting needs. */
    public enum Kind { TEXT, INTEGER, DECIMAL, CHOICE, FLAG }

    /** One setting: its key, kind, choices (for {@link Kind#CHOICE}) and the value being edited. */
    public static final class Field {
        private final String key;
        private final Kind kind;
        private final List<String> choices;
        private final StringProperty value;

        Field(String key, Kind kind, List<String> choices, String initial) {
            this.key = key;
            this.kind = kind;
            this.choices = choices;
            this.value = new SimpleStringProperty(this, key, initial);
        }

        public String key() {
            return key;
        }

        public Kind kind() {
            return kind;
        }

        public List<String> choices() {
            return choices;
        }

        /** The value as text ("true"/"false" for flags). */
        public StringProperty valueProperty() {
            return value;
        }

        /** vn.py shows the key with its type: {@code 主动请求地址 <str>}. */
        public String label() {
            String type = switch (kind) {
                case INTEGER -> "int";
                case DECIMAL -> "float";
                case FLAG -> "bool";
                default -> "str";
            };
            return key + " <" + type + ">";
        }
    }

    private final String gatewayName;
    private final List<Field> fields;

    /**
     * @param defaults the gateway's default settings (vn.py {@code default_setting})
     * @param saved    the saved settings over the defaults ({@code MainEngine.loadConnectSettings})
     */
    public ConnectViewModel(String gatewayName, Map<String, Object> defaults, Map<String, Object> saved) {
        this.gatewayName = Objects.requireNonNull(gatewayName, "gatewayName");
        List<Field> list = new ArrayList<>();
        defaults.forEach((key, def) -> {
            Object current = saved.getOrDefault(key, def);
            if (def instanceof List<?> choices) {
                List<String> texts = choices.stream().map(String::valueOf).toList();
                String initial = current instanceof List<?> ? (texts.isEmpty() ? "" : texts.get(0))
                        : String.valueOf(current);
                list.add(new Field(key, Kind.CHOICE, texts, initial));
            } else if (def instanceof Boolean) {
                list.add(new Field(key, Kind.FLAG, List.of(), String.valueOf(current)));
            } else if (def instanceof Integer || def instanceof Long) {
                list.add(new Field(key, Kind.INTEGER, List.of(), wholeText(current)));
            } else if (def instanceof Number) {
                list.add(new Field(key, Kind.DECIMAL, List.of(), String.valueOf(current)));
            } else {
                list.add(new Field(key, Kind.TEXT, List.of(), current == null ? "" : String.valueOf(current)));
            }
        });
        this.fields = Collections.unmodifiableList(list);
    }

    public String gatewayName() {
        return gatewayName;
    }

    public List<Field> fields() {
        return fields;
    }

    /**
     * The settings as typed values, ready to save and connect with.
     *
     * @throws IllegalArgumentException naming the key, the text and the expected type when a field does not parse
     */
    public GatewaySettings settings() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : fields) {
            String text = f.valueProperty().get() == null ? "" : f.valueProperty().get().trim();
            switch (f.kind()) {
                case INTEGER -> values.put(f.key(), parseLong(f.key(), text));
                case DECIMAL -> values.put(f.key(), parseDouble(f.key(), text));
                case FLAG -> values.put(f.key(), Boolean.parseBoolean(text));
                case CHOICE -> {
                    if (!f.choices().contains(text)) {
                        throw new IllegalArgumentException(f.key() + ": \"" + text + "\" is not one of "
                                + f.choices());
                    }
                    values.put(f.key(), text);
                }
                default -> values.put(f.key(), text);
            }
        }
        return GatewaySettings.of(values);
    }

    private static String wholeText(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }

    private static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a whole number", e);
        }
    }

    private static double parseDouble(String key, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(key + ": \"" + text + "\" is not a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a number", e);
        }
    }
}
