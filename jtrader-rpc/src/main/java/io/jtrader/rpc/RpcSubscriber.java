package io.jtrader.rpc;

/**
 * Receives published {@code [topic, data]} frames. Called on the {@code rpc-client} thread: must return
 * quickly (hand work to your own queue); an exception is counted, logged and the next frame is delivered.
 */
@FunctionalInterface
public interface RpcSubscriber {
    void onMessage(String topic, Object data);
}
