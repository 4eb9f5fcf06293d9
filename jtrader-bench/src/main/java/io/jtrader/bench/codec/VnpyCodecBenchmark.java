package io.jtrader.bench.codec;

import io.jtrader.rpc.pickle.PickleCodec;
import io.jtrader.rpc.pickle.PickleCodecConfig;
import io.jtrader.rpcservice.vnpy.VnpyTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * vn.py frame codec speed: the golden {@code pub_tick.pkl} event (979 bytes) decoded into a typed
 * {@code VnpyEvent(TickData)} and that event encoded again; the same for the golden {@code send_order} request.
 * {@code decodeTickEventGeneral} decodes the tick with the codec's fast path off, as a reference taken in the same run.
 * The golden files are read from {@code -Djtrader.golden.dir} (default {@code ../shared/vnpy-golden}, relative
 * to the working directory, or its parent).
 *
 * <pre>java -jar jtrader-bench/target/benchmarks.jar VnpyCodecBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VnpyCodecBenchmark {
    private final PickleCodec codec = VnpyTypes.codec();
    private final PickleCodec general = VnpyTypes.codec(PickleCodecConfig.defaults().withFastPath(false));
    private byte[] tickFrame;
    private Object tickValue;
    private byte[] orderRequestFrame;
    private Object orderRequestValue;
    private byte[] heartbeatFrame;

    @Setup
    public void setUp() {
        tickFrame = golden("pub_tick.pkl");
        tickValue = codec.decode(tickFrame);
        orderRequestFrame = golden("req_send_order.pkl");
        orderRequestValue = codec.decode(orderRequestFrame);
        heartbeatFrame = golden("heartbeat.pkl");
    }

    /** The smallest frame vn.py sends ({@code ["heartbeat", float]}): the fixed cost of one decode. */
    @Benchmark
    public Object decodeHeartbeat() {
        return codec.decode(heartbeatFrame);
    }

    @Benchmark
    public Object decodeTickEvent() {
        return codec.decode(tickFrame);
    }

    /** The same frame through the general opcode interpreter only (fast path off): the reference in the same run. */
    @Benchmark
    public Object decodeTickEventGeneral() {
        return general.decode(tickFrame);
    }

    @Benchmark
    public byte[] encodeTickEvent() {
        return codec.encode(tickValue);
    }

    @Benchmark
    public Object decodeOrderRequest() {
        return codec.decode(orderRequestFrame);
    }

    @Benchmark
    public byte[] encodeOrderRequest() {
        return codec.encode(orderRequestValue);
    }

    static byte[] golden(String file) {
        String configured = System.getProperty("jtrader.golden.dir");
        Path[] candidates = configured != null ? new Path[] {Path.of(configured)}
                : new Path[] {Path.of("../shared/vnpy-golden"), Path.of("../../shared/vnpy-golden")};
        for (Path dir : candidates) {
            Path f = dir.resolve(file);
            if (Files.isRegularFile(f)) {
                try (InputStream in = Files.newInputStream(f)) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                }
            }
        }
        throw new IllegalStateException("golden vector " + file + " not found: run from the project root or pass"
                + " -Djtrader.golden.dir=/path/to/vnpy-golden");
    }
}
