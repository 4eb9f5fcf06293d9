package io.jtrader.rpc.internal;

import io.jtrader.rpc.RpcConfigurationException;

/** ZeroMQ endpoint strings: validation and the port-0 spelling. */
public final class Endpoints {
    private Endpoints() {
    }

    /** Checks {@code transport://address} and returns it with a trailing {@code :0} spelled {@code :*} (free port). */
    public static String forBind(String key, String endpoint) {
        String checked = check(key, endpoint);
        return checked.startsWith("tcp://") && checked.endsWith(":0")
                ? checked.substring(0, checked.length() - 1) + "*"
                : checked;
    }

    public static String check(String key, String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new RpcConfigurationException(key + " must be a ZeroMQ endpoint such as tcp://127.0.0.1:2014, got " + endpoint);
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0 || sep + 3 >= endpoint.length()) {
            throw new RpcConfigurationException(key + " must look like transport://address (tcp://127.0.0.1:2014), got " + endpoint);
        }
        String transport = endpoint.substring(0, sep);
        if (!transport.equals("tcp") && !transport.equals("ipc") && !transport.equals("inproc")) {
            throw new RpcConfigurationException(key + " transport must be tcp, ipc or inproc, got " + endpoint);
        }
        if (transport.equals("tcp") && endpoint.lastIndexOf(':') <= sep) {
            throw new RpcConfigurationException(key + " needs a port (use :0 for a free one), got " + endpoint);
        }
        return endpoint;
    }
}
