package io.jtrader.ui.viewmodel;

import io.jtrader.core.settings.SettingsException;
import io.jtrader.core.settings.SettingsStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which gateways and apps the trader window loads (vn.py's station ticks them before Vn Trader opens), and whether
 * to ask again next time. Saved as {@code gui_setting.json}: {@code {"gateways": ["SIM"], "apps": ["RpcService"],
 * "ask_on_start": false}}.
 */
public record StartChoice(List<String> gateways, List<String> apps, boolean askOnStart) {
    public static final String FILE = "gui_setting.json";
    static final String GATEWAYS = "gateways";
    static final String APPS = "apps";
    static final String ASK_ON_START = "ask_on_start";

    public StartChoice {
        gateways = List.copyOf(Objects.requireNonNull(gateways, "gateways"));
        apps = List.copyOf(Objects.requireNonNull(apps, "apps"));
    }

    /** The first-run choice: every discovered gateway and app, and ask. */
    public static StartChoice everything(List<String> gateways, List<String> apps) {
        return new StartChoice(gateways, apps, true);
    }

    /** The saved choice, or empty when none was saved. */
    public static Optional<StartChoice> load(SettingsStore store) {
        if (!store.exists(FILE)) {
            return Optional.empty();
        }
        Map<String, Object> map = store.load(FILE);
        return Optional.of(new StartChoice(names(store, map, GATEWAYS), names(store, map, APPS),
                !Boolean.FALSE.equals(map.get(ASK_ON_START))));
    }

    public void save(SettingsStore store) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(GATEWAYS, gateways);
        map.put(APPS, apps);
        map.put(ASK_ON_START, askOnStart);
        store.save(FILE, map);
    }

    private static List<String> names(SettingsStore store, Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new SettingsException(store.path(FILE), "\"" + key + "\" must be a list of names, got " + value,
                    null);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
