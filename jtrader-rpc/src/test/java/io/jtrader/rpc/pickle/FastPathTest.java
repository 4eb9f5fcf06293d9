package io.jtrader.rpc.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtrader.rpc.testkit.GoldenVectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decoder's fast path takes CPython's frames whole, and whatever it takes or gives back, the value is the one the
 * general interpreter makes. The registry here maps vn.py's classes to plain field maps, so the test needs nothing
 * of trading.
 */
class FastPathTest {
    private static final List<String> TICK_KEYS = Stream.concat(Stream.of("gateway_name", "symbol", "exchange",
            "datetime", "name", "volume", "turnover", "open_interest", "last_price", "last_volume", "limit_up",
            "limit_down", "open_price", "high_price", "low_price", "pre_close"), Stream.of("bid_price_", "ask_price_",
            "bid_volume_", "ask_volume_").flatMap(k -> IntStream.rangeClosed(1, 5).mapToObj(i -> k + i)))
            .toList();

    private static final PickleTypeRegistry REGISTRY = PickleTypeRegistry.builder()
            .lenientEnumModulePrefix("vnpy")
            .addClass(new MapMapper<>("vnpy.event.engine", "Event", List.of("type", "data"), Event.class, Event::new))
            .addClass(new MapMapper<>("vnpy.trader.object", "TickData", TICK_KEYS, Tick.class, Tick::new))
            .addClass(new MapMapper<>("vnpy.trader.object", "OrderData",
                    List.of("gateway_name", "symbol", "exchange", "orderid", "type", "direction"), Order.class, Order::new))
            .build();

    private final PickleDecoder fast = new PickleDecoder(REGISTRY, PickleCodecConfig.defaults());
    private final PickleDecoder general = new PickleDecoder(REGISTRY, PickleCodecConfig.defaults().withFastPath(false));

    @Test
    void shouldTakeTheGoldenTickEventWholeAndMakeTheGeneralValue() {
        byte[] frame = GoldenVectors.bytes("pub_tick.pkl");
        Object value = fast.decode(frame);
        assertThat(fast.fastPath().framesAccepted).isEqualTo(1);
        assertThat(fast.fastPath().framesDeclined).isZero();
        assertThat(value).isEqualTo(general.decode(frame));
        Map<String, Object> tick = ((FieldMap) ((FieldMap) ((List<?>) value).get(1)).fields.get("data")).fields;
        assertThat(tick).containsEntry("volume", 356812L).containsEntry("last_price", 3432.0)
                .containsEntry("name", "螺纹钢2501").containsEntry("vt_symbol", "rb2501.SHFE");
    }

    @Test
    void shouldDecodeEveryGoldenVectorAsTheGeneralInterpreterDoesAndTakeAllButTheMultiFrameOnesWhole() {
        for (GoldenVectors.Case c : GoldenVectors.cases()) {
            long declinedBefore = fast.fastPath().framesDeclined;
            assertThat(fast.decode(c.bytes())).as(c.file()).isEqualTo(general.decode(c.bytes()));
            boolean severalFrames = c.bytes().length > 64 * 1024; // CPython starts a new FRAME every 64 KiB
            assertThat(fast.fastPath().framesDeclined - declinedBefore).as(c.file()).isEqualTo(severalFrames ? 1 : 0);
        }
    }

    @Test
    void shouldReuseARememberedEnumSpanOnlyForTheSameBytes() {
        byte[] shfe = GoldenVectors.bytes("pub_tick.pkl");
        byte[] czce = shfe.clone();
        int at = indexOf(czce, "\u0004SHFE".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 1;
        System.arraycopy("CZCE".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, czce, at, 4);
        for (byte[] frame : List.of(shfe, czce, shfe, czce)) {
            Object value = fast.decode(frame);
            assertThat(value).isEqualTo(general.decode(frame));
            Object exchange = ((FieldMap) ((FieldMap) ((List<?>) value).get(1)).fields.get("data")).fields.get("exchange");
            assertThat(((PyEnum) exchange).valueOrName()).isEqualTo(frame == shfe ? "SHFE" : "CZCE");
        }
        assertThat(fast.fastPath().framesAccepted).isEqualTo(4);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void shouldReadTheFrameAgainWhenItRefersBackToAStateDictThatWasNeverBuilt() {
        // [Event(type='t', data=None), <the state dict of that Event>]: legal pickle, never written by Python
        byte[] frame = PickleBytes.proto(4).op(Opcodes.EMPTY_LIST).op(Opcodes.MEMOIZE).op(Opcodes.MARK)
                .stackGlobal("vnpy.event.engine", "Event").op(Opcodes.EMPTY_TUPLE).op(Opcodes.NEWOBJ)
                .op(Opcodes.EMPTY_DICT).op(Opcodes.BINPUT).raw(9).op(Opcodes.MARK).str("type").str("t").str("data")
                .op(Opcodes.NONE).op(Opcodes.SETITEMS).op(Opcodes.BUILD).op(Opcodes.BINGET).raw(9)
                .op(Opcodes.APPENDS).op(Opcodes.STOP).bytes();
        List<?> value = (List<?>) fast.decode(frame);
        assertThat(value).isEqualTo(general.decode(frame));
        Map<?, ?> state = (Map<?, ?>) value.get(1);
        assertThat(state.get("type")).isEqualTo("t");
        assertThat(state.containsKey("data")).isTrue();
    }

    @Test
    void shouldGiveBackAnObjectWhoseStateHasAShapeItDoesNotRead() {
        // a state value that is a set: the object is read by the general interpreter, the frame still decodes
        byte[] frame = PickleBytes.proto(4).stackGlobal("vnpy.event.engine", "Event").op(Opcodes.EMPTY_TUPLE)
                .op(Opcodes.NEWOBJ).op(Opcodes.EMPTY_DICT).op(Opcodes.MARK).str("type").str("t").str("data")
                .op(Opcodes.EMPTY_SET).op(Opcodes.MARK).str("x").op(Opcodes.ADDITEMS).op(Opcodes.SETITEMS).op(Opcodes.BUILD)
                .op(Opcodes.STOP).bytes();
        Object value = fast.decode(frame);
        assertThat(value).isEqualTo(general.decode(frame));
        assertThat(fast.fastPath().framesDeclined).isEqualTo(1);
        assertThat(fast.fastPath().declined).isEqualTo(1);
        assertThat(((FieldMap) value).fields.get("data")).isEqualTo(java.util.Set.of("x"));
    }

    /** A decoded object: its class and its fields (declared keys that were sent, then extras), compared by value. */
    abstract static class FieldMap {
        final Map<String, Object> fields;

        FieldMap(Map<String, Object> fields) {
            this.fields = fields;
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && fields.equals(((FieldMap) o).fields);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass(), fields);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + fields;
        }
    }

    static final class Event extends FieldMap {
        Event(Map<String, Object> fields) {
            super(fields);
        }
    }

    static final class Tick extends FieldMap {
        Tick(Map<String, Object> fields) {
            super(fields);
        }
    }

    static final class Order extends FieldMap {
        Order(Map<String, Object> fields) {
            super(fields);
        }
    }

    /** Reads every declared slot that was sent and every extra into a map. */
    record MapMapper<T extends FieldMap>(String module, String name, List<String> stateKeys, Class<T> javaType,
            Function<Map<String, Object>, T> make) implements PickleFieldMapper<T> {
        @Override
        public T fromFields(PickleFields f) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int slot = 0; slot < stateKeys.size(); slot++) {
                if (f.has(slot)) {
                    fields.put(stateKeys.get(slot), f.get(slot));
                }
            }
            for (int i = 0; i < f.extraCount(); i++) {
                fields.put(f.extraKey(i), f.extraValue(i));
            }
            return make.apply(fields);
        }

        @Override
        public void writeState(T value, PickleWriter out) {
            value.fields.forEach(out::field);
        }
    }
}
