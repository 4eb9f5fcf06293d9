package io.jtrader.core.model;

import io.jtrader.core.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;

import static io.jtrader.core.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTest {

    @Test
    void shouldDeriveVnpysIds() {
        OrderData order = Samples.order("SIM", "1_42", Status.NOTTRADED, 0);
        TradeData trade = new TradeData("SIM", "rb2601", Exchange.SHFE, "1_42", "t9", Direction.LONG, Offset.OPEN,
                3500, 1, T0);
        PositionData position = new PositionData("CTP", "rb2501", Exchange.SHFE, Direction.LONG, 1, 0, 3500, 0, 0);
        AccountData account = new AccountData("CTP", "089121", 1_000_000, 14_412);
        QuoteData quote = new QuoteData("SIM", "IO2412-C-3900", Exchange.CFFEX, "q1", 1, 1, 2, 1, null, null, null,
                T0, null);

        assertThat(order.vtSymbol()).isEqualTo("rb2601.SHFE");
        assertThat(order.vtOrderId()).isEqualTo("SIM.1_42");
        assertThat(trade.vtOrderId()).isEqualTo("SIM.1_42");
        assertThat(trade.vtTradeId()).isEqualTo("SIM.t9");
        assertThat(position.vtPositionId()).isEqualTo("CTP.rb2501.SHFE.多");
        assertThat(new PositionData("CTP", "rb2501", Exchange.SHFE, Direction.SHORT, 1, 0, 1, 0, 0).vtPositionId())
                .isEqualTo("CTP.rb2501.SHFE.空");
        assertThat(account.vtAccountId()).isEqualTo("CTP.089121");
        assertThat(account.available()).isEqualTo(985_588);
        assertThat(quote.vtQuoteId()).isEqualTo("SIM.q1");
        assertThat(quote.vtSymbol()).isEqualTo("IO2412-C-3900.CFFEX");
        assertThat(new SubscribeRequest("FGBL", Exchange.EUREX).vtSymbol()).isEqualTo("FGBL.EUX");
        assertThat(VtIds.gatewayOf("RPC.1_-17_1")).isEqualTo("RPC");
        assertThat(VtIds.localIdOf("RPC.1_-17_1")).isEqualTo("1_-17_1");
    }

    @Test
    void shouldRelabelDataUnderAnotherGatewayWithDerivedIdsFollowing() {
        OrderData order = Samples.order("CTP", "7", Status.NOTTRADED, 0).withGatewayName("RPC");
        PositionData position = new PositionData("CTP", "rb2501", Exchange.SHFE, Direction.NET, 1, 0, 1, 0, 0)
                .withGatewayName("RPC");
        AccountData account = new AccountData("CTP", "a", 100, 10, 50).withGatewayName("RPC");

        assertThat(order.vtOrderId()).isEqualTo("RPC.7");
        assertThat(position.vtPositionId()).isEqualTo("RPC.rb2501.SHFE.净");
        assertThat(account.available()).isEqualTo(50); // kept as reported, not recomputed
        assertThat(Samples.tick("CTP", "rb2501", 1).withGatewayName("RPC").gatewayName()).isEqualTo("RPC");
    }

    @ParameterizedTest
    @CsvSource({"多,LONG", "Long,LONG", "LONG,LONG", "空,SHORT", "Short,SHORT", "净,NET", "Net,NET"})
    void shouldParseDirectionFromChineseEnglishAndName(String text, Direction expected) {
        assertThat(Direction.parse(text)).isEqualTo(expected);
    }

    @Test
    void shouldParseEveryEnumFromEverySpelling() {
        assertThat(Status.parse("全部成交")).isEqualTo(Status.ALLTRADED);
        assertThat(Status.parse("Not Traded")).isEqualTo(Status.NOTTRADED);
        assertThat(Status.parse("PARTTRADED")).isEqualTo(Status.PARTTRADED);
        assertThat(Offset.parse("")).isEqualTo(Offset.NONE);
        assertThat(Offset.parse("平今")).isEqualTo(Offset.CLOSETODAY);
        assertThat(Offset.parse("Close Yesterday")).isEqualTo(Offset.CLOSEYESTERDAY);
        assertThat(OrderType.parse("限价")).isEqualTo(OrderType.LIMIT);
        assertThat(OrderType.parse("Limit")).isEqualTo(OrderType.LIMIT);
        assertThat(OrderType.parse("FAK")).isEqualTo(OrderType.FAK);
        assertThat(Product.parse("期货")).isEqualTo(Product.FUTURES);
        assertThat(Product.parse("Stock")).isEqualTo(Product.EQUITY);
        assertThat(OptionType.parse("看涨期权")).isEqualTo(OptionType.CALL);
        assertThat(OptionType.parse("Put")).isEqualTo(OptionType.PUT);
        assertThat(Exchange.parse("EUX")).isEqualTo(Exchange.EUREX);
        assertThat(Exchange.parse("EUREX")).isEqualTo(Exchange.EUREX);
        assertThat(Exchange.parse("CBOT")).isEqualTo(Exchange.CBOT);
        assertThat(Currency.parse("CNY")).isEqualTo(Currency.CNY);
        assertThat(Interval.parse("1m")).isEqualTo(Interval.MINUTE);
        assertThat(Interval.parse("DAILY")).isEqualTo(Interval.DAILY);
        assertThat(Exchange.EUREX.value()).isEqualTo("EUX");
        assertThat(Direction.LONG.value()).isEqualTo("多");
        assertThat(Direction.LONG.englishValue()).isEqualTo("Long");
    }

    @Test
    void shouldNameTheTextAndTheEnumWhenParsingFails() {
        assertThatThrownBy(() -> Direction.parse("up")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'up' is not a valid Direction");
        assertThatThrownBy(() -> Status.parse(null)).hasMessage("'null' is not a valid Status");
        assertThatThrownBy(() -> Exchange.parse("HKSE")).hasMessage("'HKSE' is not a valid Exchange");
    }

    @Test
    void shouldKnowWhichStatusesAreActive() {
        for (Status status : Status.values()) {
            boolean active = status == Status.SUBMITTING || status == Status.NOTTRADED || status == Status.PARTTRADED;
            assertThat(Samples.order("SIM", "1", status, 0).isActive()).as(status.name()).isEqualTo(active);
        }
    }

    @Test
    void shouldCreateOrderDataFromARequestAndACancelRequestFromAnOrder() {
        OrderRequest request = new OrderRequest("rb2601", Exchange.SHFE, Direction.SHORT, OrderType.FAK, 3, 3499.0,
                Offset.CLOSETODAY, "strategy-1");

        OrderData order = request.createOrderData("42", "SIM", T0);

        assertThat(order).isEqualTo(new OrderData("SIM", "rb2601", Exchange.SHFE, "42", OrderType.FAK,
                Direction.SHORT, Offset.CLOSETODAY, 3499.0, 3, 0, Status.SUBMITTING, T0, "strategy-1"));
        assertThat(order.vtOrderId()).isEqualTo("SIM.42");
        assertThat(order.isActive()).isTrue();
        assertThat(order.createCancelRequest()).isEqualTo(new CancelRequest("42", "rb2601", Exchange.SHFE));
        assertThat(order.withProgress(3, Status.ALLTRADED).isActive()).isFalse();
    }

    @Test
    void shouldApplyVnpysDefaults() {
        OrderRequest request = new OrderRequest("rb2601", Exchange.SHFE, Direction.LONG, OrderType.LIMIT, 1, 1, null,
                null);
        assertThat(request.offset()).isEqualTo(Offset.NONE);
        assertThat(request.reference()).isEmpty();
        OrderData order = new OrderData("SIM", "rb2601", Exchange.SHFE, "1", null, null, null, 1, 1, 0, null, null,
                null);
        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
        assertThat(order.status()).isEqualTo(Status.SUBMITTING);
        assertThat(new LogData("SIM", "hi").level()).isEqualTo(LogData.INFO);
        ContractData contract = ContractData.of("SIM", "rb2601", Exchange.SHFE, "螺纹钢", Product.FUTURES, 10, 1, 1);
        assertThat(contract.optionStrike()).isNull();
        assertThat(contract.maxVolume()).isNull();
    }

    @Test
    void shouldRejectNullsWithTheClassAndFieldInTheMessage() {
        assertThatThrownBy(() -> new OrderRequest(null, Exchange.SHFE, Direction.LONG, OrderType.LIMIT, 1, 1, null, ""))
                .hasMessage("OrderRequest.symbol must not be null");
        assertThatThrownBy(() -> new OrderRequest("rb", null, Direction.LONG, OrderType.LIMIT, 1, 1, null, ""))
                .hasMessage("OrderRequest.exchange must not be null");
        assertThatThrownBy(() -> new OrderRequest("rb", Exchange.SHFE, null, OrderType.LIMIT, 1, 1, null, ""))
                .hasMessage("OrderRequest.direction must not be null");
        assertThatThrownBy(() -> new SubscribeRequest("", Exchange.SHFE))
                .hasMessage("SubscribeRequest.symbol must not be empty");
        assertThatThrownBy(() -> new CancelRequest(null, "rb", Exchange.SHFE))
                .hasMessage("CancelRequest.orderId must not be null");
        assertThatThrownBy(() -> TickData.builder("SIM", "rb", Exchange.SHFE, null).build())
                .hasMessage("TickData.datetime must not be null");
        assertThatThrownBy(() -> new PositionData("SIM", "rb", Exchange.SHFE, null, 1, 0, 0, 0, 0))
                .hasMessage("PositionData.direction must not be null");
        assertThatThrownBy(() -> new AccountData("SIM", null, 1, 0)).hasMessage("AccountData.accountId must not be null");
        assertThatThrownBy(() -> new LogData(null, "x", 20, LocalDateTime.now()))
                .hasMessage("LogData.gatewayName must not be null");
        assertThatThrownBy(() -> ContractData.of("SIM", "rb", Exchange.SHFE, "", null, 1, 1, 1))
                .hasMessage("ContractData.product must not be null");
        assertThatThrownBy(() -> new HistoryRequest("rb", Exchange.SHFE, null, null, Interval.MINUTE))
                .hasMessage("HistoryRequest.start must not be null");
    }

    @Test
    void shouldRejectNonFiniteNumbersAndNegativeVolumes() {
        assertThatThrownBy(() -> new OrderRequest("rb", Exchange.SHFE, Direction.LONG, OrderType.LIMIT, 1,
                Double.NaN, null, "")).hasMessage("OrderRequest.price must be a finite number, got NaN");
        assertThatThrownBy(() -> new OrderRequest("rb", Exchange.SHFE, Direction.LONG, OrderType.LIMIT, -1, 1, null,
                "")).hasMessage("OrderRequest.volume must not be negative, got -1.0");
        assertThatThrownBy(() -> Samples.order("SIM", "1", Status.NOTTRADED, -2))
                .hasMessage("OrderData.traded must not be negative, got -2.0");
        assertThatThrownBy(() -> TickData.builder("SIM", "rb", Exchange.SHFE, T0).lastPrice(Double.POSITIVE_INFINITY)
                .build()).hasMessage("TickData.lastPrice must be a finite number, got Infinity");
        assertThatThrownBy(() -> TickData.builder("SIM", "rb", Exchange.SHFE, T0).bidVolume3(-1).build())
                .hasMessage("TickData.bidVolume3 must not be negative, got -1.0");
        assertThatThrownBy(() -> new TradeData("SIM", "rb", Exchange.SHFE, "1", "t", Direction.LONG, null, 1, -1, T0))
                .hasMessage("TradeData.volume must not be negative, got -1.0");
        assertThatThrownBy(() -> new QuoteRequest("rb", Exchange.SHFE, 1, -1, 2, 1, null, null, ""))
                .hasMessage("QuoteRequest.bidVolume must not be negative, got -1.0");
        assertThatThrownBy(() -> new AccountData("SIM", "a", Double.NaN, 0))
                .hasMessage("AccountData.balance must be a finite number, got NaN");
        assertThatThrownBy(() -> new HistoryRequest("rb", Exchange.SHFE, T0, T0.minusDays(1), Interval.DAILY))
                .hasMessageContaining("HistoryRequest.end").hasMessageContaining("is before start");
    }

    @Test
    void shouldReadTickDepthByLevel() {
        TickData tick = TickData.builder("SIM", "rb", Exchange.SHFE, T0).bidPrice2(3499).askVolume5(7).build();
        assertThat(tick.bidPrice(2)).isEqualTo(3499);
        assertThat(tick.askVolume(5)).isEqualTo(7);
        assertThatThrownBy(() -> tick.bidPrice(6)).hasMessage("depth level must be 1..5, got 6");
    }
}
