package io.jtrader.core.testing;

import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Makes {@link FakeGateway}s named {@code FAKE} by default; also registered for ServiceLoader in test resources. */
public final class FakeGatewayFactory implements GatewayFactory {
    public final List<FakeGateway> created = new CopyOnWriteArrayList<>();
    public final List<String> closeLog;

    public FakeGatewayFactory() {
        this(new CopyOnWriteArrayList<>());
    }

    public FakeGatewayFactory(List<String> closeLog) {
        this.closeLog = closeLog;
    }

    @Override
    public String defaultName() {
        return "FAKE";
    }

    @Override
    public Gateway create(GatewayContext context) {
        FakeGateway gateway = new FakeGateway(context, closeLog);
        created.add(gateway);
        return gateway;
    }
}
