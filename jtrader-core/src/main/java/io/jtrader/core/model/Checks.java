package io.jtrader.core.model;

import java.util.Objects;

/** Construction-time validation shared by the model records; messages name the class and the field. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String owner, String field) {
        return Objects.requireNonNull(value, () -> owner + "." + field + " must not be null");
    }

    static String requiredText(String value, String owner, String field) {
        required(value, owner, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(owner + "." + field + " must not be empty");
        }
        return value;
    }

    static double finite(double value, String owner, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(owner + "." + field + " must be a finite number, got " + value);
        }
        return value;
    }

    static double nonNegative(double value, String owner, String field) {
        finite(value, owner, field);
        if (value < 0) {
            throw new IllegalArgumentException(owner + "." + field + " must not be negative, got " + value);
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
