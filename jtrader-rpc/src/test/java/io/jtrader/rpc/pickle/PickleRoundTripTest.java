package io.jtrader.rpc.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtrader.rpc.RpcEncodeException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(encode(x)) equals x for every value kind of the FrameCodec mapping. */
class PickleRoundTripTest {
    private final PickleCodec codec = PickleCodec.generic();

    static Stream<Object> values() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("z", 1L);
        dict.put("a", List.of(1L, 2L));
        dict.put(7L, "seven");
        dict.put(PyTuple.of("k", 1L), null);
        List<Object> big = new ArrayList<>();
        for (long i = 0; i < 2500; i++) {
            big.add(i * 1000);
        }
        Map<Object, Object> bigDict = new LinkedHashMap<>();
        for (long i = 0; i < 1500; i++) {
            bigDict.put("k" + i, (double) i);
        }
        ZoneId newYork = ZoneId.of("America/New_York");
        ZonedDateTime overlap = ZonedDateTime.ofLocal(LocalDateTime.of(2024, 11, 3, 1, 30), newYork, null);
        return Stream.of(
                null, true, false,
                0L, 1L, 255L, 256L, 65535L, 65536L, -1L, -256L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE,
                Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, -(1L << 40),
                BigInteger.TWO.pow(100), BigInteger.TWO.pow(100).negate(), BigInteger.TWO.pow(3000).add(BigInteger.ONE),
                0.0, -0.0, 3432.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                "", "ascii", "螺纹钢2501", "emoji \uD83D\uDE00", "x".repeat(255), "y".repeat(256), "多".repeat(100), "a\nb\u0000c",
                List.of(), List.of(1L, "two", 3.0), List.of(List.of(List.of())), big,
                PyTuple.of(), PyTuple.of(1L), PyTuple.of(1L, 2L), PyTuple.of(1L, 2L, 3L), PyTuple.of(1L, 2L, 3L, 4L, "5"),
                Map.of(), dict, bigDict,
                new LinkedHashSet<>(List.of(3L, 1L, 2L)),
                ZonedDateTime.of(2024, 11, 20, 9, 30, 1, 500_123_000, ZoneId.of("Asia/Shanghai")),
                overlap.withEarlierOffsetAtOverlap(), overlap.withLaterOffsetAtOverlap(),
                ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                LocalDateTime.of(2026, 11, 24, 13, 30, 29, 937_894_000), LocalDateTime.of(1, 1, 1, 0, 0),
                LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 59, 999_999_000), OffsetTime.of(9, 0, 0, 0, ZoneOffset.ofHours(8)),
                Duration.ofDays(-3).plusSeconds(5).plusNanos(7000), Duration.ZERO,
                ZoneId.of("Asia/Shanghai"),
                new PyObject("vnpy_ctastrategy.base", "StopOrder", Map.of("vt_symbol", "rb2501.SHFE")),
                new PyObject("some.module", "Empty", Map.of()),
                new PyEnum("vnpy_ctastrategy.base", "StopOrderStatus", "等待中", false),
                new PyEnum("vnpy_ctastrategy.base", "StopOrderStatus", "WAITING", true),
                new PyGlobal("vnpy.trader.object", "TickData"),
                List.of("", new PyObject("vnpy.event.engine", "Event", linked("type", "eTick.", "data", List.of(1L, PyTuple.of()))))
        );
    }

    private static Map<String, Object> linked(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("values")
    void shouldRoundTripEveryValueKind(Object value) {
        Object decoded = codec.decode(codec.encode(value));
        assertThat(decoded).isEqualTo(value);
        if (value instanceof Map<?, ?> m) {
            assertThat(new ArrayList<Object>(((Map<?, ?>) decoded).keySet())).containsExactlyElementsOf(new ArrayList<Object>(m.keySet()));
        }
    }

    @Test
    void shouldRoundTripBytesAndIntegerKinds() {
        byte[] small = {0, 1, (byte) 0xff};
        byte[] large = new byte[300];
        Arrays.fill(large, (byte) 7);
        assertThat((byte[]) codec.decode(codec.encode(small))).isEqualTo(small);
        assertThat((byte[]) codec.decode(codec.encode(large))).isEqualTo(large);
        assertThat(codec.decode(codec.encode(42))).isEqualTo(42L);
        assertThat(codec.decode(codec.encode((short) -3))).isEqualTo(-3L);
        assertThat(codec.decode(codec.encode(1.5f))).isEqualTo(1.5);
        assertThat(codec.decode(codec.encode(BigInteger.valueOf(5)))).isEqualTo(5L);
    }

    @Test
    void shouldNeverConfuseShortStringsWithTheSameHashCode() {
        // "Aa" and "BB" share String.hashCode; the decoder's string cache must still tell them apart
        for (int i = 0; i < 3; i++) {
            assertThat(codec.decode(codec.encode(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB")))).isEqualTo(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB"));
        }
    }

    @Test
    void shouldKeepTheFoldOfAnAmbiguousLocalTime() {
        ZonedDateTime later = ZonedDateTime.ofLocal(LocalDateTime.of(2024, 11, 3, 1, 30), ZoneId.of("America/New_York"), null)
                .withLaterOffsetAtOverlap();
        byte[] frame = codec.encode(later);
        ZonedDateTime decoded = (ZonedDateTime) codec.decode(frame);
        assertThat(decoded.getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(decoded.toInstant()).isEqualTo(later.toInstant());
    }

    @Test
    void shouldWriteProtocol4WithOneFrame() {
        byte[] frame = codec.encode(List.of("heartbeat", 1.5));
        assertThat(frame[0] & 0xff).isEqualTo(0x80);
        assertThat(frame[1]).isEqualTo((byte) 4);
        assertThat(frame[2] & 0xff).isEqualTo(Opcodes.FRAME);
        long length = 0;
        for (int i = 7; i >= 0; i--) {
            length = (length << 8) | (frame[3 + i] & 0xff);
        }
        assertThat(length).isEqualTo(frame.length - 11);
        assertThat(frame[frame.length - 1]).isEqualTo((byte) '.');
    }

    @Test
    void shouldRefuseUnknownJavaTypes() {
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(RpcEncodeException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> codec.encode(List.of(Thread.State.NEW)))
                .isInstanceOf(RpcEncodeException.class).hasMessageContaining("Thread$State");
    }

    @Test
    void shouldRefuseACyclicOrTooDeepStructureWhenEncoding() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> codec.encode(cyclic)).isInstanceOf(RpcEncodeException.class).hasMessageContaining("deeper");
        assertThat(codec.decode(codec.encode(List.of(1L)))).isEqualTo(List.of(1L)); // the writer recovers
    }

    @Test
    void shouldRefuseAFrameOverTheSizeLimitWhenEncoding() {
        PickleCodec small = new PickleCodec(PickleCodecConfig.defaults().withMaxFrameBytes(1024), PickleTypeRegistry.generic());
        assertThatThrownBy(() -> small.encode("x".repeat(2000)))
                .isInstanceOf(RpcEncodeException.class).hasMessageContaining("1024");
    }

    @Test
    void shouldRefuseDatesPythonCannotHold() {
        assertThatThrownBy(() -> codec.encode(LocalDateTime.of(10000, 1, 1, 0, 0)))
                .isInstanceOf(RpcEncodeException.class).hasMessageContaining("1..9999");
    }
}
