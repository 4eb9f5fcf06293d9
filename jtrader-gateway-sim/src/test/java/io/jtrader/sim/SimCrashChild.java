package io.jtrader.sim;

import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link SimCrashRecoveryIT} kills: connects SIM with its journal under {@code args[0]}, prints every
 * order state and trade its listener is told about, prints {@code READY} after {@code args[1]} trades, and keeps
 * sending orders until it is killed.
 */
public final class SimCrashChild {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int readyAfter = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        AtomicInteger trades = new AtomicInteger();
        GatewayListener listener = new GatewayListener() {
            @Override
            public void onTick(TickData tick) {
            }

            @Override
            public synchronized void onOrder(OrderData o) {
                out.println("ORDER " + o.orderId() + " " + o.status() + " " + o.traded());
            }

            @Override
            public synchronized void onTrade(TradeData t) {
                out.println("TRADE " + t.tradeId() + " " + t.orderId() + " " + t.direction() + " " + t.offset() + " " + t.volume());
                if (trades.incrementAndGet() == readyAfter) {
                    out.println("READY");
                }
                out.flush();
            }

            @Override
            public void onPosition(PositionData position) {
            }

            @Override
            public void onAccount(AccountData account) {
            }

            @Override
            public void onContract(ContractData contract) {
            }

            @Override
            public void onQuote(QuoteData quote) {
            }

            @Override
            public void onLog(LogData log) {
            }
        };
        SimGateway g = new SimGateway(new GatewayContext("SIM", listener, home));
        g.connect(GatewaySettings.of(Map.of(SimSettings.ORDER_ACK_LATENCY_MS, 0, SimSettings.TICK_INTERVAL_MS, 1)));
        for (long i = 0; ; i++) {
            boolean buy = i % 2 == 0;
            g.sendOrder(new OrderRequest("IF2612", Exchange.CFFEX, buy ? Direction.LONG : Direction.SHORT,
                    OrderType.FAK, 1, buy ? 4900 : 4100, buy ? Offset.OPEN : Offset.CLOSE, ""));
            if (i % 64 == 0) {
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // pace: keep the kill window busy but finite
            }
        }
    }
}
