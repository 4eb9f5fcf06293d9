package io.jtrader.ui.viewmodel;

import io.jtrader.core.model.ContractData;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.Locale;

/**
 * The contract search dialog (vn.py's {@code ContractManager}): every contract the engine knows, filtered by a
 * text that may match the vt_symbol, the symbol or the name (case-insensitive; empty shows all).
 *
 * <p>Threading: UI thread.
 */
public final class ContractSearchViewModel {
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final FilteredList<ContractData> matches;

    public ContractSearchViewModel(ObservableList<ContractData> contracts) {
        this.matches = new FilteredList<>(contracts, c -> true);
        filter.addListener((obs, was, now) -> matches.setPredicate(c -> matches(c, now)));
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObservableList<ContractData> matches() {
        return matches;
    }

    static boolean matches(ContractData contract, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return true;
        }
        return contract.vtSymbol().toLowerCase(Locale.ROOT).contains(t)
                || contract.name().toLowerCase(Locale.ROOT).contains(t);
    }
}
