package io.jtrader.rpc.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtrader.rpc.RpcDecodeException;
import io.jtrader.rpc.testkit.FrameMutations;
import io.jtrader.rpc.testkit.GoldenVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds 120,000 seeded random, truncated and mutated frames (bit flips, length lies, opcode swaps, splices of
 * golden frames) to the decoder: only RpcDecodeException may escape, nothing hangs (the test has a time
 * bound), and the heap stays bounded (a frame can never make the decoder allocate without limit).
 */
class PickleDecodeFuzzTest {
    private static final int FRAMES = 120_000;
    private static final long SEED = 0x5EED_C0DECL;
    private static final int[] OPCODES = {
        Opcodes.MARK, Opcodes.STOP, Opcodes.POP, Opcodes.POP_MARK, Opcodes.DUP, Opcodes.BININT, Opcodes.BININT1,
        Opcodes.BININT2, Opcodes.NONE, Opcodes.REDUCE, Opcodes.BINUNICODE, Opcodes.APPEND, Opcodes.BUILD, Opcodes.GLOBAL,
        Opcodes.DICT, Opcodes.EMPTY_DICT, Opcodes.APPENDS, Opcodes.BINGET, Opcodes.LONG_BINGET, Opcodes.LIST,
        Opcodes.EMPTY_LIST, Opcodes.BINPUT, Opcodes.LONG_BINPUT, Opcodes.SETITEM, Opcodes.TUPLE, Opcodes.EMPTY_TUPLE,
        Opcodes.SETITEMS, Opcodes.BINFLOAT, Opcodes.PROTO, Opcodes.NEWOBJ, Opcodes.TUPLE1, Opcodes.TUPLE2, Opcodes.TUPLE3,
        Opcodes.NEWTRUE, Opcodes.NEWFALSE, Opcodes.LONG1, Opcodes.LONG4, Opcodes.BINBYTES, Opcodes.SHORT_BINBYTES,
        Opcodes.SHORT_BINUNICODE, Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.EMPTY_SET, Opcodes.ADDITEMS,
        Opcodes.FROZENSET, Opcodes.NEWOBJ_EX, Opcodes.STACK_GLOBAL, Opcodes.MEMOIZE, Opcodes.FRAME, Opcodes.BYTEARRAY8,
        Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER,
    };

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldOnlyEverThrowRpcDecodeExceptionForRandomAndMutatedFrames() {
        PickleCodec codec = new PickleCodec(PickleCodecConfig.defaults().withMaxFrameBytes(256 * 1024), PickleTypeRegistry.generic());
        List<byte[]> seeds = GoldenVectors.cases().stream().map(GoldenVectors.Case::bytes)
                .filter(b -> b.length < 4096).toList();
        Random random = new Random(SEED);
        Runtime runtime = Runtime.getRuntime();
        long heapLimit = Math.min(runtime.maxMemory(), 512L << 20);
        int decoded = 0;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                codec.decode(frame);
                decoded++;
            } catch (RpcDecodeException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            } catch (Throwable t) {
                throw new AssertionError("frame #" + i + " threw " + t + ": " + Arrays.toString(frame), t);
            }
            if ((i & 0x3fff) == 0) {
                assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(heapLimit);
            }
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("pickle fuzz: %d frames in %d ms, %d decoded, %d refused (seed %x)%n",
                FRAMES, elapsedMs, decoded, refused, SEED);
        assertThat(decoded + refused).isEqualTo(FRAMES);
        assertThat(refused).isGreaterThan(FRAMES / 4);
        assertThat(decoded).isGreaterThan(FRAMES / 100);
    }

    private static byte[] mutate(byte[] seed, Random r) {
        byte[] f = seed.clone();
        int kind = r.nextInt(9);
        switch (kind) {
            case 0: // truncation
                return Arrays.copyOf(f, r.nextInt(f.length + 1));
            case 1: { // bit flips
                int flips = 1 + r.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int at = r.nextInt(f.length);
                    f[at] ^= (byte) (1 << r.nextInt(8));
                }
                return f;
            }
            case 2: { // length lie: overwrite 1..8 bytes with extreme values
                int at = r.nextInt(f.length);
                int n = Math.min(1 + r.nextInt(8), f.length - at);
                byte fill = r.nextBoolean() ? (byte) 0xff : (byte) r.nextInt(256);
                for (int k = 0; k < n; k++) {
                    f[at + k] = k == n - 1 && r.nextBoolean() ? 0x7f : fill;
                }
                return f;
            }
            case 3: { // opcode swap
                int swaps = 1 + r.nextInt(3);
                for (int k = 0; k < swaps; k++) {
                    f[r.nextInt(f.length)] = (byte) OPCODES[r.nextInt(OPCODES.length)];
                }
                return f;
            }
            case 4: // delete a range
                return FrameMutations.deleteRange(f, r, 16);
            case 5: { // insert random opcodes
                int at = r.nextInt(f.length + 1);
                int n = 1 + r.nextInt(8);
                byte[] out = new byte[f.length + n];
                System.arraycopy(f, 0, out, 0, at);
                for (int k = 0; k < n; k++) {
                    out[at + k] = (byte) OPCODES[r.nextInt(OPCODES.length)];
                }
                System.arraycopy(f, at, out, at + n, f.length - at);
                return out;
            }
            case 6: // duplicate a range (repeats memo puts, marks, containers)
                return FrameMutations.repeatRange(f, r, 64);
            case 7: { // pure random bytes after a PROTO header
                byte[] out = new byte[2 + r.nextInt(64)];
                r.nextBytes(out);
                out[0] = (byte) 0x80;
                out[1] = (byte) (2 + r.nextInt(4));
                return out;
            }
            default: // random opcode soup
                byte[] out = new byte[3 + r.nextInt(48)];
                out[0] = (byte) 0x80;
                out[1] = 4;
                for (int k = 2; k < out.length - 1; k++) {
                    out[k] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : OPCODES[r.nextInt(OPCODES.length)]);
                }
                out[out.length - 1] = '.';
                return out;
        }
    }
}
