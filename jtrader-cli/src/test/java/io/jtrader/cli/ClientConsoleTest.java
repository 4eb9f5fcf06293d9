package io.jtrader.cli;

import io.jtrader.core.engine.MainEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientConsoleTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String run(String... commands) {
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            ClientConsole console = new ClientConsole(engine, "RPC", new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    false, List.of(), List.of());
            for (String command : commands) {
                if (!console.execute(command)) {
                    break;
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldExplainBadCommandsWithoutStopping() {
        String out = run("frobnicate", "buy rb2601.SHFE", "buy rb2601 3500 1", "buy rb2601.SHFE abc 1",
                "buy rb2601.SHFE 3500 1 sideways", "cancel RPC.9", "orders");
        assertThat(out.lines().toList()).containsExactly(
                "error: unknown command 'frobnicate' (type help)",
                "error: buy: missing PRICE (type help)",
                "error: 'rb2601' is not SYMBOL.EXCHANGE, e.g. rb2601.SHFE",
                "error: PRICE must be a number, got 'abc'",
                "error: 'SIDEWAYS' is not a valid Offset",
                "error: no order RPC.9 (type 'orders' to list them)",
                "= 0 orders");
    }

    @Test
    void shouldStopAtQuitAndPrintHelp() {
        String out = run("help", "quit", "orders");
        assertThat(out).contains("buy|sell VT_SYMBOL PRICE VOLUME").doesNotContain("= 0 orders");
    }

    @Test
    void shouldReportAnOrderToAnUnconnectedGatewayAsRefused() {
        assertThat(run("buy rb2601.SHFE 3500 1 close fak")).contains("error: order refused (see the log)");
    }

    @Test
    void shouldSplitVtSymbolsAtTheLastDot() {
        assertThat(ClientConsole.splitVtSymbol("IO2612-C-4400.CFFEX")).containsExactly("IO2612-C-4400", "CFFEX");
        assertThatThrownBy(() -> ClientConsole.splitVtSymbol("rb2601.")).isInstanceOf(IllegalArgumentException.class);
    }
}
