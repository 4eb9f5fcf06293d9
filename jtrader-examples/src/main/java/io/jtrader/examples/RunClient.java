package io.jtrader.examples;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.rpcservice.client.RpcGateway;
import io.jtrader.rpcservice.client.RpcGatewayFactory;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * vn.py's {@code run_client.py} without the window: connects an {@link RpcGateway} to a server, subscribes to a SHFE
 * future, prints five ticks, places a resting buy order and cancels it, then exits.
 *
 * <pre>java -cp ... io.jtrader.examples.RunClient [REP_ADDRESS PUB_ADDRESS]</pre>
 */
public final class RunClient {
    private RunClient() {
    }

    public static void main(String[] args) throws Exception {
        String rep = args.length == 2 ? args[0] : RpcGateway.REQ_ADDRESS_DEFAULT;
        String pub = args.length == 2 ? args[1] : RpcGateway.SUB_ADDRESS_DEFAULT;
        // tag::run-client[]
        try (MainEngine mainEngine = new MainEngine(new MainEngine.Context())) {
            RpcGateway rpc = (RpcGateway) mainEngine.addGateway(new RpcGatewayFactory());   // named "RPC"
            AtomicReference<ContractData> future = new AtomicReference<>();
            CountDownLatch futureSeen = new CountDownLatch(1);
            CountDownLatch fiveTicks = new CountDownLatch(5);
            CountDownLatch accepted = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            mainEngine.eventEngine().register(EventType.CONTRACT, event -> {
                ContractData contract = (ContractData) event.data();
                if (contract.exchange() == Exchange.SHFE && contract.product() == Product.FUTURES) {
                    future.compareAndSet(null, contract);
                    futureSeen.countDown();
                }
            });
            mainEngine.eventEngine().register(EventType.TICK, event -> {
                TickData tick = (TickData) event.data();
                System.out.println("tick " + tick.vtSymbol() + " " + tick.lastPrice() + " " + tick.datetime());
                fiveTicks.countDown();
            });
            mainEngine.eventEngine().register(EventType.ORDER, event -> {
                OrderData order = (OrderData) event.data();
                System.out.println("order " + order.vtOrderId() + " " + order.status());
                if (order.status() == Status.NOTTRADED) {
                    accepted.countDown();
                } else if (!order.isActive()) {
                    cancelled.countDown();
                }
            });

            mainEngine.connect(GatewaySettings.of(Map.of(RpcGateway.REQ_ADDRESS_KEY, rep, RpcGateway.SUB_ADDRESS_KEY, pub)), "RPC");
            rpc.synced().get(30, TimeUnit.SECONDS);                     // contracts, accounts, ... were reported
            if (!futureSeen.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server lists no SHFE future");
            }
            ContractData contract = future.get();
            mainEngine.subscribe(new SubscribeRequest(contract.symbol(), contract.exchange()), "RPC");
            if (!fiveTicks.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ticks for " + contract.vtSymbol() + " within 30 s");
            }

            TickData tick = mainEngine.oms().getTick(contract.vtSymbol());
            String vtOrderId = mainEngine.sendOrder(OrderRequest.limit(contract.symbol(), contract.exchange(),
                    Direction.LONG, Offset.OPEN, tick.limitDown(), 1), "RPC");      // rests below the market
            System.out.println("sent " + vtOrderId);
            if (vtOrderId.isEmpty() || !accepted.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("order " + vtOrderId + " was not accepted within 30 s (see the log)");
            }
            mainEngine.cancelOrder(mainEngine.oms().getOrder(vtOrderId).createCancelRequest(), "RPC");
            if (!cancelled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(vtOrderId + " was not cancelled within 30 s");
            }
        }
        // end::run-client[]
        System.out.println("done");
    }
}
