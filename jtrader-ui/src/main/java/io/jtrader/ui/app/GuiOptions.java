package io.jtrader.ui.app;

import io.jtrader.ui.viewmodel.UiLanguage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open the trader window.
 *
 * @param home            the settings folder ({@code --home}); null = {@code JTRADER_HOME}, {@code ./.jtrader}, the
 *                        user's home, as {@link io.jtrader.core.settings.JtraderHome} resolves it
 * @param gateways        gateways to load ({@code --gateway}); empty = ask with the start dialog or use the saved
 *                        choice
 * @param apps            apps to load ({@code --app}); used only when gateways or apps are given
 * @param startRpcService start the RPC service with its saved addresses as soon as the window is open (RunServer's
 *                        GUI mode)
 * @param language        the language, overriding {@code vt_setting.json} and the system locale
 */
public record GuiOptions(Path home, List<String> gateways, List<String> apps, boolean startRpcService,
        Optional<UiLanguage> language) {
    public GuiOptions {
        gateways = List.copyOf(Objects.requireNonNull(gateways, "gateways"));
        apps = List.copyOf(Objects.requireNonNull(apps, "apps"));
        language = Objects.requireNonNull(language, "language");
    }

    public static GuiOptions defaults() {
        return new GuiOptions(null, List.of(), List.of(), false, Optional.empty());
    }

    /** True when the command line chose what to load (the start dialog is then skipped). */
    public boolean choiceGiven() {
        return !gateways.isEmpty() || !apps.isEmpty();
    }
}
