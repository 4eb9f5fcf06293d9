package io.jtrader.ui.viewmodel;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.LogData;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class RpcServiceViewModelTest {

    /** A service that binds nothing: it records calls and can be told to fail. */
    static final class FakeService implements RpcServiceControl {
        final List<String> calls = new ArrayList<>();
        boolean active;
        String failStartWith;

        @Override
        public String repAddress() {
            return "tcp://127.0.0.1:2014";
        }

        @Override
        public String pubAddress() {
            return "tcp://127.0.0.1:4102";
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void start(String rep, String pub) {
            calls.add("start " + rep + " " + pub);
            if (failStartWith != null) {
                throw new IllegalStateException(failStartWith);
            }
            active = true;
        }

        @Override
        public boolean stop() {
            calls.add("stop");
            boolean was = active;
            active = false;
            return was;
        }

        @Override
        public String boundRepEndpoint() {
            return "tcp://127.0.0.1:50001";
        }

        @Override
        public String boundPubEndpoint() {
            return "tcp://127.0.0.1:50002";
        }

        @Override
        public OptionalInt connectedClients() {
            return active ? OptionalInt.of(2) : OptionalInt.empty();
        }
    }

    private final FakeService service = new FakeService();
    private final RpcServiceViewModel vm = new RpcServiceViewModel(Messages.of(UiLanguage.CHINESE), service,
            Runnable::run, Runnable::run);

    @Test
    void shouldStartWithTheEditedAddressesAndShowTheBoundEndpoints() {
        assertThat(vm.repAddressProperty().get()).isEqualTo("tcp://127.0.0.1:2014");
        assertThat(vm.stateProperty().get()).isEqualTo("已停止");

        vm.repAddressProperty().set("tcp://127.0.0.1:0");
        vm.start();

        assertThat(service.calls).containsExactly("start tcp://127.0.0.1:0 tcp://127.0.0.1:4102");
        assertThat(vm.activeProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.stateProperty().get()).isEqualTo(
                "运行中（请求 tcp://127.0.0.1:50001，广播 tcp://127.0.0.1:50002）");
        assertThat(vm.clientsProperty().get()).isEqualTo("2");

        vm.stop();
        assertThat(vm.activeProperty().get()).isFalse();
        assertThat(vm.clientsProperty().get()).isEqualTo("未知");
    }

    @Test
    void shouldShowAStartFailureInTheLogAndStayStopped() {
        service.failStartWith = "address already in use: tcp://127.0.0.1:2014";

        vm.start();

        assertThat(vm.activeProperty().get()).isFalse();
        assertThat(vm.logLines()).singleElement().asString()
                .endsWith("\tRPC服务启动失败：address already in use: tcp://127.0.0.1:2014");
    }

    @Test
    void shouldRefuseToStartWithAnEmptyAddress() {
        vm.pubAddressProperty().set("  ");
        vm.start();
        assertThat(service.calls).isEmpty();
        assertThat(vm.logLines()).singleElement().asString().endsWith("请填写两个地址。");
    }

    @Test
    void shouldAppendRpcLogEventsAsTimeTabMessageOncePerBatch() {
        List<Runnable> queued = new ArrayList<>();
        RpcServiceViewModel queuedVm = new RpcServiceViewModel(Messages.of(UiLanguage.ENGLISH), service,
                Runnable::run, queued::add);
        LocalDateTime at = LocalDateTime.of(2025, 3, 3, 9, 30, 1, 250_000_000);
        queuedVm.onEvent(new Event(EventType.RPC_LOG, new LogData("RpcService", "RPC服务启动成功", LogData.INFO, at)));
        queuedVm.onEvent(new Event(EventType.RPC_LOG, new LogData("RpcService", "second", LogData.INFO, at)));
        queuedVm.onEndOfBatch(2);
        queuedVm.onEndOfBatch(1);

        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(queuedVm.logLines()).containsExactly("09:30:01.250\tRPC服务启动成功", "09:30:01.250\tsecond");
    }
}
