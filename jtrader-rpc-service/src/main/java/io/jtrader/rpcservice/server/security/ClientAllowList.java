package io.jtrader.rpcservice.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtrader.rpc.RpcConfigurationException;
import io.jtrader.rpc.security.ClientAuthenticator;
import io.jtrader.rpc.security.CurveKeys;
import io.jtrader.rpcservice.server.RpcServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client public keys a CurveZMQ server admits, each with a {@link Role}, from a JSON file:
 * <pre>{@code
 * {"clients": [
 *   {"name": "desk-1",  "public_key": "<40 Z85 characters>", "role": "trade"},
 *   {"name": "monitor", "public_key": "<40 Z85 characters>", "role": "read"}
 * ]}
 * }</pre>
 * The file is re-read when its modification time or size changes (checked at most every
 * {@link #RECHECK_INTERVAL_MS} ms, on the next handshake or call): a key removed from it is refused on its next
 * call and its next connection, without a restart. A file that becomes unreadable or invalid admits nobody
 * (fail closed) until it is fixed; the error is logged once per change.
 *
 * <p>Threading: safe from any thread (the {@code rpc-zap} thread and the workers call it).
 */
public final class ClientAllowList implements ClientAuthenticator {
    public static final String FILE_NAME = "rpc_allow_list.json";
    public static final long RECHECK_INTERVAL_MS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(ClientAllowList.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One admitted client. */
    public record Entry(String name, String publicKey, Role role) {
    }

    private final Path file;
    private final Object reloadLock = new Object();
    private volatile Map<String, Entry> entries;
    private volatile long nextCheckNs;
    private volatile String stamp;
    private volatile String loadError;

    /**
     * Reads {@code file} once.
     *
     * @throws RpcServiceException naming the file and the problem when it is missing or invalid at start-up
     */
    public ClientAllowList(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        this.stamp = stampOf(file);
        try {
            this.entries = parse(file);
        } catch (RpcServiceException e) {
            throw e;
        }
        this.nextCheckNs = System.nanoTime() + RECHECK_INTERVAL_MS * 1_000_000;
        LOG.info("client allow-list {}: {} key(s)", file, entries.size());
    }

    public Path file() {
        return file;
    }

    /** The entry for {@code publicKey}, or null when it is not (or no longer) on the list. */
    public Entry lookup(String publicKey) {
        refreshIfChanged();
        return publicKey == null ? null : entries.get(publicKey);
    }

    /** The current entries, key order as in the file. */
    public Map<String, Entry> entries() {
        refreshIfChanged();
        return entries;
    }

    @Override
    public String refusalReason(String clientPublicKey, String peerAddress) {
        Entry entry = lookup(clientPublicKey);
        if (entry != null) {
            return null;
        }
        String error = loadError;
        return error != null ? "the allow-list " + file + " is invalid (" + error + "); nobody is admitted"
                : "key not on the allow-list " + file;
    }

    private void refreshIfChanged() {
        long now = System.nanoTime();
        if (now - nextCheckNs < 0) {
            return;
        }
        synchronized (reloadLock) {
            if (now - nextCheckNs < 0) {
                return;
            }
            nextCheckNs = now + RECHECK_INTERVAL_MS * 1_000_000;
            String current = stampOf(file);
            if (current.equals(stamp)) {
                return;
            }
            stamp = current;
            try {
                entries = parse(file);
                loadError = null;
                LOG.warn("client allow-list {} changed: {} key(s) now admitted", file, entries.size());
            } catch (RpcServiceException e) {
                entries = Map.of();
                loadError = e.getMessage();
                LOG.error("client allow-list {} is now invalid; NO client is admitted until it is fixed: {}", file,
                        e.getMessage());
            }
        }
    }

    private static String stampOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        }
    }

    /** Parses the file; every problem names the file and the entry. */
    static Map<String, Entry> parse(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new RpcServiceException("client allow-list " + file + " does not exist; create it with"
                    + " {\"clients\": [{\"name\": ..., \"public_key\": ..., \"role\": \"read|trade|admin\"}]}", e);
        } catch (IOException e) {
            throw new RpcServiceException("client allow-list " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("clients").isArray()) {
            throw new RpcServiceException("client allow-list " + file + " must be a JSON object with a \"clients\" array");
        }
        Map<String, Entry> result = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : root.get("clients")) {
            String where = "client allow-list " + file + ", clients[" + index++ + "]";
            String name = node.path("name").asText("");
            String key = node.path("public_key").asText(null);
            try {
                CurveKeys.requireKey("public_key", key);
                Role role = Role.parse(node.path("role").isMissingNode() ? null : node.path("role").asText());
                Entry previous = result.put(key, new Entry(name.isEmpty() ? key.substring(0, 8) : name, key, role));
                if (previous != null) {
                    throw new IllegalArgumentException("public_key is listed twice (also as '" + previous.name() + "')");
                }
            } catch (RpcConfigurationException | IllegalArgumentException e) {
                throw new RpcServiceException(where + ": " + e.getMessage(), e);
            }
        }
        return Map.copyOf(result).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(result);
    }
}
