package io.jtrader.ui.view;

import io.jtrader.core.model.TickData;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.MonitorsViewModel;
import io.jtrader.ui.viewmodel.PriceFormat;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Five ask levels above five bid levels of one tick (vn.py's trading widget depth), updated with the tick. */
final class DepthPanel {
    private static final int LEVELS = 5;
    private final GridPane grid = new GridPane();
    private final Label[] askPrice = new Label[LEVELS];
    private final Label[] askVolume = new Label[LEVELS];
    private final Label[] bidPrice = new Label[LEVELS];
    private final Label[] bidVolume = new Label[LEVELS];
    private final MonitorsViewModel monitors;

    DepthPanel(Messages m, MonitorsViewModel monitors, ObservableObjectValue<TickData> tick) {
        this.monitors = monitors;
        grid.setId("depth");
        grid.getStyleClass().add("depth-grid");
        int row = 0;
        for (int level = LEVELS; level >= 1; level--) {
            int i = level - 1;
            askPrice[i] = cell("depth-ask");
            askVolume[i] = cell("depth-ask");
            askPrice[i].setId("ask" + level);
            grid.addRow(row++, label(m.format("depth.ask", level), "depth-ask"), askPrice[i], askVolume[i]);
        }
        for (int level = 1; level <= LEVELS; level++) {
            int i = level - 1;
            bidPrice[i] = cell("depth-bid");
            bidVolume[i] = cell("depth-bid");
            bidPrice[i].setId("bid" + level);
            grid.addRow(row++, label(m.format("depth.bid", level), "depth-bid"), bidPrice[i], bidVolume[i]);
        }
        show(tick.get());
        tick.addListener((obs, was, now) -> show(now));
    }

    Node node() {
        return grid;
    }

    private void show(TickData t) {
        for (int level = 1; level <= LEVELS; level++) {
            int i = level - 1;
            if (t == null) {
                askPrice[i].setText("-");
                askVolume[i].setText("");
                bidPrice[i].setText("-");
                bidVolume[i].setText("");
            } else {
                askPrice[i].setText(monitors.formatPrice(t.vtSymbol(), t.askPrice(level)));
                askVolume[i].setText(PriceFormat.volume(t.askVolume(level)));
                bidPrice[i].setText(monitors.formatPrice(t.vtSymbol(), t.bidPrice(level)));
                bidVolume[i].setText(PriceFormat.volume(t.bidVolume(level)));
            }
        }
    }

    private static Label cell(String style) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setMinWidth(70);
        return l;
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }
}
