package io.jtrader.rpcservice.server.security;

import java.util.Locale;

/**
 * What a client key may do. Each role includes the ones before it.
 * <ul>
 *   <li>{@link #READ}: queries and events only ({@code subscribe}, {@code query_history}, {@code get_*}).</li>
 *   <li>{@link #TRADE}: also {@code send_order}, and {@code cancel_order} of the orders it sent itself.</li>
 *   <li>{@link #ADMIN}: also cancels any order and uses the kill switch. Local clients of a server without
 *       CurveZMQ are admins (vn.py's behaviour).</li>
 * </ul>
 */
public enum Role {
    READ, TRADE, ADMIN;

    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    /** The lower-case name used in the allow-list file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Role parse(String text) {
        if (text != null) {
            for (Role role : values()) {
                if (role.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role must be one of read, trade, admin, got " + (text == null ? "null" : "'" + text + "'"));
    }
}
