package io.jtrader.core.settings;

import java.util.Locale;

/** vn.py's settings file names, so a user moving from vn.py recognises them. */
public final class SettingsFiles {
    /** RPC service addresses: {@code rep_address}, {@code pub_address}. */
    public static final String RPC_SERVICE = "rpc_service_setting.json";
    /** Global settings (vn.py {@code vt_setting.json}). */
    public static final String VT_SETTING = "vt_setting.json";

    private SettingsFiles() {
    }

    /** {@code connect_<gateway name in lower case>.json}, e.g. {@code connect_sim.json}, {@code connect_rpc.json}. */
    public static String connect(String gatewayName) {
        if (gatewayName == null || gatewayName.isBlank()) {
            throw new IllegalArgumentException("gateway name must not be blank, got '" + gatewayName + "'");
        }
        return "connect_" + gatewayName.toLowerCase(Locale.ROOT) + ".json";
    }
}
