package io.jtrader.rpcservice.vnpy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtrader.rpc.RpcDecodeException;
import io.jtrader.rpc.pickle.PickleCodec;
import io.jtrader.rpc.pickle.PickleCodecConfig;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.testkit.FrameMutations;
import io.jtrader.rpc.testkit.GoldenVectors;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The decoder's fast path against the general interpreter, with the vn.py registry: every golden vector, and 40,000
 * seeded vn.py-shaped frames (golden frames with random values in place of theirs, as CPython would have written
 * other ticks, orders, contracts...; our own encodings of the golden values; and byte mutations of both) decode to the
 * same value, or fail with the same exception and message, with the fast path on and off. Only
 * {@link RpcDecodeException} may leave the codec.
 */
class FastPathDifferentialTest {
    private static final long SEED = 0xD1FF_FA57L;
    private static final int FRAMES = 40_000;
    private static final int[] OPCODES = {'(', '.', '0', '1', '2', 'J', 'K', 'M', 'N', 'R', 'X', 'a', 'b', 'c', '}',
        'e', 'h', 'j', 'l', ']', 'q', 'r', 's', 't', ')', 'u', 'G', 0x80, 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 'C',
        0x8c, 0x8f, 0x90, 0x91, 0x93, 0x94, 0x95};
    private static final List<String> STRINGS = List.of("", "CTP", "rb2501", "SHFE", "CFFEX", "多", "空", "开", "LONG",
        "symbol", "volume", "exchange", "datetime", "vt_symbol", "jtrader_seq", "jtrader_key", "type", "data",
        "Asia/Shanghai", "UTC", "Europe/London", "螺纹钢2501", "x".repeat(40), "vnpy.trader.constant", "Exchange");

    private final PickleCodec fast = VnpyTypes.codec();
    private final PickleCodec general = VnpyTypes.codec(PickleCodecConfig.defaults().withFastPath(false));
    private final PickleCodec fastServer = VnpyTypes.serverCodec(PickleCodecConfig.defaults());
    private final PickleCodec generalServer = VnpyTypes.serverCodec(PickleCodecConfig.defaults().withFastPath(false));

    @Test
    void shouldDecodeEveryGoldenVectorTheSameWithAndWithoutTheFastPath() {
        for (GoldenVectors.Case c : GoldenVectors.cases()) {
            assertSame(c.bytes(), c.file());
        }
    }

    @Test
    void shouldDecodeSeededVnpyShapedFramesTheSameWithAndWithoutTheFastPath() {
        List<byte[]> seeds = new ArrayList<>();
        for (GoldenVectors.Case c : GoldenVectors.cases()) {
            if (c.bytes().length < 64 * 1024) { // one FRAME, so its length can be fixed after rewriting
                seeds.add(c.bytes());
                seeds.add(fast.encode(fast.decode(c.bytes())));
            }
        }
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = revalue(seeds.get(random.nextInt(seeds.size())), random);
            if (random.nextInt(3) == 0) {
                frame = mutate(frame, random);
            }
            if (!assertSame(frame, "frame #" + i).startsWith("error")) {
                decoded++;
            }
        }
        System.out.printf("fast path differential: %d frames (seed %x), %d decoded, %d refused%n", FRAMES, SEED,
                decoded, FRAMES - decoded);
        assertThat(decoded).as("frames that decode").isGreaterThan(FRAMES / 3);
        assertThat(FRAMES - decoded).as("frames refused").isGreaterThan(FRAMES / 10);
    }

    /** Decodes with the fast path on and off (plain and server registries); returns the shared outcome. */
    private String assertSame(byte[] frame, String what) {
        String expected = outcome(general, frame);
        assertThat(outcome(fast, frame)).as(what + ": " + HexFormat.of().formatHex(frame)).isEqualTo(expected);
        assertThat(outcome(fastServer, frame)).as(what + " (server registry)")
                .isEqualTo(outcome(generalServer, frame));
        return expected;
    }

    private static String outcome(PickleCodec codec, byte[] frame) {
        try {
            return render(codec.decode(frame));
        } catch (RpcDecodeException e) {
            return "error " + e.getMessage().replaceAll("\\[B@[0-9a-f]+", "[B@"); // a byte[]'s identity differs
        } catch (Throwable t) {
            throw new AssertionError("only RpcDecodeException may leave decode, got " + t, t);
        }
    }

    /**
     * A deep rendering that compares what equals() would not: bytes by content, doubles by bits, record fields. A
     * local date-time within a minute of now is "now" (the default of a LogData sent without its time).
     */
    private static String render(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof byte[] b) {
            return "b'" + HexFormat.of().formatHex(b) + "'";
        }
        if (v instanceof Double d) {
            return "f" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (v instanceof java.time.LocalDateTime t
                && Math.abs(java.time.Duration.between(t, java.time.LocalDateTime.now()).toSeconds()) < 60) {
            return "now"; // a LogData without its time takes the clock's
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(FastPathDifferentialTest::render).toList()) + "]";
        }
        if (v instanceof PyTuple t) {
            return "(" + String.join(", ", t.asList().stream().map(FastPathDifferentialTest::render).toList()) + ")";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, x) -> sb.append(render(k)).append(": ").append(render(x)).append(", "));
            return sb.append('}').toString();
        }
        if (v instanceof Set<?> s) {
            return "set" + new TreeSet<>(s.stream().map(FastPathDifferentialTest::render).toList());
        }
        if (v.getClass().isRecord()) {
            StringBuilder sb = new StringBuilder(v.getClass().getSimpleName()).append('(');
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                try {
                    sb.append(c.getName()).append('=').append(render(c.getAccessor().invoke(v))).append(", ");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return sb.append(')').toString();
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    // ---- frames: CPython's shapes with other values ----

    /** The frame with random values in place of many of its numbers, strings, datetime states and Nones. */
    private static byte[] revalue(byte[] seed, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int framePatch = -1;
        int pos = 0;
        while (pos < seed.length) {
            int op = seed[pos] & 0xff;
            int start = pos++;
            switch (op) {
                case 0x95: // FRAME: its length is fixed at the end
                    framePatch = out.size() + 1;
                    pos += 8;
                    out.write(seed, start, pos - start);
                    break;
                case 'G':
                    pos += 8;
                    writeNumber(out, seed, start, pos, r);
                    break;
                case 'K':
                case 'M':
                case 'J':
                    pos += op == 'K' ? 1 : op == 'M' ? 2 : 4;
                    writeNumber(out, seed, start, pos, r);
                    break;
                case 0x8c: { // SHORT_BINUNICODE
                    int n = seed[pos] & 0xff;
                    pos += 1 + n;
                    if (r.nextInt(12) == 0) {
                        writeShortString(out, randomString(r));
                    } else {
                        out.write(seed, start, pos - start);
                    }
                    break;
                }
                case 'C': { // SHORT_BINBYTES (datetime states)
                    int n = seed[pos] & 0xff;
                    pos += 1 + n;
                    out.write(seed, start, 2);
                    byte[] b = Arrays.copyOfRange(seed, start + 2, pos);
                    if (r.nextInt(3) == 0) {
                        randomDateState(b, r);
                    }
                    out.writeBytes(b);
                    break;
                }
                case 'N':
                    if (r.nextInt(12) == 0) {
                        writeShortString(out, randomString(r));
                    } else {
                        out.write(op);
                    }
                    break;
                default:
                    pos = skipOperand(seed, op, pos);
                    out.write(seed, start, pos - start);
                    break;
            }
        }
        byte[] frame = out.toByteArray();
        if (framePatch > 0) {
            long length = frame.length - (framePatch + 8);
            for (int i = 0; i < 8; i++) {
                frame[framePatch + i] = (byte) (length >>> (8 * i));
            }
        }
        return frame;
    }

    private static int skipOperand(byte[] f, int op, int pos) {
        switch (op) {
            case 0x80: case 'q': case 'h':
                return pos + 1;
            case 'U': case 0x8a: // SHORT_BINSTRING, LONG1: a length byte and that many bytes
                return pos + 1 + (pos < f.length ? f[pos] & 0xff : 0);
            case 'r': case 'j':
                return pos + 4;
            case 'X': case 'B':
                return pos + 4 + (int) (readIntLe(f, pos) & 0x7fffffff);
            case 'c':
                for (int lines = 0; lines < 2 && pos < f.length; pos++) {
                    lines += f[pos] == '\n' ? 1 : 0;
                }
                return pos;
            default:
                return pos;
        }
    }

    private static long readIntLe(byte[] f, int pos) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (pos + i < f.length ? f[pos + i] & 0xff : 0);
        }
        return v;
    }

    /** Keeps the number, or writes another one: as float or int, with the extremes a decoder must handle. */
    private static void writeNumber(ByteArrayOutputStream out, byte[] seed, int start, int end, Random r) {
        switch (r.nextInt(8)) {
            case 0:
            case 6:
            case 7:
                out.write(seed, start, end - start);
                return;
            case 1: {
                double[] odd = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
                    Double.MIN_VALUE, -1.5, 4.9e-324};
                writeFloat(out, odd[r.nextInt(odd.length)]);
                return;
            }
            case 2:
                writeFloat(out, Math.round(r.nextDouble() * 1e6) / 100.0);
                return;
            case 3:
                out.write('K');
                out.write(r.nextInt(256));
                return;
            case 4:
                out.write('M');
                out.write(r.nextInt(256));
                out.write(r.nextInt(256));
                return;
            default:
                out.write('J');
                int v = r.nextBoolean() ? r.nextInt() : r.nextInt(1_000_000);
                for (int i = 0; i < 4; i++) {
                    out.write(v >>> (8 * i));
                }
        }
    }

    private static void writeFloat(ByteArrayOutputStream out, double d) {
        out.write('G');
        long bits = Double.doubleToRawLongBits(d);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (bits >>> (8 * i)));
        }
    }

    private static String randomString(Random r) {
        if (r.nextInt(4) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append((char) (r.nextBoolean() ? 'a' + r.nextInt(26) : 0x4e00 + r.nextInt(200)));
            }
            return sb.toString();
        }
        return STRINGS.get(r.nextInt(STRINGS.size()));
    }

    private static void writeShortString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(0x8c);
        out.write(b.length);
        out.writeBytes(b);
    }

    /** A datetime state (year, month, day, hour, minute, second, microsecond) that is valid or, at times, not. */
    private static void randomDateState(byte[] b, Random r) {
        if (b.length != 10) {
            r.nextBytes(b);
            return;
        }
        int year = r.nextInt(10) == 0 ? r.nextInt(65536) : 1990 + r.nextInt(60);
        int us = r.nextInt(10) == 0 ? r.nextInt(1 << 24) : r.nextInt(1_000_000);
        int[] fields = {year >> 8, year & 0xff, 1 + r.nextInt(r.nextInt(10) == 0 ? 255 : 12),
            1 + r.nextInt(r.nextInt(10) == 0 ? 40 : 28), r.nextInt(24), r.nextInt(60), r.nextInt(60), us >> 16,
            (us >> 8) & 0xff, us & 0xff};
        for (int i = 0; i < 10; i++) {
            b[i] = (byte) fields[i];
        }
    }

    /** Byte-level damage: truncation, bit flips, opcodes swapped in, ranges deleted or repeated. */
    private static byte[] mutate(byte[] f, Random r) {
        if (f.length == 0) {
            return f;
        }
        byte[] out = f.clone();
        switch (r.nextInt(5)) {
            case 0:
                return Arrays.copyOf(out, r.nextInt(out.length + 1));
            case 1:
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return out;
            case 2:
                for (int k = 1 + r.nextInt(2); k > 0; k--) {
                    out[r.nextInt(out.length)] = (byte) OPCODES[r.nextInt(OPCODES.length)];
                }
                return out;
            case 3:
                return FrameMutations.deleteRange(out, r, 12);
            default:
                return FrameMutations.repeatRange(out, r, 40);
        }
    }
}
