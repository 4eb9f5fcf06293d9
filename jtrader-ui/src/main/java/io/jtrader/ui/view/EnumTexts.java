package io.jtrader.ui.view;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.Status;
import io.jtrader.ui.viewmodel.Messages;
import javafx.util.StringConverter;

/** Enum values as the window shows them (直/空, Long/Short, ...), and colour classes for directions and PnL. */
final class EnumTexts {
    private EnumTexts() {
    }

    static String direction(Messages m, Direction d) {
        return d == null ? "" : m.get("direction." + d.name());
    }

    static String offset(Messages m, Offset o) {
        return o == null ? "" : m.get("offset." + o.name());
    }

    static String status(Messages m, Status s) {
        return s == null ? "" : m.get("status." + s.name());
    }

    static String directionStyle(Direction d) {
        if (d == Direction.LONG) {
            return "long";
        }
        return d == Direction.SHORT ? "short" : "";
    }

    static String pnlStyle(double pnl) {
        if (pnl > 0) {
            return "profit";
        }
        return pnl < 0 ? "loss" : "";
    }

    /** A converter for combo boxes showing {@code text(value)}. */
    static <E> StringConverter<E> converter(java.util.function.Function<E, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public E fromString(String string) {
                throw new UnsupportedOperationException("read-only choice");
            }
        };
    }
}
