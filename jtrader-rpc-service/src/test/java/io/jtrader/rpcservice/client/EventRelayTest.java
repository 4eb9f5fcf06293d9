package io.jtrader.rpcservice.client;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventRelayTest {
    private final List<Object> reported = new ArrayList<>();
    private final GatewayListener recorder = new GatewayListener() {
        @Override public void onTick(TickData tick) { reported.add(tick); }
        @Override public void onOrder(OrderData order) { reported.add(order); }
        @Override public void onTrade(TradeData trade) { reported.add(trade); }
        @Override public void onPosition(PositionData position) { reported.add(position); }
        @Override public void onAccount(AccountData account) { reported.add(account); }
        @Override public void onContract(ContractData contract) { reported.add(contract); }
        @Override public void onQuote(QuoteData quote) { reported.add(quote); }
        @Override public void onLog(LogData log) { reported.add(log); }
        @Override public void onEvent(Event event) { reported.add(event); }
    };
    private final EventRelay relay = new EventRelay("RPC", recorder);

    private static OrderData order(String gateway) {
        return new OrderData(gateway, "rb2601", Exchange.SHFE, "1_5", OrderType.LIMIT, Direction.LONG, Offset.OPEN,
                3500, 1, 0, Status.NOTTRADED, null, "");
    }

    @Test
    void shouldRelabelTheGeneralEventAndDropTheServersSpecificDuplicate() {
        assertThat(relay.relay(EventType.ORDER, order("SIM"))).isEqualTo(EventRelay.Outcome.FORWARDED);
        assertThat(relay.relay(EventType.orderOf("SIM.1_5"), order("SIM"))).isEqualTo(EventRelay.Outcome.DUPLICATE_DROPPED);
        assertThat(reported).containsExactly(order("RPC"));
        assertThat(((OrderData) reported.get(0)).vtOrderId()).isEqualTo("RPC.1_5");
    }

    @Test
    void shouldKeepTheServersAvailableFunds() {
        relay.relay(EventType.ACCOUNT, new AccountData("SIM", "089121", 1_000_000, 14_412, 985_588));
        assertThat(reported).containsExactly(new AccountData("RPC", "089121", 1_000_000, 14_412, 985_588));
    }

    @Test
    void shouldRememberTheServerGatewayOfPushedContracts() {
        assertThat(relay.serverGatewayOf("rb2601.SHFE")).isEmpty();
        relay.relay(EventType.CONTRACT, ContractData.of("CTP", "rb2601", Exchange.SHFE, "螺纹钢", Product.FUTURES, 10, 1, 1));
        relay.relay(EventType.CONTRACT, ContractData.of("IB", "AAPL", Exchange.SMART, "Apple", Product.EQUITY, 1, 0.01, 1));
        assertThat(relay.serverGatewayOf("rb2601.SHFE")).isEqualTo("CTP");
        assertThat(relay.serverGatewayOf("AAPL.SMART")).isEqualTo("IB");
        assertThat(relay.serverGatewayOf("cu2601.SHFE")).isEmpty();   // two server gateways: cannot guess
        assertThat(reported).allSatisfy(c -> assertThat(((ContractData) c).gatewayName()).isEqualTo("RPC"));
    }

    @Test
    void shouldGuessTheOnlyServerGatewayForAnUnknownSymbol() {
        relay.relay(EventType.CONTRACT, ContractData.of("SIM", "rb2601", Exchange.SHFE, "螺纹钢", Product.FUTURES, 10, 1, 1));
        assertThat(relay.serverGatewayOf("nosuch.SHFE")).isEqualTo("SIM");
    }

    @Test
    void shouldKeepServerLogsAndPassOtherEventsOnUnchangedButDropTimers() {
        LogData log = LogData.of("SIM", LogData.INFO, "连接成功");
        LogData rpcLog = LogData.of("RpcService", LogData.INFO, "RPC服务启动成功");
        Object stopOrder = java.util.Map.of("vt_orderid", "STOP.1");

        relay.relay(EventType.LOG, log);
        relay.relay(EventType.RPC_LOG, rpcLog);
        relay.relay("eCtaStopOrder", stopOrder);
        assertThat(relay.relay(EventType.TIMER, null)).isEqualTo(EventRelay.Outcome.TIMER_DROPPED);

        assertThat(reported).containsExactly(log, new Event(EventType.RPC_LOG, rpcLog), new Event("eCtaStopOrder", stopOrder));
    }

    @Test
    void shouldRelabelOrderIdsAtTheFirstDot() {
        assertThat(RpcGateway.toLocalOrderId("RPC", "SIM.1_5")).isEqualTo("RPC.1_5");
        assertThat(RpcGateway.toLocalOrderId("RPC", "CTP.12.5")).isEqualTo("RPC.12.5");   // W13: no crash
        assertThat(RpcGateway.toLocalOrderId("RPC", "")).isEmpty();
    }
}
