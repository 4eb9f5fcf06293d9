package io.jtrader.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jtrader gui} where it cannot open a window: one clear line on stderr and a non-zero exit status. */
class GuiCommandIT {
    @TempDir
    Path home;

    private static void noDisplay(Map<String, String> env) {
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
    }

    @Test
    @Timeout(90)
    void shouldSayInOneLineThatThereIsNoDisplay() throws Exception {
        try (JtraderProcess gui = JtraderProcess.startWithEnv("gui", GuiCommandIT::noDisplay, "gui", "--home",
                home.toString(), "--gateway", "SIM", "--app", "RpcService")) {
            assertThat(gui.waitFor()).isNotZero();
            assertThat(gui.stderr().lines().toList()).as(gui.describe()).singleElement().asString()
                    .startsWith("jtrader gui: no display").contains("DISPLAY").contains("jtrader server");
        }
        assertThat(home.resolve("gui_setting.json")).as("nothing is saved when no window opens").doesNotExist();
    }

    @Test
    @Timeout(90)
    void shouldNameTheUnknownAppAndTheKnownOnesInOneLine() throws Exception {
        try (JtraderProcess gui = JtraderProcess.startWithEnv("gui", GuiCommandIT::noDisplay, "gui", "--home",
                home.toString(), "--app", "CtaStrategy")) {
            assertThat(gui.waitFor()).isNotZero();
            assertThat(gui.stderr().lines().toList()).as(gui.describe()).singleElement().asString()
                    .contains("unknown app 'CtaStrategy'").contains("RpcService");
        }
    }

    @Test
    @Timeout(90)
    void shouldNameTheUnknownGatewayAndTheKnownOnesInOneLine() throws Exception {
        try (JtraderProcess gui = JtraderProcess.startWithEnv("gui", GuiCommandIT::noDisplay, "gui", "--home",
                home.toString(), "--gateway", "CTP")) {
            assertThat(gui.waitFor()).isNotZero();
            assertThat(gui.stderr().lines().toList()).as(gui.describe()).singleElement().asString()
                    .contains("unknown gateway 'CTP'").contains("SIM").contains("RPC");
        }
    }

    @Test
    @Timeout(90)
    void shouldRefuseAnUnknownLanguageInOneLine() throws Exception {
        try (JtraderProcess gui = JtraderProcess.startWithEnv("gui", GuiCommandIT::noDisplay, "gui", "--home",
                home.toString(), "--lang", "fr")) {
            assertThat(gui.waitFor()).isNotZero();
            assertThat(gui.stderr().lines().toList()).as(gui.describe()).singleElement().asString()
                    .contains("--lang must be zh, en or auto, got 'fr'");
        }
        assertThat(Files.list(home).filter(p -> p.toString().endsWith(".json")).toList()).isEmpty();
    }
}
