package io.jtrader.rpcservice.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks of the addresses the RPC service binds (DESIGN §6): which ones stay on this machine.
 * {@code tcp://127.x.x.x:PORT}, {@code tcp://localhost:PORT}, {@code tcp://[::1]:PORT}, {@code ipc://} and
 * {@code inproc://} are local; {@code tcp://*:PORT}, {@code tcp://0.0.0.0:PORT} and any other host are not.
 */
public final class ServiceAddresses {
    private ServiceAddresses() {
    }

    /** True when binding {@code address} exposes the service beyond this machine. */
    public static boolean isNonLoopback(String address) {
        String a = address.trim();
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ipc://") || lower.startsWith("inproc://")) {
            return false;
        }
        if (!lower.startsWith("tcp://")) {
            return true;
        }
        String hostPort = a.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int semicolon = host.lastIndexOf(';');   // ZeroMQ's "tcp://iface;host:port" source form
        if (semicolon >= 0) {
            host = host.substring(semicolon + 1);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return false;
        }
        if (host.equals("*") || host.isEmpty()) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return true;   // an interface or host name: it may be reachable from elsewhere
        }
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /**
     * Checks the form {@code tcp://HOST:PORT} (or {@code ipc://}/{@code inproc://}) and names the key and value when
     * it is wrong.
     */
    public static String requireEndpoint(String key, String address) {
        if (address == null || address.isBlank()) {
            throw new RpcServiceException(key + " must be an address such as tcp://127.0.0.1:2014, got "
                    + (address == null ? "null" : "'" + address + "'"));
        }
        String a = address.trim();
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ipc://") || lower.startsWith("inproc://")) {
            return a;
        }
        if (!lower.startsWith("tcp://")) {
            throw new RpcServiceException(key + " must start with tcp://, ipc:// or inproc://, got '" + a + "'");
        }
        int colon = a.lastIndexOf(':');
        String port = colon < "tcp://".length() ? "" : a.substring(colon + 1);
        if (!port.equals("*") && !port.matches("[0-9]{1,5}") || port.matches("[0-9]+") && Integer.parseInt(port) > 65535) {
            throw new RpcServiceException(key + " must end with :PORT (0..65535, 0 or * = a free port), got '" + a + "'");
        }
        return a;
    }
}
