package io.jtrader.rpc;

/**
 * A call got no reply within its timeout. Only that call fails: the connection stays usable, and a reply
 * that arrives later is dropped and counted ({@link RpcClient.Counters#lateReplies()}).
 */
public class RpcTimeoutException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcTimeoutException(String message) {
        super(message);
    }
}
