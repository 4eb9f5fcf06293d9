package io.jtrader.bench.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each RPC transport benchmark program with tiny counts (separate server and client JVMs, as in a real
 * run) so the programs cannot rot. Checks they finish, print their RESULT lines and report no loss or
 * reordering; the figures themselves are not judged here.
 */
class RpcTransportBenchmarksSmokeIT {

    @Test
    @Timeout(180)
    void roundTripBenchmarkRuns() {
        String out = capture(() -> RoundTripBenchmark.main(new String[]{"--calls", "200", "--warmup", "200", "--repeats", "2"}));
        assertThat(out).contains("RESULT ratio ours/raw p50");
    }

    @Test
    @Timeout(180)
    void pipelineBenchmarkRunsWithEveryConnectionInOrder() {
        String out = capture(() -> PipelineBenchmark.main(new String[]{"--calls", "3200", "--warmup", "160", "--window", "50", "--repeats", "1"}));
        assertThat(out).contains("RESULT pipelined 1 connection").contains("out of order: 0");
    }

    @Test
    @Timeout(180)
    void publishBenchmarkRunsWithoutLoss() {
        String out = capture(() -> PublishBenchmark.main(new String[]{"--events", "2000", "--warmup", "500", "--repeats", "1"}));
        assertThat(out).contains("RESULT publish (event)").contains("lost 0 of 2000");
        String sized = capture(() -> PublishBenchmark.main(new String[]{"--events", "2000", "--warmup", "500", "--repeats", "1", "--payload", "sized"}));
        assertThat(sized).contains("RESULT publish (sized)").contains("lost 0 of 2000");
    }

    private static synchronized String capture(Runnable program) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
