package io.jtrader.rpcservice.vnpy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TickData;
import io.jtrader.rpc.pickle.PickleCodec;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.testkit.GoldenVectors;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden frame decodes with the vn.py registry to the expected core records. */
class VnpyTypesGoldenTest {
    private final PickleCodec codec = VnpyTypes.codec();

    static Stream<GoldenVectors.Case> cases() {
        return GoldenVectors.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldDecodeEveryGoldenFrameToTypedRecords(GoldenVectors.Case c) {
        // vn.py 2.x's vt_positionid has no gateway prefix; the record derives vn.py 4's form
        Set<String> skipped = c.set().equals("legacy-v2") ? Set.of("vt_positionid") : Set.of();
        new TypedRecordJson(skipped).assertMatches(c.expected(), codec.decode(c.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldReEncodeEveryGoldenFrameToTheSameTypedValues(GoldenVectors.Case c) {
        Object decoded = codec.decode(c.bytes());
        Object again = codec.decode(codec.encode(decoded));
        assertThat(again).isEqualTo(decoded);
    }

    @Test
    void shouldDecodeTheTickEventWithTheValuesTheReadmeLists() {
        List<?> frame = (List<?>) codec.decode(GoldenVectors.bytes("pub_tick.pkl"));
        assertThat(frame.get(0)).isEqualTo("");
        VnpyEvent event = (VnpyEvent) frame.get(1);
        assertThat(event.type()).isEqualTo("eTick.");
        TickData tick = (TickData) event.data();
        assertThat(tick.gatewayName()).isEqualTo("CTP");
        assertThat(tick.vtSymbol()).isEqualTo("rb2501.SHFE");
        assertThat(tick.exchange()).isEqualTo(Exchange.SHFE);
        assertThat(tick.datetime()).isEqualTo(ZonedDateTime.of(2024, 11, 20, 9, 30, 1, 500_000_000, ZoneId.of("Asia/Shanghai")));
        assertThat(tick.name()).isEqualTo("螺纹钢2501");
        assertThat(tick.volume()).isEqualTo(356812.0);
        assertThat(tick.turnover()).isEqualTo(12254305720.0);
        assertThat(tick.lastPrice()).isEqualTo(3432.0);
        assertThat(tick.bidPrice1()).isEqualTo(3431.0);
        assertThat(tick.askVolume1()).isEqualTo(204.0);
        assertThat(tick.localtime()).isNull();
    }

    @Test
    void shouldReadEnumsByChineseValueEnglishValueAndName() {
        for (String file : List.of("pub_order.pkl", "pub_order_en_locale.pkl", "py311-byname/pub_order.pkl",
                "py311-byname/pub_order_en_locale.pkl")) {
            OrderData order = (OrderData) ((VnpyEvent) ((List<?>) codec.decode(GoldenVectors.bytes(file))).get(1)).data();
            assertThat(order.direction()).as(file).isEqualTo(Direction.LONG);
            assertThat(order.offset()).as(file).isEqualTo(Offset.OPEN);
            assertThat(order.type()).as(file).isEqualTo(OrderType.LIMIT);
            assertThat(order.status()).as(file).isEqualTo(Status.NOTTRADED);
            assertThat(order.vtOrderId()).as(file).isEqualTo("CTP.1_-1714432839_1");
        }
    }

    @Test
    void shouldDecodeARequestWithTypedArguments() {
        List<?> request = (List<?>) codec.decode(GoldenVectors.bytes("req_send_order.pkl"));
        assertThat(request.get(0)).isEqualTo("send_order");
        PyTuple args = (PyTuple) request.get(1);
        assertThat(args.get(0)).isInstanceOf(io.jtrader.core.model.OrderRequest.class);
        assertThat(args.get(1)).isEqualTo("CTP");
    }

    @Test
    void shouldDeriveThePositionIdFromTheChineseDirectionValue() {
        PositionData position = (PositionData) ((VnpyEvent) ((List<?>) codec.decode(
                GoldenVectors.bytes("py311-byname/pub_position.pkl"))).get(1)).data();
        assertThat(position.vtPositionId()).isEqualTo("CTP.rb2501.SHFE.多");
    }
}
