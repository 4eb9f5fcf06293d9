package io.jtrader.sim;

import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayFactory;

/** Makes {@link SimGateway}s; registered for {@link java.util.ServiceLoader}. Default name {@code SIM}. */
public final class SimGatewayFactory implements GatewayFactory {
    public static final String DEFAULT_NAME = "SIM";

    @Override
    public String defaultName() {
        return DEFAULT_NAME;
    }

    @Override
    public Gateway create(GatewayContext context) {
        return new SimGateway(context);
    }
}
