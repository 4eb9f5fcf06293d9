package io.jtrader.ui.widget;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.Function;

/**
 * A read-only monitor table (vn.py's {@code BaseMonitor}): columns are text computed from the row record, numbers
 * right-aligned, and each cell may carry a style class (e.g. {@code long}/{@code short}, {@code profit}/{@code loss})
 * that the stylesheet colours.
 */
public final class MonitorTable<T> {
    /** No style class for a cell. */
    public static final String PLAIN = "";

    private final TableView<T> table = new TableView<>();

    public MonitorTable(String id, ObservableList<T> rows) {
        table.setId(id);
        table.getStyleClass().add("monitor");
        table.setItems(rows);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new javafx.scene.control.Label(""));
    }

    public TableView<T> table() {
        return table;
    }

    /** A text column. */
    public MonitorTable<T> text(String title, Function<T, String> text) {
        return add(title, text, row -> PLAIN, false, 90);
    }

    /** A right-aligned number column. */
    public MonitorTable<T> number(String title, Function<T, String> text) {
        return add(title, text, row -> PLAIN, true, 90);
    }

    /** A column whose cells carry the style class {@code styleOf} returns ({@link #PLAIN} for none). */
    public MonitorTable<T> styled(String title, Function<T, String> text, Function<T, String> styleOf,
            boolean numeric) {
        return add(title, text, styleOf, numeric, 90);
    }

    /** A wide text column (log messages). */
    public MonitorTable<T> wide(String title, Function<T, String> text, double width) {
        return add(title, text, row -> PLAIN, false, width);
    }

    private MonitorTable<T> add(String title, Function<T, String> text, Function<T, String> styleOf,
            boolean numeric, double width) {
        TableColumn<T, T> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setPrefWidth(width);
        column.setCellValueFactory(features -> new ReadOnlyObjectWrapper<>(features.getValue()));
        column.setCellFactory(c -> new MonitorCell<>(text, styleOf, numeric));
        table.getColumns().add(column);
        return this;
    }

    private static final class MonitorCell<T> extends TableCell<T, T> {
        private static final List<String> ALIGNMENT = List.of("number");
        private final Function<T, String> text;
        private final Function<T, String> styleOf;
        private String appliedStyle = PLAIN;

        MonitorCell(Function<T, String> text, Function<T, String> styleOf, boolean numeric) {
            this.text = text;
            this.styleOf = styleOf;
            if (numeric) {
                getStyleClass().addAll(ALIGNMENT);
            }
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            String style = PLAIN;
            if (empty || item == null) {
                setText(null);
            } else {
                setText(text.apply(item));
                style = styleOf.apply(item);
            }
            if (!style.equals(appliedStyle)) {
                if (!appliedStyle.isEmpty()) {
                    getStyleClass().remove(appliedStyle);
                }
                if (!style.isEmpty()) {
                    getStyleClass().add(style);
                }
                appliedStyle = style;
            }
        }
    }
}
