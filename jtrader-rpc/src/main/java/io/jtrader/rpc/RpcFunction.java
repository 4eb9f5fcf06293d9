package io.jtrader.rpc;

/**
 * A function served by {@link RpcServer} under a name, called as Python's {@code func(*args, **kwargs)}.
 * Runs on an {@code rpc-worker-N} thread (or on {@code rpc-server} when registered with
 * {@link RpcServer#registerInline}); calls from one connection never overlap and run in the order
 * they were sent, calls from different connections may run at the same time.
 *
 * <p>The return value is the result sent back as {@code [True, result]} (it must have a pickle form).
 * A thrown {@link RpcCallException} becomes {@code [False, "...\nTypeError: message"]} with its Python
 * type; any other exception becomes {@code [False, "...\nSimpleClassName: message"]}.
 */
@FunctionalInterface
public interface RpcFunction {
    Object call(RpcCall call) throws Exception;
}
