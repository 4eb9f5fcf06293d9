package io.jtrader.ui.app;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.ui.viewmodel.RpcServiceControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RpcEngineControlTest {
    @TempDir
    Path home;

    @Test
    @Timeout(30)
    void shouldAddTheRpcServiceAppOnceWhenTheEngineHasNone() {
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            RpcEngineControl first = (RpcEngineControl) RpcEngineControl.locator().locate(engine);
            RpcEngineControl again = (RpcEngineControl) RpcEngineControl.locator().locate(engine);

            assertThat(engine.appNames()).containsExactly(RpcEngine.APP_NAME);
            assertThat(again.engine()).isSameAs(first.engine());
            assertThat(first.repAddress()).isEqualTo(RpcEngine.REP_ADDRESS_DEFAULT);
            assertThat(first.pubAddress()).isEqualTo(RpcEngine.PUB_ADDRESS_DEFAULT);
        }
    }

    @Test
    @Timeout(30)
    void shouldStartAndStopTheEngineAlreadyOnTheMainEngine() {
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            RpcEngine rpc = (RpcEngine) engine.addApp(new RpcServiceApp());
            RpcServiceControl control = RpcEngineControl.locator().locate(engine);
            assertThat(control.isActive()).isFalse();
            assertThat(control.boundRepEndpoint()).isEmpty();

            control.start("tcp://127.0.0.1:0", "tcp://127.0.0.1:0");

            assertThat(rpc.isActive()).isTrue();
            assertThat(control.boundRepEndpoint()).isEqualTo(rpc.boundRepEndpoint()).doesNotEndWith(":0");
            assertThat(control.boundPubEndpoint()).isEqualTo(rpc.boundPubEndpoint()).doesNotEndWith(":0");
            assertThat(control.connectedClients()).isEmpty();
            assertThat(control.stop()).isTrue();
            assertThat(control.stop()).isFalse();
            assertThat(control.isActive()).isFalse();
        }
    }

    @Test
    @Timeout(30)
    void shouldNameTheBrokenSettingsFileWhenTheServiceCannotBeMade() throws Exception {
        Files.writeString(home.resolve("rpc_service_setting.json"), "{\"rep_address\": 2014}");
        try (MainEngine engine = new MainEngine(new MainEngine.Context().homeDir(home))) {
            assertThatThrownBy(() -> RpcEngineControl.locator().locate(engine))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot load the RPC service")
                    .hasMessageContaining("rpc_service_setting.json");
        }
    }
}
