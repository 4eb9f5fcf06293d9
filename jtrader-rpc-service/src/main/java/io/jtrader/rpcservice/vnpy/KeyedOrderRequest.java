package io.jtrader.rpcservice.vnpy;

import io.jtrader.core.model.OrderRequest;

import java.util.Objects;

/**
 * vn.py's {@code OrderRequest} with jtrader's idempotency key as one extra attribute of its pickled state
 * ({@value #KEY_ATTRIBUTE}); a Python unpickler just sets it, so vn.py servers are unaffected. A jtrader server
 * decodes every {@code OrderRequest} as this type ({@link VnpyTypes#serverCodec}); the key is null when the
 * sender put none (vn.py clients), and such requests behave as in vn.py.
 *
 * @param request        the order request itself
 * @param idempotencyKey the sender's key, unique per order it means to place; null for none
 */
public record KeyedOrderRequest(OrderRequest request, String idempotencyKey) {
    /** The extra attribute's name in the pickled OrderRequest. */
    public static final String KEY_ATTRIBUTE = "jtrader_idempotency_key";
    /** Longest accepted key, in characters. */
    public static final int MAX_KEY_LENGTH = 128;

    public KeyedOrderRequest {
        Objects.requireNonNull(request, "request");
        if (idempotencyKey != null) {
            if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException(KEY_ATTRIBUTE + " must be 1.." + MAX_KEY_LENGTH
                        + " characters, got " + idempotencyKey.length());
            }
            for (int i = 0; i < idempotencyKey.length(); i++) {
                char c = idempotencyKey.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    throw new IllegalArgumentException(KEY_ATTRIBUTE + " must be printable ASCII without spaces,"
                            + " got character 0x" + Integer.toHexString(c) + " at index " + i);
                }
            }
        }
    }
}
