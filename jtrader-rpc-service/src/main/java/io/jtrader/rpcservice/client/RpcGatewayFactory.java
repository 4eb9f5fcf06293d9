package io.jtrader.rpcservice.client;

import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayFactory;

import java.util.Objects;
import java.util.function.Supplier;

/** Makes {@link RpcGateway}s (default name {@code RPC}); found with {@link java.util.ServiceLoader}. */
public final class RpcGatewayFactory implements GatewayFactory {
    private final Supplier<RpcGateway.Context> context;

    public RpcGatewayFactory() {
        this(RpcGateway.Context::new);
    }

    public RpcGatewayFactory(Supplier<RpcGateway.Context> context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public String defaultName() {
        return RpcGateway.DEFAULT_NAME;
    }

    @Override
    public Gateway create(GatewayContext gatewayContext) {
        return new RpcGateway(gatewayContext, context.get());
    }
}
