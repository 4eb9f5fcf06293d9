package io.jtrader.rpcservice.vnpy;

import io.jtrader.core.model.Currency;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Interval;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OptionType;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.Status;
import io.jtrader.rpc.pickle.PickleCodec;
import io.jtrader.rpc.pickle.PickleCodecConfig;
import io.jtrader.rpc.pickle.PickleEnumMapper;
import io.jtrader.rpc.pickle.PickleFields;
import io.jtrader.rpc.pickle.PickleTypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * vn.py's wire types for the pickle codec: every {@code vnpy.trader.object} class ↔ its core record, every
 * {@code vnpy.trader.constant} enum ↔ its core enum (read by Chinese value, English value or name; written by
 * name), and {@code vnpy.event.engine.Event} ↔ {@link VnpyEvent} (and core {@code Event} when encoding).
 * Members of unknown enums from other vn.py apps ({@code vnpy*} modules) decode as {@code PyEnum}, other
 * unknown classes as {@code PyObject}.
 *
 * <p>Decoding is lenient where vn.py is: numbers may be int or float; missing optional fields take vn.py's
 * defaults; derived keys ({@code vt_symbol}, ...) are recomputed by the records; a naive datetime in an aware
 * field (vn.py 2.x) is read as Asia/Shanghai. Encoding writes vn.py 4.3's full state (every field and derived
 * key, in its order) so that an unpickled object needs no {@code __post_init__}.
 */
public final class VnpyTypes {
    private static final PickleTypeRegistry REGISTRY = buildRegistry(false);
    private static final PickleTypeRegistry SERVER_REGISTRY = buildRegistry(true);
    private static final PickleCodec CODEC = new PickleCodec(PickleCodecConfig.defaults(), REGISTRY);

    private VnpyTypes() {
    }

    /** The registry of vn.py types (immutable, shared). */
    public static PickleTypeRegistry registry() {
        return REGISTRY;
    }

    /** A codec with the default limits and the vn.py types (thread-safe, shared). */
    public static PickleCodec codec() {
        return CODEC;
    }

    /**
     * A codec for a jtrader server: like {@link #codec(PickleCodecConfig)}, except that every
     * {@code vnpy.trader.object.OrderRequest} decodes as {@link KeyedOrderRequest} (its idempotency key null when
     * the sender put none). Encoding is the same.
     */
    public static PickleCodec serverCodec(PickleCodecConfig config) {
        return new PickleCodec(config, SERVER_REGISTRY);
    }

    /** A codec with other limits and the vn.py types. */
    public static PickleCodec codec(PickleCodecConfig config) {
        return new PickleCodec(config, REGISTRY);
    }

    private static PickleTypeRegistry buildRegistry(boolean keyedOrderRequests) {
        PickleTypeRegistry.Builder b = PickleTypeRegistry.builder().lenientEnumModulePrefix("vnpy");
        for (VnpyClassMapper<?> mapper : VnpyObjectMappers.all()) {
            if (mapper instanceof VnpyObjectMappers.OrderRequestMapper orderRequests) {
                KeyedOrderRequestMapper keyed = new KeyedOrderRequestMapper(orderRequests);
                if (keyedOrderRequests) {
                    b.addClass(keyed);              // decodes OrderRequest (key or none), encodes keyed ones
                    b.addEncoder(orderRequests);    // plain OrderRequest still encodes
                } else {
                    b.addClass(orderRequests);
                    b.addEncoder(keyed);
                }
            } else {
                b.addClass(mapper);
            }
        }
        b.knownStrings(List.of(KeyedOrderRequest.KEY_ATTRIBUTE, Reliability.SESSION_ATTRIBUTE,
                Reliability.SEQUENCE_ATTRIBUTE));
        b.knownStrings(VnpyObjectMappers.stateKeys());
        b.knownStrings(List.of("type", "data", "builtins", "getattr", "datetime", "zoneinfo", "ZoneInfo", "_unpickle",
                "Asia/Shanghai", "heartbeat"));
        b.addClass(new VnpyEventMappers.WireEventMapper());
        b.addEncoder(new VnpyEventMappers.CoreEventMapper());
        String constant = "vnpy.trader.constant";
        b.addEnum(PickleEnumMapper.of(constant, "Direction", Direction.class, Enum::name, values(Direction::value, Direction::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "Offset", Offset.class, Enum::name, values(Offset::value, Offset::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "Status", Status.class, Enum::name, values(Status::value, Status::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "Product", Product.class, Enum::name, values(Product::value, Product::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "OrderType", OrderType.class, Enum::name, values(OrderType::value, OrderType::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "OptionType", OptionType.class, Enum::name, values(OptionType::value, OptionType::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "Exchange", Exchange.class, Enum::name, e -> {
            List<Object> v = new ArrayList<>(values(Exchange::value, Exchange::englishValue).apply(e));
            if (e == Exchange.CBOT) {
                v.add("CBT"); // vn.py < 4.0 value
            }
            return v;
        }));
        b.addEnum(PickleEnumMapper.of(constant, "Currency", Currency.class, Enum::name, values(Currency::value, Currency::englishValue)));
        b.addEnum(PickleEnumMapper.of(constant, "Interval", Interval.class, Enum::name, values(Interval::value, Interval::englishValue)));
        return b.build();
    }

    /**
     * {@code vnpy.trader.object.OrderRequest} ↔ {@link KeyedOrderRequest}: the request plus one extra attribute,
     * jtrader's idempotency key (null when the sender put none). Its state keys are the request's, then the key's.
     */
    private static final class KeyedOrderRequestMapper extends VnpyClassMapper<KeyedOrderRequest> {
        private final VnpyObjectMappers.OrderRequestMapper plain;
        private final List<String> keys;

        KeyedOrderRequestMapper(VnpyObjectMappers.OrderRequestMapper plain) {
            super(plain.module(), plain.name(), KeyedOrderRequest.class);
            this.plain = plain;
            List<String> k = new ArrayList<>(plain.stateKeys());
            k.add(KeyedOrderRequest.KEY_ATTRIBUTE);
            this.keys = List.copyOf(k);
        }

        @Override
        public List<String> stateKeys() {
            return keys;
        }

        @Override
        public KeyedOrderRequest fromFields(PickleFields f) {
            String key = StateFields.string(f, keys.size() - 1, null, plain.name(), KeyedOrderRequest.KEY_ATTRIBUTE);
            return new KeyedOrderRequest(plain.fromFields(f), key);
        }

        @Override
        public void writeState(KeyedOrderRequest value, io.jtrader.rpc.pickle.PickleWriter out) {
            plain.writeState(value.request(), out);
            if (value.idempotencyKey() != null) {
                out.field(KeyedOrderRequest.KEY_ATTRIBUTE, value.idempotencyKey());
            }
        }
    }

    private static <E> Function<E, List<Object>> values(Function<E, String> zh, Function<E, String> en) {
        return e -> zh.apply(e).equals(en.apply(e)) ? List.of(zh.apply(e)) : List.of(zh.apply(e), en.apply(e));
    }
}
