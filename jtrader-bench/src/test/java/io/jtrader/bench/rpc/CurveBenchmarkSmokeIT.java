package io.jtrader.bench.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link CurveBenchmark} with tiny counts (a separate server JVM, as in a real run) so it cannot rot. */
class CurveBenchmarkSmokeIT {

    @Test
    @Timeout(180)
    void curveBenchmarkRunsBothTransportsAndPrintsTheRatios() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            CurveBenchmark.main(new String[]{"--calls", "200", "--warmup", "200", "--pipelined", "2000", "--window", "100",
                    "--repeats", "2"});
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertThat(out).contains("RESULT plain round trip p50").contains("RESULT curve round trip p50")
                .contains("RESULT ratio curve/plain round trip p50").contains("repeat 2:");
    }
}
