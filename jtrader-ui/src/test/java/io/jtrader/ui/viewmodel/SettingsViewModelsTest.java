package io.jtrader.ui.viewmodel;

import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.core.settings.ConfigurationException;
import io.jtrader.core.settings.SettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsViewModelsTest {

    @Test
    void shouldBuildOneFieldPerDefaultSettingAndConvertBackToItsType() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("主动请求地址", "tcp://127.0.0.1:2014");
        defaults.put("tick interval ms", 500L);
        defaults.put("initial capital", 1.0e7);
        defaults.put("journal", true);
        defaults.put("mode", List.of("real", "test"));
        ConnectViewModel vm = new ConnectViewModel("RPC", defaults, Map.of("主动请求地址", "tcp://127.0.0.1:9"));

        assertThat(vm.fields()).extracting(ConnectViewModel.Field::label).containsExactly("主动请求地址 <str>",
                "tick interval ms <int>", "initial capital <float>", "journal <bool>", "mode <str>");
        assertThat(vm.fields().get(0).valueProperty().get()).isEqualTo("tcp://127.0.0.1:9");
        vm.fields().get(1).valueProperty().set("250");
        vm.fields().get(4).valueProperty().set("test");

        GatewaySettings settings = vm.settings();
        assertThat(settings.asMap()).containsEntry("tick interval ms", 250L).containsEntry("initial capital", 1.0e7)
                .containsEntry("journal", true).containsEntry("mode", "test")
                .containsEntry("主动请求地址", "tcp://127.0.0.1:9");
    }

    @Test
    void shouldNameTheKeyOfAFieldThatDoesNotParse() {
        ConnectViewModel vm = new ConnectViewModel("SIM", Map.of("tick interval ms", 500L), Map.of());
        vm.fields().get(0).valueProperty().set("fast");
        assertThatThrownBy(vm::settings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tick interval ms: \"fast\" is not a whole number");
    }

    @Test
    void shouldPickTheLanguageFromTheSettingElseTheSystemLocale() {
        assertThat(UiLanguage.resolve(Map.of(), Locale.SIMPLIFIED_CHINESE)).isEqualTo(UiLanguage.CHINESE);
        assertThat(UiLanguage.resolve(Map.of(), Locale.US)).isEqualTo(UiLanguage.ENGLISH);
        assertThat(UiLanguage.resolve(Map.of("language", "zh_CN"), Locale.US)).isEqualTo(UiLanguage.CHINESE);
        assertThat(UiLanguage.resolve(Map.of("language", "EN"), Locale.CHINA)).isEqualTo(UiLanguage.ENGLISH);
        assertThat(UiLanguage.resolve(Map.of("language", "auto"), Locale.CHINA)).isEqualTo(UiLanguage.CHINESE);
        assertThatThrownBy(() -> UiLanguage.resolve(Map.of("language", "fr"), Locale.US))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("got \"fr\"");
    }

    @Test
    void shouldHaveEveryKeyInBothLanguages() {
        Messages en = Messages.of(UiLanguage.ENGLISH);
        Messages zh = Messages.of(UiLanguage.CHINESE);
        assertThat(zh.bundle().keySet()).containsExactlyInAnyOrderElementsOf(en.bundle().keySet());
        assertThat(zh.get("rpc.repAddress")).isEqualTo("请求响应地址");
        assertThat(zh.get("rpc.pubAddress")).isEqualTo("事件广播地址");
        assertThat(zh.get("rpc.title")).isEqualTo("RPC服务");
        assertThat(en.format("menu.connect", "SIM")).isEqualTo("Connect SIM");
    }

    @Test
    void shouldSaveAndReloadTheStartChoice(@TempDir Path home) {
        SettingsStore store = new SettingsStore(home);
        assertThat(StartChoice.load(store)).isEmpty();

        StartDialogViewModel dialog = new StartDialogViewModel(List.of("SIM", "RPC"), List.of("RpcService"),
                Optional.empty());
        assertThat(dialog.choice().gateways()).containsExactly("SIM", "RPC");
        dialog.gateways().get("RPC").set(false);
        dialog.askOnStartProperty().set(false);
        dialog.choice().save(store);

        StartChoice loaded = StartChoice.load(store).orElseThrow();
        assertThat(loaded).isEqualTo(new StartChoice(List.of("SIM"), List.of("RpcService"), false));
        StartDialogViewModel again = new StartDialogViewModel(List.of("SIM", "RPC"), List.of("RpcService"),
                Optional.of(loaded));
        assertThat(again.gateways().get("RPC").get()).isFalse();
        assertThat(again.gateways().get("SIM").get()).isTrue();
    }

    @Test
    void shouldFilterContractsBySymbolOrName() {
        javafx.collections.ObservableList<io.jtrader.core.model.ContractData> all =
                javafx.collections.FXCollections.observableArrayList(Fixtures.contract("rb2605", 1, 1),
                        Fixtures.contract("au2606", 0.02, 1));
        ContractSearchViewModel vm = new ContractSearchViewModel(all);
        assertThat(vm.matches()).hasSize(2);
        vm.filterProperty().set("AU");
        assertThat(vm.matches()).extracting(c -> c.symbol()).containsExactly("au2606");
        vm.filterProperty().set("rb2605 name");
        assertThat(vm.matches()).extracting(c -> c.symbol()).containsExactly("rb2605");
    }
}
