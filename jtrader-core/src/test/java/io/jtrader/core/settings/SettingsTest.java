package io.jtrader.core.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @TempDir
    Path tmp;

    record RpcServiceSetting(@JsonProperty("rep_address") String repAddress,
                             @JsonProperty("pub_address") String pubAddress) {
    }

    // ------------------------------------------------------------------------------------ home resolution

    @Test
    void shouldPreferTheExplicitHomeResolvedAgainstTheWorkingDirectory() {
        Path cwd = tmp.resolve("work");
        Path home = JtraderHome.resolve(Path.of("custom"), Map.of(JtraderHome.ENV_VAR, "/elsewhere"), cwd,
                tmp.resolve("user"));
        assertThat(home).isEqualTo(cwd.resolve("custom").toAbsolutePath());
    }

    @Test
    void shouldUseTheEnvironmentVariableNext() {
        Path home = JtraderHome.resolve(null, Map.of(JtraderHome.ENV_VAR, tmp.resolve("env").toString()),
                tmp.resolve("work"), tmp.resolve("user"));
        assertThat(home).isEqualTo(tmp.resolve("env"));
    }

    @Test
    void shouldUseTheWorkingDirectoryFolderWhenItExistsElseTheUserHome() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("work"));
        Path user = tmp.resolve("user");
        Map<String, String> blankEnv = Map.of(JtraderHome.ENV_VAR, "  ");

        assertThat(JtraderHome.resolve(null, blankEnv, cwd, user)).isEqualTo(user.resolve(".jtrader"));
        assertThat(user.resolve(".jtrader")).doesNotExist();

        Files.createDirectories(cwd.resolve(".jtrader"));
        assertThat(JtraderHome.resolve(null, Map.of(), cwd, user)).isEqualTo(cwd.resolve(".jtrader"));
    }

    @Test
    void shouldNameFilesLikeVnpy() {
        assertThat(SettingsFiles.connect("SIM")).isEqualTo("connect_sim.json");
        assertThat(SettingsFiles.connect("RPC")).isEqualTo("connect_rpc.json");
        assertThat(SettingsFiles.RPC_SERVICE).isEqualTo("rpc_service_setting.json");
        assertThat(SettingsFiles.VT_SETTING).isEqualTo("vt_setting.json");
        assertThat(JtraderHome.logDir(tmp)).isEqualTo(tmp.resolve("log"));
        assertThatThrownBy(() -> SettingsFiles.connect(" ")).hasMessageContaining("gateway name");
    }

    // ------------------------------------------------------------------------------------ store

    @Test
    void shouldReadAMissingFileAsDefaultsWithoutCreatingIt() {
        SettingsStore store = new SettingsStore(tmp.resolve("home"));

        assertThat(store.load("vt_setting.json")).isEmpty();
        assertThat(store.load(SettingsFiles.RPC_SERVICE, RpcServiceSetting.class,
                new RpcServiceSetting("tcp://127.0.0.1:2014", "tcp://127.0.0.1:4102")).repAddress())
                .isEqualTo("tcp://127.0.0.1:2014");
        assertThat(tmp.resolve("home")).doesNotExist();
    }

    @Test
    void shouldRoundTripUtf8PrettyJsonAndCreateTheFolderOnSave() throws IOException {
        SettingsStore store = new SettingsStore(tmp.resolve("home"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("主动请求地址", "tcp://127.0.0.1:2014");
        data.put("count", 3);
        data.put("ratio", 0.5);
        data.put("flags", List.of(true, false));
        data.put("nested", Map.of("k", "v"));

        store.save("connect_rpc.json", data);

        assertThat(store.load("connect_rpc.json")).isEqualTo(data);
        String text = Files.readString(tmp.resolve("home/connect_rpc.json"), StandardCharsets.UTF_8);
        assertThat(text).contains("\"主动请求地址\"").contains("\n    \"count\" : 3");
        assertThat(listFolder(tmp.resolve("home"))).containsExactly("connect_rpc.json");
    }

    @Test
    void shouldRoundTripATypedSettingsRecord() {
        SettingsStore store = new SettingsStore(tmp);
        RpcServiceSetting setting = new RpcServiceSetting("tcp://127.0.0.1:22024", "tcp://127.0.0.1:24112");

        store.save(SettingsFiles.RPC_SERVICE, setting);

        assertThat(store.load(SettingsFiles.RPC_SERVICE, RpcServiceSetting.class, null)).isEqualTo(setting);
        assertThat(store.load(SettingsFiles.RPC_SERVICE)).containsEntry("rep_address", "tcp://127.0.0.1:22024");
    }

    @Test
    void shouldReplaceAnExistingFileAtomicallyLeavingNoTemporaryFiles() throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        store.save("vt_setting.json", Map.of("a", 1));
        store.save("vt_setting.json", Map.of("a", 2));

        assertThat(store.load("vt_setting.json")).containsEntry("a", 2);
        assertThat(listFolder(tmp)).containsExactly("vt_setting.json");
    }

    @Test
    void shouldLeaveTheOldFileUntouchedWhenASaveFails() throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        store.save("vt_setting.json", Map.of("a", 1));
        byte[] before = Files.readAllBytes(tmp.resolve("vt_setting.json"));

        assertThatThrownBy(() -> store.save("vt_setting.json", Map.of("bad", new Object())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("vt_setting.json");

        assertThat(Files.readAllBytes(tmp.resolve("vt_setting.json"))).isEqualTo(before);
        assertThat(listFolder(tmp)).containsExactly("vt_setting.json");
    }

    @Test
    void shouldReportACorruptFileWithItsLineAndColumnAndNeverChangeIt() throws IOException {
        Path file = tmp.resolve("connect_sim.json");
        String corrupt = "{\n    \"a\": 1,\n    \"b\": \n}\n";
        Files.writeString(file, corrupt, StandardCharsets.UTF_8);
        SettingsStore store = new SettingsStore(tmp);

        assertThatThrownBy(() -> store.load("connect_sim.json"))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("settings file " + file + ":4:1: not valid settings JSON");
                });
        assertThat(Files.readString(file)).isEqualTo(corrupt);
    }

    @Test
    void shouldRejectWrongShapesEmptyFilesDuplicateAndUnknownKeys() throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        Files.writeString(tmp.resolve("array.json"), "\n  [1, 2]");
        Files.writeString(tmp.resolve("empty.json"), "  \n");
        Files.writeString(tmp.resolve("dup.json"), "{\"a\": 1,\n \"a\": 2}");
        Files.writeString(tmp.resolve("typed.json"), "{\"rep_address\": \"x\",\n \"pub_adress\": \"y\"}");
        Files.writeString(tmp.resolve("trailing.json"), "{\"a\": 1} {");

        assertThatThrownBy(() -> store.load("array.json")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("array.json:2:3").hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> store.load("empty.json")).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> store.load("dup.json")).hasMessageContaining("dup.json:2:")
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> store.load("typed.json", RpcServiceSetting.class, null))
                .hasMessageContaining("typed.json:2:").hasMessageContaining("pub_adress");
        assertThatThrownBy(() -> store.load("trailing.json")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("trailing.json:1:");
        assertThatThrownBy(() -> store.load("../escape.json")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> listFolder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
