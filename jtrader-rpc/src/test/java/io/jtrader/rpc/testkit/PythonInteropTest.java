package io.jtrader.rpc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PythonInteropTest {

    @Test
    @Timeout(60)
    void shouldRunAScriptWithAnInterpreterThatImportsZmq() {
        PythonInterop.Result result = PythonInterop.runScript(
                "import sys, zmq\nprint('ok', sys.argv[1])\n", Duration.ofSeconds(30), "arg1").assertSuccess();
        assertThat(result.stdout().strip()).isEqualTo("ok arg1");
    }

    @Test
    @Timeout(60)
    void shouldReportANonZeroExitWithItsOutput() {
        PythonInterop.Result result = PythonInterop.runScript(
                "import sys\nsys.stderr.write('boom')\nsys.exit(3)\n", Duration.ofSeconds(30));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("boom");
    }

    @Test
    @Timeout(60)
    void shouldStreamLinesFromALongRunningScriptAndStopIt() {
        var script = PythonInterop.writeTempScript("import time\nprint('READY', flush=True)\ntime.sleep(60)\n");
        try (var process = PythonInterop.start(script)) {
            assertThat(process.readLine(Duration.ofSeconds(20))).isEqualTo("READY");
            assertThat(process.isAlive()).isTrue();
        } finally {
            script.toFile().delete();
        }
    }
}
