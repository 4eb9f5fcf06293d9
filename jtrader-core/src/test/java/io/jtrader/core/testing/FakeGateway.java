package io.jtrader.core.testing;

import io.jtrader.core.gateway.Gateway;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.SubscribeRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway for tests: records every command in {@link #calls}, answers orders with {@code NAME.n}, and can be
 * told to fail every command with {@link #failWith(RuntimeException)}.
 */
public final class FakeGateway implements Gateway {
    public final GatewayContext context;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Shared close log across gateways and apps of one test, to check the close order. */
    public final List<String> closeLog;
    private final AtomicInteger nextOrderId = new AtomicInteger();
    private volatile RuntimeException failure;
    private volatile GatewaySettings connectedWith;

    public FakeGateway(GatewayContext context, List<String> closeLog) {
        this.context = context;
        this.closeLog = closeLog;
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public GatewaySettings connectedWith() {
        return connectedWith;
    }

    private void call(String what) {
        calls.add(what);
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public String name() {
        return context.gatewayName();
    }

    @Override
    public Map<String, Object> defaultSettings() {
        return Map.of("address", "tcp://127.0.0.1:1", "mode", List.of("fast", "slow"));
    }

    @Override
    public List<Exchange> exchanges() {
        return List.of(Exchange.SHFE, Exchange.DCE);
    }

    @Override
    public void connect(GatewaySettings settings) {
        call("connect");
        connectedWith = settings;
        context.listener().writeLog(name(), "connected");
    }

    @Override
    public void close() {
        calls.add("close");
        closeLog.add("gateway " + name());
        context.listener().writeLog(name(), "closed");
    }

    @Override
    public void subscribe(SubscribeRequest request) {
        call("subscribe " + request.vtSymbol());
    }

    @Override
    public String sendOrder(OrderRequest request) {
        call("sendOrder " + request.vtSymbol());
        return name() + "." + nextOrderId.incrementAndGet();
    }

    @Override
    public void cancelOrder(CancelRequest request) {
        call("cancelOrder " + request.orderId());
    }

    @Override
    public void queryAccount() {
        call("queryAccount");
    }

    @Override
    public void queryPosition() {
        call("queryPosition");
    }

    @Override
    public List<BarData> queryHistory(HistoryRequest request) {
        call("queryHistory " + request.vtSymbol());
        if (request.interval() == null) {
            throw new GatewayException(name() + " needs an interval for history");
        }
        return List.of(new BarData(name(), request.symbol(), request.exchange(), request.start(), request.interval(),
                1, 1, 0, 1, 2, 0.5, 1.5));
    }
}
