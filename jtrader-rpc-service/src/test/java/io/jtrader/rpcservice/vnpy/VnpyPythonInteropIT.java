package io.jtrader.rpcservice.vnpy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtrader.core.event.Event;
import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.Interval;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OptionType;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.QuoteRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.rpc.pickle.PickleCodec;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.testkit.PythonInterop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython (with our own stand-ins for vn.py's classes) unpickles what our encoder writes for every record type
 * and Event, and reports a typed-JSON description that is compared field by field with the Java values: every
 * field and derived key present, in vn.py's order, floats as floats, enums by name, aware datetimes.
 */
class VnpyPythonInteropIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZonedDateTime T = ZonedDateTime.of(2024, 11, 20, 9, 30, 1, 500_123_000, SHANGHAI);
    private final PickleCodec codec = VnpyTypes.codec();

    static List<Object> samples() {
        TickData tick = TickData.builder("CTP", "rb2501", Exchange.SHFE, T).name("螺纹钢2501").volume(356812)
                .turnover(12254305720.0).openInterest(1867455).lastPrice(3432).limitUp(3711).limitDown(3162)
                .openPrice(3418).highPrice(3440).lowPrice(3411).preClose(3431).bidPrice1(3431).askPrice1(3432)
                .bidVolume1(1066).askVolume1(204).bidPrice5(3427.5).askVolume5(9).localtime(LocalDateTime.of(2024, 11, 20, 9, 30, 1, 600_000_000))
                .build();
        OrderData order = new OrderData("CTP", "rb2501", Exchange.SHFE, "1_-1714432839_1", OrderType.LIMIT, Direction.LONG,
                Offset.OPEN, 3432, 2, 1, Status.PARTTRADED, T, "ManualTrading");
        List<Object> all = new ArrayList<>(List.of(
                tick,
                new BarData("CTP", "rb2501", Exchange.SHFE, T, Interval.MINUTE, 100, 2e6, 5000, 3430, 3440, 3420, 3435.5),
                order,
                new TradeData("CTP", "rb2501", Exchange.SHFE, "1_-1714432839_1", "      207312", Direction.SHORT, Offset.CLOSETODAY, 3432, 2, T),
                new PositionData("CTP", "rb2501", Exchange.SHFE, Direction.LONG, 2, 0, 3433, -20, 1),
                new AccountData("CTP", "089121", 1_000_000.5, 7206, 992_794.5),
                new LogData("CTP", "连接成功", LogData.WARNING, LocalDateTime.of(2026, 11, 24, 13, 30, 29, 937_894_000)),
                new ContractData("CTP", "IO2412-C-3900", Exchange.CFFEX, "沪深300期权", Product.OPTION, 100, 0.2, 1, 50.0,
                        false, true, true, 3900.0, "IF2412", OptionType.CALL, LocalDateTime.of(2024, 10, 21, 0, 0),
                        LocalDateTime.of(2024, 12, 20, 0, 0), "IO", "3900"),
                new ContractData("CTP", "rb2501", Exchange.SHFE, "螺纹钢2501", Product.FUTURES, 10, 1, 1, null,
                        false, false, false, null, null, null, null, null, null, null),
                new QuoteData("CTP", "IO2412-C-3900", Exchange.CFFEX, "q1", 100.2, 3, 101.0, 4, Offset.OPEN, Offset.CLOSE,
                        Status.NOTTRADED, T, "mm"),
                new SubscribeRequest("rb2501", Exchange.SHFE),
                new OrderRequest("rb2501", Exchange.SHFE, Direction.LONG, OrderType.LIMIT, 2, 3432, Offset.OPEN, "JavaClient"),
                new CancelRequest("1_-1714432839_1", "rb2501", Exchange.SHFE),
                new HistoryRequest("rb2501", Exchange.SHFE, T.minusDays(3), T, Interval.DAILY),
                new QuoteRequest("IO2412-C-3900", Exchange.CFFEX, 100.2, 3, 101.0, 4, Offset.OPEN, Offset.CLOSE, "mm")));
        all.add(List.of("", new Event("eTick.", tick)));
        all.add(List.of("", new VnpyEvent("eOrder.CTP.1_-1714432839_1", order, Map.of("jtrader_seq", 42L))));
        all.add(List.of("send_order", PyTuple.of(all.get(11), "CTP"), Map.of()));
        all.add(List.of(true, List.of(order, order)));
        all.add(List.of("heartbeat", 1795527036.954765));
        return all;
    }

    @Test
    @Timeout(120)
    void shouldBeUnpickledByCPythonIntoEqualVnpyShapedObjects() throws IOException {
        Path dir = Files.createTempDirectory("jtrader-interop-");
        try {
            copyResource("standins.py", dir);
            Path script = copyResource("unpickle_typed.py", dir);
            List<Object> samples = samples();
            List<String> args = new ArrayList<>();
            args.add(dir.toString());
            for (int i = 0; i < samples.size(); i++) {
                Path frame = dir.resolve("frame-" + i + ".pkl");
                Files.write(frame, codec.encode(samples.get(i)));
                args.add(frame.toString());
            }
            PythonInterop.Result result = PythonInterop.run(PythonInterop.requirePython(), script, Duration.ofSeconds(60),
                    args.toArray(String[]::new)).assertSuccess();
            List<String> lines = result.stdout().lines().toList();
            assertThat(lines).hasSize(samples.size());
            ObjectMapper json = new ObjectMapper();
            TypedRecordJson compare = new TypedRecordJson(Set.of());
            for (int i = 0; i < samples.size(); i++) {
                JsonNode described = json.readTree(lines.get(i));
                Object javaValue = samples.get(i);
                Object comparable = javaValue instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Event ev
                        ? List.of(l.get(0), VnpyEvent.of(ev)) : javaValue;
                try {
                    if (comparable instanceof List<?> l && l.size() == 2 && l.get(1) instanceof VnpyEvent ev && !ev.extra().isEmpty()) {
                        // the extra attribute arrives as a plain attribute of Python's Event
                        assertThat(described.get(1).get("state").get("jtrader_seq").get("$int").asText()).isEqualTo("42");
                        ((com.fasterxml.jackson.databind.node.ObjectNode) described.get(1).get("state")).remove("jtrader_seq");
                        comparable = List.of(l.get(0), new VnpyEvent(ev.type(), ev.data()));
                    }
                    compare.assertMatches(described, comparable);
                } catch (AssertionError e) {
                    throw new AssertionError("sample " + i + " (" + javaValue.getClass().getSimpleName() + "): " + e.getMessage()
                            + "\npython saw: " + lines.get(i), e);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path copyResource(String name, Path dir) throws IOException {
        try (InputStream in = VnpyPythonInteropIT.class.getResourceAsStream("/vnpy-standins/" + name)) {
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }
}
