package io.jtrader.rpcservice.server.security;

import io.jtrader.rpcservice.vnpy.KeyedOrderRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jtrader.rpcservice.server.RpcServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends one JSON line per trading request (send, cancel, kill switch; refused ones too):
 * <pre>{@code
 * {"time":"2025-01-02T09:30:00.123+08:00","client":"key:Yne@...","name":"desk-1","role":"trade",
 *  "function":"send_order","args":[{...OrderRequest...},"SIM"],"outcome":"ok","result":"SIM.17"}
 * }</pre>
 * {@code outcome} is {@code ok}, {@code rejected} (a risk rule; {@code result} names it), {@code refused} (the role
 * does not allow the call) or {@code error}. The line is written (and, with {@code fsync}, forced to disk) before
 * the call returns, i.e. before its reply is sent. A write failure is logged and counted, and the reply still goes
 * out: the order has reached the gateway already.
 *
 * <p>Threading: safe from any thread; writes are serialised.
 */
public final class AuditLog implements AutoCloseable {
    public static final String FILE_NAME = "rpc_audit.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final boolean fsync;
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final FileChannel channel;
    private final AtomicLong linesWritten = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    /** @throws RpcServiceException naming the file when it cannot be opened for appending */
    public AuditLog(Path file, boolean fsync) {
        this.file = file.toAbsolutePath();
        this.fsync = fsync;
        try {
            Path parent = this.file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new RpcServiceException("cannot open the audit log " + this.file + " for appending: " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    public long linesWritten() {
        return linesWritten.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    /** Writes one line; returns false (logged, counted) when it could not be written. */
    public boolean write(String client, String name, Role role, String function, Object args, String outcome,
                         Object result) {
        ObjectNode line = mapper.createObjectNode();
        line.put("time", OffsetDateTime.now().toString());
        line.put("client", client);
        line.put("name", name);
        line.put("role", role == null ? null : role.key());
        line.put("function", function);
        line.set("args", toJson(args));
        line.put("outcome", outcome);
        line.set("result", toJson(result));
        byte[] bytes;
        try {
            bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return failed(function, e);
        }
        synchronized (this) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (fsync) {
                    channel.force(false);
                }
            } catch (IOException e) {
                return failed(function, e);
            }
        }
        linesWritten.incrementAndGet();
        return true;
    }

    private com.fasterxml.jackson.databind.JsonNode toJson(Object value) {
        try {
            if (value instanceof KeyedOrderRequest keyed) {
                // The order as sent, with its idempotency key (when it has one) beside its fields.
                ObjectNode order = mapper.valueToTree(keyed.request());
                if (keyed.idempotencyKey() != null) {
                    order.put(KeyedOrderRequest.KEY_ATTRIBUTE, keyed.idempotencyKey());
                }
                return order;
            }
            if (value instanceof java.util.List<?> items) {
                com.fasterxml.jackson.databind.node.ArrayNode array = mapper.createArrayNode();
                items.forEach(item -> array.add(toJson(item)));
                return array;
            }
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return mapper.getNodeFactory().textNode(String.valueOf(value));
        }
    }

    private boolean failed(String function, Exception e) {
        writeFailures.incrementAndGet();
        LOG.error("audit log {}: the {} line could not be written: {}", file, function, e.toString());
        return false;
    }

    @Override
    public void close() {
        synchronized (this) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("audit log {}: close failed: {}", file, e.toString());
            }
        }
    }
}
