package io.jtrader.cli;

import io.jtrader.rpc.testkit.PythonInterop;
import io.jtrader.rpcservice.interop.VnpyScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/** A vn.py-shaped Python client (REQ + SUB, pickles of our own stand-in classes) against {@code jtrader server}. */
class VnpyClientIT {
    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void shouldServeAVnpyShapedClientQueriesTicksAnOrderAndItsEvents() throws Exception {
        Path python = PythonInterop.requirePython();
        Path scripts = VnpyScripts.copyTo(home.resolve("py"));
        Path connect = home.resolve("sim_fast.json");
        java.nio.file.Files.writeString(connect, "{\"tick interval ms\": 100, \"journal\": false}");
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.resolve("server").toString(),
                "--connect", connect.toString(), "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            Matcher ready = server.awaitLine(ServerCommandIT.READY);
            PythonInterop.Result result = PythonInterop.run(python, scripts.resolve("vnpy_client.py"),
                    Duration.ofSeconds(90), "tcp://127.0.0.1:" + ready.group(1), "tcp://127.0.0.1:" + ready.group(2));
            List<String> lines = result.stdout().lines().toList();
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(lines).as(result.stderr()).last().isEqualTo("DONE");
            assertThat(lines).anyMatch(l -> l.matches("OK contracts \\d+ \\S+\\.SHFE SIM"))
                    .anyMatch(l -> l.matches("OK accounts 1 SIM\\.\\S+ [0-9.]+"))
                    .anyMatch(l -> l.matches("OK tick \\S+\\.SHFE [0-9.]+ Asia/Shanghai"))
                    .anyMatch(l -> l.matches("OK send_order SIM\\.[^.]+"))
                    .anyMatch(l -> l.matches("OK order_events (SUBMITTING>)?NOTTRADED>.*ALLTRADED"))
                    .anyMatch(l -> l.matches("OK trade SIM\\.\\S+ 1\\.0 LONG"))
                    .contains("OK unknown_gateway ''")
                    .contains("OK unknown_function False KeyError: 'no_such_function'")
                    .anyMatch(l -> l.startsWith("OK bad_arguments False TypeError: send_order() missing 1"))
                    .anyMatch(l -> l.matches("OK get_order SIM\\.\\S+ ALLTRADED 1\\.0"));
            assertThat(server.terminate()).isZero();
        }
    }
}
