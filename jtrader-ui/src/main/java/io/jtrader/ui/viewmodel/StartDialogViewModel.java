package io.jtrader.ui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The start dialog: a checkbox for every discovered gateway and app (ticked as last saved, or all on the first run)
 * and "ask again next time".
 *
 * <p>Threading: UI thread.
 */
public final class StartDialogViewModel {
    private final Map<String, BooleanProperty> gateways = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> apps = new LinkedHashMap<>();
    private final BooleanProperty askOnStart = new SimpleBooleanProperty(this, "askOnStart", true);

    public StartDialogViewModel(List<String> discoveredGateways, List<String> discoveredApps,
            Optional<StartChoice> saved) {
        discoveredGateways.forEach(name -> gateways.put(name, new SimpleBooleanProperty(this, name,
                saved.map(c -> c.gateways().contains(name)).orElse(true))));
        discoveredApps.forEach(name -> apps.put(name, new SimpleBooleanProperty(this, name,
                saved.map(c -> c.apps().contains(name)).orElse(true))));
        askOnStart.set(saved.map(StartChoice::askOnStart).orElse(true));
    }

    /** Gateway name to "load it". */
    public Map<String, BooleanProperty> gateways() {
        return gateways;
    }

    /** App name to "load it". */
    public Map<String, BooleanProperty> apps() {
        return apps;
    }

    public BooleanProperty askOnStartProperty() {
        return askOnStart;
    }

    /** The ticked names, in discovery order. */
    public StartChoice choice() {
        return new StartChoice(ticked(gateways), ticked(apps), askOnStart.get());
    }

    private static List<String> ticked(Map<String, BooleanProperty> names) {
        return names.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }
}
