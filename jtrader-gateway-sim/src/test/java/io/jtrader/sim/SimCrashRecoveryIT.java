package io.jtrader.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtrader.core.gateway.GatewayContext;
import io.jtrader.core.gateway.GatewayListener;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.TradeData;
import io.jtrader.sim.exchange.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of a process trading on SIM, then a restart: everything its listener was told is still there. */
class SimCrashRecoveryIT {
    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void shouldRestoreEverythingReportedBeforeAKill9() throws Exception {
        Process child = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-cp", classpath(),
                SimCrashChild.class.getName(), home.toString(), "2000")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> seenTrades = new HashMap<>();   // tradeId -> orderId
        Map<String, String> seenStatus = new HashMap<>();   // orderId -> last status
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean ready = false;
            String line;
            while ((line = in.readLine()) != null && System.nanoTime() < deadline) {
                String[] f = line.split(" ");
                if (f[0].equals("TRADE")) {
                    seenTrades.put(f[1], f[2]);
                } else if (f[0].equals("ORDER")) {
                    seenStatus.put(f[1], f[2]);
                } else if (f[0].equals("READY") && !ready) {
                    ready = true;
                    // SIGKILL on POSIX: no shutdown hooks, no close(). (Process.destroyForcibly would also close
                    // our end of its stdout; the handle only signals, so we read what it had written.)
                    child.toHandle().destroyForcibly();
                }
            }
            assertThat(ready).as("child reported 2000 trades within 60 s").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(seenTrades).hasSizeGreaterThanOrEqualTo(2000);

        RecordingListener after = new RecordingListener();
        ManualClock clock = new ManualClock(java.time.ZonedDateTime.now(io.jtrader.sim.exchange.SimClock.system().now().getZone()))
                .withSystemNanos();
        try (SimGateway g = new SimGateway(new GatewayContext("SIM", after, home), clock)) {
            g.connect(SimGatewayTest.settings());
            await().atMost(Duration.ofSeconds(20)).until(() -> after.lastAccount() != null);
            Map<String, String> restoredTrades = new HashMap<>();
            for (TradeData t : after.trades()) {
                assertThat(restoredTrades.put(t.tradeId(), t.orderId())).as("trade %s restored once", t.tradeId()).isNull();
            }
            // Every trade the killed process reported is restored (more may be: durable but not yet delivered).
            assertThat(restoredTrades).containsAllEntriesOf(seenTrades);
            Map<String, OrderData> restoredOrders = new HashMap<>();
            for (OrderData o : after.orders()) {
                restoredOrders.put(o.orderId(), o);
            }
            for (Map.Entry<String, String> e : seenStatus.entrySet()) {
                OrderData o = restoredOrders.get(e.getKey());
                assertThat(o).as("order %s restored", e.getKey()).isNotNull();
                if (isFinal(e.getValue())) {
                    assertThat(o.status().name()).as("order %s", e.getKey()).isEqualTo(e.getValue());
                }
            }
            // Positions are the sum of the restored trades.
            double net = 0;
            for (TradeData t : after.trades()) {
                net += t.direction() == Direction.LONG ? t.volume() : -t.volume();
            }
            PositionData longLeg = after.lastPosition("IF2612", Direction.LONG);
            assertThat(longLeg == null ? 0 : longLeg.volume()).isEqualTo(net);
        }
    }

    private static boolean isFinal(String status) {
        return status.equals("ALLTRADED") || status.equals("CANCELLED") || status.equals("REJECTED");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The child's classpath, from where the classes it needs were loaded. */
    private static String classpath() throws Exception {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(SimCrashChild.class, SimGateway.class, GatewayListener.class, LoggerFactory.class,
                ObjectMapper.class, JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
            String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!parts.contains(p)) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
