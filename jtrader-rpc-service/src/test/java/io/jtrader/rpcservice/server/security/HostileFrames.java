package io.jtrader.rpcservice.server.security;

import io.jtrader.rpc.FrameCodec;
import io.jtrader.rpc.pickle.PyTuple;
import io.jtrader.rpc.testkit.GoldenVectors;
import io.jtrader.rpc.testkit.RawZmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.jtrader.rpc.testkit.RawZmtp.dealerReady;
import static io.jtrader.rpc.testkit.RawZmtp.greeting;
import static io.jtrader.rpc.testkit.RawZmtp.hugeFrameHeader;

/**
 * Hostile request frames of every kind for the live-server hostility test, from a seeded {@link Random} (a failure
 * reproduces). Each frame says what the server must do with it ({@link Expect}). The text {@link #MARKER} is in every
 * frame that carries text of ours, so a test can prove that none of it is ever published.
 */
final class HostileFrames {
    static final String MARKER = "HOSTILE-";

    /** What the server must answer. */
    enum Expect {
        /** undecodable or not [name, args, kwargs]: {@code [False, "ValueError..."]}, counted as a bad frame */
        BAD_FRAME,
        /** a request shape with arguments no function accepts: {@code [False, text]} */
        REFUSED,
        /** bit-flipped golden frames may still form a harmless valid query: any well-formed reply */
        ANY_REPLY
    }

    enum Kind { RANDOM, TRUNCATED, BIT_FLIPPED, WRONG_SHAPE, BAD_ARGUMENTS, LYING_LENGTH, DEEP_NESTING, PICKLE_BOMB,
        CODE_EXECUTION, MULTI_FRAME_BODY, EMPTY_BODY }

    /** One hostile request: the frames after the empty delimiter (one pickle, or none, or several). */
    record Hostile(Kind kind, Expect expect, List<byte[]> body) {
    }

    private final Random random;
    private final FrameCodec codec;
    private final Path pwnedMarkerFile;
    private final List<byte[]> golden = new ArrayList<>();
    private final List<byte[]> flippable = new ArrayList<>();
    private long sequence;

    /**
     * @param pwnedMarkerFile a file that the code-execution payloads try to create ({@code touch}); it must never
     *                        exist afterwards
     */
    HostileFrames(long seed, FrameCodec codec, Path pwnedMarkerFile) throws IOException {
        this.random = new Random(seed);
        this.codec = codec;
        this.pwnedMarkerFile = pwnedMarkerFile;
        try (Stream<Path> files = Files.list(GoldenVectors.dir())) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".pkl")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String name = file.getFileName().toString();
                golden.add(bytes);
                // a flipped send/cancel request could still be a valid order or cancel: those are not "hostile"
                if (!name.contains("send_order") && !name.contains("cancel")) {
                    flippable.add(bytes);
                }
            }
        }
        if (golden.isEmpty()) {
            throw new IllegalStateException("no golden *.pkl frames in " + GoldenVectors.dir());
        }
    }

    Hostile next() {
        sequence++;
        Kind[] kinds = Kind.values();
        Kind kind = kinds[(int) (sequence % kinds.length)];
        return switchOn(kind);
    }

    private Hostile switchOn(Kind kind) {
        if (kind == Kind.RANDOM) {
            byte[] bytes = new byte[random.nextInt(1_024)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length >= 2) {   // get past the protocol check half of the time
                bytes[0] = (byte) 0x80;
                bytes[1] = (byte) (2 + random.nextInt(4));
            }
            return one(kind, Expect.BAD_FRAME, bytes);
        }
        if (kind == Kind.TRUNCATED) {
            byte[] full = golden.get(random.nextInt(golden.size()));
            return one(kind, Expect.BAD_FRAME, Arrays.copyOf(full, random.nextInt(full.length)));   // STOP is last
        }
        if (kind == Kind.BIT_FLIPPED) {
            byte[] flipped = flippable.get(random.nextInt(flippable.size())).clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return one(kind, Expect.ANY_REPLY, flipped);
        }
        if (kind == Kind.WRONG_SHAPE) {
            return one(kind, Expect.BAD_FRAME, codec.encode(wrongShape()));
        }
        if (kind == Kind.BAD_ARGUMENTS) {
            return one(kind, Expect.REFUSED, codec.encode(badArguments()));
        }
        if (kind == Kind.LYING_LENGTH) {
            return one(kind, Expect.BAD_FRAME, lyingLength());
        }
        if (kind == Kind.DEEP_NESTING) {
            return one(kind, Expect.BAD_FRAME, deepNesting());
        }
        if (kind == Kind.PICKLE_BOMB) {
            return pickleBomb();
        }
        if (kind == Kind.CODE_EXECUTION) {
            return one(kind, Expect.BAD_FRAME, codeExecution());
        }
        if (kind == Kind.MULTI_FRAME_BODY) {
            List<byte[]> body = new ArrayList<>();
            for (int i = 2 + random.nextInt(5); i > 0; i--) {
                body.add(golden.get(random.nextInt(golden.size())));
            }
            return new Hostile(kind, Expect.BAD_FRAME, body);
        }
        return new Hostile(Kind.EMPTY_BODY, Expect.BAD_FRAME, List.of());
    }

    private Hostile one(Kind kind, Expect expect, byte[] frame) {
        return new Hostile(kind, expect, List.of(frame));
    }

    private String marker() {
        return MARKER + sequence;
    }

    private Object wrongShape() {
        String m = marker();
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1L, m);
        List<Object> shapes = List.of(
                42L, m, 3.5, Map.of(m, 1L), List.of(), List.of("get_tick"), List.of("get_tick", PyTuple.of(m)),
                Arrays.asList("get_tick", 5L, Map.of()), Arrays.asList("get_tick", PyTuple.of(m), List.of(m)),
                Arrays.asList(1L, PyTuple.of(), Map.of()), Arrays.asList("get_tick", PyTuple.of(), intKeys),
                Arrays.asList(PyTuple.of(m), PyTuple.of(), Map.of()), Arrays.asList(null, null, null),
                Arrays.asList("get_tick", PyTuple.of(m), Map.of(), m), PyTuple.of("get_tick", PyTuple.of(m), Map.of()),
                Arrays.asList("get_tick", m, Map.of()));
        return shapes.get(random.nextInt(shapes.size()));
    }

    private Object badArguments() {
        String m = marker();
        List<Object> calls = List.of(
                List.of("send_order", PyTuple.of(m, "SIM"), Map.of()),
                List.of("send_order", PyTuple.of(), Map.of()),
                List.of("send_order", PyTuple.of(), Map.of("req", m)),
                List.of("send_order", PyTuple.of(42L, 43L, 44L, 45L), Map.of()),
                List.of("cancel_order", PyTuple.of(42L, "SIM"), Map.of()),
                List.of("cancel_order", PyTuple.of(m), Map.of()),
                List.of("get_tick", PyTuple.of(), Map.of()),
                List.of("query_history", PyTuple.of(m, "SIM"), Map.of()),
                List.of(m, PyTuple.of(), Map.of()),
                List.of("__init__", PyTuple.of(), Map.of()),
                List.of("", PyTuple.of(), Map.of()));
        return calls.get(random.nextInt(calls.size()));
    }

    /** Length fields far beyond the frame: the decoder must check them before it allocates or reads. */
    private byte[] lyingLength() {
        int variant = random.nextInt(9);
        Pickle p = new Pickle().proto(4);
        if (variant == 0) {
            p.op(0x58).u32(0x7FFF_FFF0L).ascii("abc");                        // BINUNICODE 2 GiB
        } else if (variant == 1) {
            p.op(0x8E).u64(Long.MAX_VALUE).ascii("abc");                     // BINBYTES8
        } else if (variant == 2) {
            p.op(0x95).u64(1L << 40).op(0x4E);                               // FRAME of 1 TiB
        } else if (variant == 3) {
            p.op(0x8C).u8(255).ascii("ab");                                  // SHORT_BINUNICODE 255, 2 given
        } else if (variant == 4) {
            p.op(0x8B).u32(0x7FFF_FFFFL).u8(1);                              // LONG4 of 2 GiB
        } else if (variant == 5) {
            p.op(0x42).u32(0xFFFF_FFFFL).u8(0);                              // BINBYTES 4 GiB (negative as int)
        } else if (variant == 6) {
            p.op(0x6A).u32(0xFFFF_FFF0L);                                    // LONG_BINGET of a memo never set
        } else if (variant == 7) {
            p.op(0x5D).op(0x72).u32(0xFFFF_FFF0L).op(0x6A).u32(0xFFFF_FFF0L); // LONG_BINPUT at 4 G then get it
        } else {
            p.op(0x8D).u64(-1L).ascii(marker());                             // BINUNICODE8 of -1
        }
        return p.stop().bytes();
    }

    /** Nesting far deeper than any request: tuples, lists or dicts inside each other. */
    private byte[] deepNesting() {
        int depth = 100 + random.nextInt(5_000);   // the decoder's limit is 64
        Pickle p = new Pickle().proto(4);
        int variant = random.nextInt(3);
        if (variant == 0) {
            p.repeat(0x28, depth).repeat(0x74, depth);        // MARK... TUPLE...: (((...)))
        } else if (variant == 1) {
            p.repeat(0x5D, depth).repeat(0x61, depth - 1);    // EMPTY_LIST... APPEND...: [[[...]]]
        } else {
            for (int i = 0; i < depth; i++) {
                p.op(0x7D).op(0x4B).u8(i & 0xFF);              // EMPTY_DICT, key
            }
            p.op(0x4E);
            p.repeat(0x73, depth);                            // SETITEM...: {k: {k: ... None}}
        }
        return p.stop().bytes();
    }

    /**
     * Small frames that stand for billions of objects (memo references of references) or huge collections, alone
     * and as the arguments of a real function, so the function's argument conversion meets them too.
     */
    private Hostile pickleBomb() {
        int variant = random.nextInt(4);
        if (variant == 0 || variant == 1) {
            Pickle p = new Pickle().proto(4);
            if (variant == 1) {                              // ["get_tick", (bomb,), {}]
                p.op(0x5D).op(0x28).shortUnicode("get_tick");
            }
            p.op(0x5D).op(0x94);                             // [] memo 0
            int levels = 9;                                  // 10^9 leaves
            for (int level = 0; level < levels; level++) {
                p.op(0x28);
                for (int i = 0; i < 10; i++) {
                    p.op(0x68).u8(level);                    // BINGET level
                }
                p.op(0x6C).op(0x94);                         // LIST, memo level + 1
            }
            if (variant == 1) {
                p.op(0x85).op(0x7D).op(0x65);                // TUPLE1, {}, APPENDS
                return one(Kind.PICKLE_BOMB, Expect.REFUSED, p.stop().bytes());
            }
            return one(Kind.PICKLE_BOMB, Expect.BAD_FRAME, p.stop().bytes());
        }
        if (variant == 2 && random.nextInt(200) == 0) {      // rarely (2 MiB each): a list of 2 million items
            Pickle p = new Pickle().proto(4).op(0x28).repeat(0x4E, 2_000_000).op(0x6C);
            return one(Kind.PICKLE_BOMB, Expect.BAD_FRAME, p.stop().bytes());
        }
        Pickle p = new Pickle().proto(4).shortUnicode(marker()).op(0x94);   // a string, then 20,000 references
        p.op(0x28);
        for (int i = 0; i < 20_000; i++) {
            p.op(0x68).u8(0);
        }
        return one(Kind.PICKLE_BOMB, Expect.BAD_FRAME, p.op(0x6C).stop().bytes());
    }

    /** What would run a command in vn.py's server (it unpickles with pickle.loads). */
    private byte[] codeExecution() {
        String command = "touch " + pwnedMarkerFile + " # " + marker();
        int variant = random.nextInt(7);
        if (variant == 0) {                                  // protocol 0: os.system(command)
            return ("cos\nsystem\n(S'" + command + "'\ntR.").getBytes(StandardCharsets.UTF_8);
        }
        if (variant == 1) {                                  // STACK_GLOBAL builtins.eval
            return new Pickle().proto(4).shortUnicode("builtins").shortUnicode("eval").op(0x93)
                    .shortUnicode("__import__('os').system('" + command + "')").op(0x85).op(0x52).stop().bytes();
        }
        if (variant == 2) {                                  // subprocess.Popen(["sh", "-c", command])
            return ("csubprocess\nPopen\n((S'sh'\nS'-c'\nS'" + command + "'\nltR.").getBytes(StandardCharsets.UTF_8);
        }
        if (variant == 3) {                                  // INST opcode
            return ("(S'" + command + "'\nios\nsystem\n.").getBytes(StandardCharsets.UTF_8);
        }
        if (variant == 4) {                                  // builtins.getattr(__import__('os'), 'system')(command)
            return ("cbuiltins\ngetattr\n(cbuiltins\n__import__\n(S'os'\ntRS'system'\ntR(S'" + command + "'\ntR.")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (variant == 5) {                                  // inside a well-formed request
            return new Pickle().proto(4).op(0x5D).op(0x28).shortUnicode("send_order")
                    .raw("cos\nsystem\n").shortUnicode(command).op(0x85).op(0x52).op(0x85).op(0x7D).op(0x65)
                    .stop().bytes();
        }
        return new Pickle().proto(2).raw("cposix\nsystem\n").shortUnicode(command).op(0x85)   // OBJ/NEWOBJ path
                .op(0x81).stop().bytes();
    }

    /** Hand-written pickle bytes (opcodes by number: see CPython's pickletools). */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle proto(int version) {
            return op(0x80).u8(version);
        }

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle u8(int value) {
            out.write(value & 0xFF);
            return this;
        }

        Pickle u32(long value) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
            return this;
        }

        Pickle u64(long value) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
            return this;
        }

        Pickle ascii(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle raw(String text) {
            return ascii(text);
        }

        Pickle shortUnicode(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 255) {
                out.write(0x58);
                u32(utf8.length);
            } else {
                out.write(0x8C);
                out.write(utf8.length);
            }
            out.writeBytes(utf8);
            return this;
        }

        Pickle repeat(int opcode, int times) {
            for (int i = 0; i < times; i++) {
                out.write(opcode);
            }
            return this;
        }

        Pickle stop() {
            return op(0x2E);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    // ---- transport-level junk: raw TCP peers that never speak ZeroMQ properly ----

    /** One raw TCP peer of a rotating kind; returns a short description for failure messages. */
    String rawTcpPeer(String repEndpoint, String pubEndpoint, int index) throws IOException {
        String endpoint = index % 5 == 4 ? pubEndpoint : repEndpoint;
        int kind = index % 8;
        byte[] garbage = new byte[1 + random.nextInt(20_000)];
        random.nextBytes(garbage);
        switch (kind) {
            case 0 -> RawZmtp.send(endpoint, garbage);
            case 1 -> RawZmtp.send(endpoint, ("GET /" + marker() + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            case 2 -> RawZmtp.send(endpoint, greeting(3, "EVIL"));
            case 3 -> RawZmtp.send(endpoint, greeting(3, "CURVE"));
            case 4 -> RawZmtp.send(endpoint, greeting(99, "NULL"), garbage);
            case 5 -> RawZmtp.send(endpoint, greeting(3, "NULL"), dealerReady(), hugeFrameHeader(Long.MAX_VALUE));
            case 6 -> RawZmtp.send(endpoint, greeting(3, "NULL"), dealerReady(), hugeFrameHeader(-1));
            default -> RawZmtp.send(endpoint, greeting(3, "NULL"), hugeFrameHeader(1L << 40));
        }
        return "raw TCP peer kind " + kind + " to " + endpoint;
    }
}
