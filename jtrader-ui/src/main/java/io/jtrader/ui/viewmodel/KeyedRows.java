package io.jtrader.ui.viewmodel;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rows of one monitor table, one per key (vt_symbol, vt_orderid, ...), in first-seen order. An update replaces its
 * row in place ({@code set}), so a table redraws that row only and keeps its selection and scroll position.
 *
 * <p>Threading: UI thread only.
 */
public final class KeyedRows<T> {
    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private final Map<String, Integer> indexByKey = new HashMap<>();
    private final Function<T, String> keyOf;

    public KeyedRows(Function<T, String> keyOf) {
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    /** The rows a table shows. */
    public ObservableList<T> rows() {
        return rows;
    }

    /** Replaces the row with the same key, or appends it. */
    public void upsert(T row) {
        String key = keyOf.apply(row);
        Integer index = indexByKey.get(key);
        if (index == null) {
            indexByKey.put(key, rows.size());
            rows.add(row);
        } else {
            rows.set(index, row);
        }
    }

    /** Appends the row only when its key is new; returns whether it did. */
    public boolean addIfAbsent(T row) {
        if (indexByKey.containsKey(keyOf.apply(row))) {
            return false;
        }
        upsert(row);
        return true;
    }

    /** Removes the row with this key, if any. */
    public void remove(String key) {
        Integer index = indexByKey.remove(key);
        if (index == null) {
            return;
        }
        int removedAt = index;
        rows.remove(removedAt);
        for (int i = removedAt; i < rows.size(); i++) {
            indexByKey.put(keyOf.apply(rows.get(i)), i);
        }
    }

    public Optional<T> get(String key) {
        Integer index = indexByKey.get(key);
        return index == null ? Optional.empty() : Optional.of(rows.get(index));
    }

    public boolean contains(String key) {
        return indexByKey.containsKey(key);
    }

    public int size() {
        return rows.size();
    }
}
