package io.jtrader.cli;

import io.jtrader.ui.app.GuiException;
import io.jtrader.ui.app.GuiOptions;
import io.jtrader.ui.app.TraderGui;
import io.jtrader.ui.viewmodel.UiLanguage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code jtrader gui}: the desktop trader window (vn.py's Vn Trader window) on a local main engine. Without
 * {@code --gateway}/{@code --app} the start dialog (or the choice saved in {@code gui_setting.json}) says what to
 * load; System → Connect SIM trades the simulated exchange, System → Connect RPC makes the window a client of an
 * RPC server, Functions → RPC Service serves this engine.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, versionProvider = JtraderCli.Version.class,
        description = {
            "Open the trader window (needs a display; use 'server' when there is none).",
            "",
            "Without --gateway/--app a start dialog lists every gateway and app found;",
            "the choice is saved in <home>/gui_setting.json and used next time.",
            "System > Connect RPC makes this window a client of an RPC server;",
            "Functions > RPC Service serves this engine (addresses in",
            "<home>/rpc_service_setting.json).",
            ""})
final class GuiCommand implements Callable<Integer> {

    @ParentCommand
    JtraderCli parent;

    @Option(names = "--gateway", paramLabel = "NAME",
            description = "Gateway to load, e.g. SIM or RPC (repeatable; skips the start dialog).")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--app", paramLabel = "NAME",
            description = "App to load, e.g. RpcService (repeatable; skips the start dialog).")
    List<String> apps = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "LANG",
            description = "Language: zh, en or auto (default: 'language' in <home>/vt_setting.json, else the "
                    + "system's).")
    String language;

    @Option(names = "--start-rpc",
            description = "Start the RPC service with its saved addresses once the window is open.")
    boolean startRpc;

    @Override
    public Integer call() {
        Optional<UiLanguage> lang;
        try {
            lang = language == null ? Optional.empty()
                    : Optional.of(UiLanguage.parse(language, Locale.getDefault()));
        } catch (RuntimeException e) {
            throw new StartupException("--lang must be zh, en or auto, got '" + language + "'");
        }
        GuiOptions options = new GuiOptions(parent.homeOption.resolve(), gateways, apps, startRpc, lang);
        try {
            return TraderGui.run(options);
        } catch (GuiException e) {
            throw new StartupException(e.getMessage(), 1, e);
        }
    }
}
