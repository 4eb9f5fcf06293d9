package io.jtrader.rpc.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtrader.rpc.RpcDecodeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registered classes and enums: fast state mapping in, fields in order out, enums by value and by name. */
class PickleTypeRegistryTest {
    enum Side { BUY, SELL }

    record Fill(String symbol, Side side, double price) {
    }

    static final PickleKey SYMBOL = PickleKey.of("symbol");
    static final PickleKey SIDE = PickleKey.of("side");
    static final PickleKey PRICE = PickleKey.of("price");

    static final PickleClassMapper<Fill> FILL = new PickleClassMapper<>() {
        @Override
        public String module() {
            return "demo.objects";
        }

        @Override
        public String name() {
            return "Fill";
        }

        @Override
        public Class<Fill> javaType() {
            return Fill.class;
        }

        @Override
        public Fill fromState(PickleDict state) {
            String symbol = null;
            Side side = null;
            double price = 0;
            for (int i = 0; i < state.entryCount(); i++) {
                switch ((String) state.keyAt(i)) {
                    case "symbol": symbol = (String) state.valueAt(i); break;
                    case "side": side = (Side) state.valueAt(i); break;
                    case "price": price = ((Number) state.valueAt(i)).doubleValue(); break;
                    default: break;
                }
            }
            return new Fill(symbol, side, price);
        }

        @Override
        public void writeState(Fill value, PickleWriter out) {
            out.field(SYMBOL, value.symbol());
            out.field(SIDE, value.side());
            out.field(PRICE, value.price());
        }
    };

    static final PickleEnumMapper<Side> SIDE_ENUM = PickleEnumMapper.of("demo.constant", "Side", Side.class,
            Side::name, s -> s == Side.BUY ? List.of("买", "Buy") : List.of("卖", "Sell"));

    private final PickleCodec codec = new PickleCodec(PickleCodecConfig.defaults(),
            PickleTypeRegistry.builder().addClass(FILL).addEnum(SIDE_ENUM).build());

    @Test
    void shouldRoundTripARegisteredClassWithARegisteredEnum() {
        Fill fill = new Fill("rb2501", Side.SELL, 3432.0);
        assertThat(codec.decode(codec.encode(List.of("", fill)))).isEqualTo(List.of("", fill));
    }

    @Test
    void shouldWriteStateKeysInTheMappersOrderAndEnumsByName() {
        PickleCodec lenient = new PickleCodec(PickleCodecConfig.defaults(),
                PickleTypeRegistry.builder().lenientEnumModulePrefix("demo").build());
        PyObject o = (PyObject) lenient.decode(codec.encode(new Fill("rb2501", Side.BUY, 1.0)));
        assertThat(o.qualifiedName()).isEqualTo("demo.objects.Fill");
        assertThat(o.state().keySet()).containsExactly("symbol", "side", "price");
        assertThat(o.state().get("side")).isEqualTo(new PyEnum("demo.constant", "Side", "BUY", true));
        assertThatThrownBy(() -> PickleCodec.generic().decode(codec.encode(Side.BUY)))
                .isInstanceOf(RpcDecodeException.class).hasMessageContaining("demo.constant.Side");
    }

    @Test
    void shouldReadEnumMembersByEveryValueAndByName() {
        for (String value : List.of("买", "Buy")) {
            byte[] frame = PickleBytes.proto(4).stackGlobal("demo.constant", "Side").str(value).op(Opcodes.TUPLE1)
                    .op(Opcodes.REDUCE).stop().bytes();
            assertThat(codec.decode(frame)).isEqualTo(Side.BUY);
        }
        byte[] byName = PickleBytes.proto(4).stackGlobal("builtins", "getattr").stackGlobal("demo.constant", "Side")
                .str("SELL").op(Opcodes.TUPLE2).op(Opcodes.REDUCE).stop().bytes();
        assertThat(codec.decode(byName)).isEqualTo(Side.SELL);
    }

    @Test
    void shouldRefuseAnUnknownValueOfARegisteredEnum() {
        byte[] frame = PickleBytes.proto(4).stackGlobal("demo.constant", "Side").str("Hold").op(Opcodes.TUPLE1)
                .op(Opcodes.REDUCE).stop().bytes();
        assertThatThrownBy(() -> codec.decode(frame)).isInstanceOf(RpcDecodeException.class)
                .hasMessageContaining("'Hold' is not a valid demo.constant.Side value");
    }

    @Test
    void shouldReportAMapperFailureAsADecodeError() {
        byte[] frame = PickleBytes.proto(4).stackGlobal("demo.objects", "Fill").op(Opcodes.EMPTY_TUPLE).op(Opcodes.NEWOBJ)
                .op(Opcodes.EMPTY_DICT).str("price").str("not a number").op(Opcodes.SETITEM).op(Opcodes.BUILD).stop().bytes();
        assertThatThrownBy(() -> codec.decode(frame)).isInstanceOf(RpcDecodeException.class)
                .hasMessageContaining("demo.objects.Fill").hasMessageContaining("ClassCastException");
    }

    @Test
    void shouldRefuseDuplicateRegistrations() {
        assertThatThrownBy(() -> PickleTypeRegistry.builder().addClass(FILL).addClass(FILL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("demo.objects.Fill");
    }

    @Test
    void shouldRejectInvalidLimits() {
        assertThatThrownBy(() -> PickleCodecConfig.defaults().withMaxDepth(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth");
    }
}
