package io.jtrader.ui.viewmodel;

import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TradingViewModelTest {
    private final List<String> sent = new ArrayList<>();
    private final List<String> cancelled = new ArrayList<>();
    private final List<String> subscribed = new ArrayList<>();
    private final List<OrderData> active = new ArrayList<>();
    private final Map<String, ContractData> contracts = Map.of("rb2605.SHFE", Fixtures.contract("rb2605", 1, 1));
    private TradingViewModel vm;

    @BeforeEach
    void setUp() {
        TradingCommands commands = new TradingCommands() {
            @Override
            public String sendOrder(OrderRequest request, String gatewayName) {
                sent.add(gatewayName + ":" + request.vtSymbol() + ":" + request.direction() + ":" + request.price()
                        + "x" + request.volume());
                return gatewayName + "." + sent.size();
            }

            @Override
            public void cancelOrder(CancelRequest request, String gatewayName) {
                cancelled.add(gatewayName + "." + request.orderId());
            }

            @Override
            public void subscribe(SubscribeRequest request, String gatewayName) {
                subscribed.add(gatewayName + ":" + request.vtSymbol());
            }
        };
        vm = new TradingViewModel(Messages.of(UiLanguage.ENGLISH), commands,
                v -> Optional.ofNullable(contracts.get(v)), () -> active, Runnable::run, Runnable::run);
        vm.gateways().add("SIM");
        vm.gatewayProperty().set("SIM");
    }

    private void fillValid() {
        vm.symbolProperty().set("rb2605");
        vm.exchangeProperty().set(Exchange.SHFE);
        vm.priceProperty().set("3500");
        vm.volumeProperty().set("2");
    }

    @Test
    void shouldSendAValidOrderToTheChosenGateway() {
        fillValid();
        vm.directionProperty().set(Direction.SHORT);

        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.send()).isTrue();

        assertThat(sent).containsExactly("SIM:rb2605.SHFE:SHORT:3500.0x2.0");
        assertThat(vm.statusProperty().get()).isEqualTo("Sent SIM.1.");
    }

    @Test
    void shouldNeverSendWhenAFieldIsEmptyAndShowWhichOne() {
        vm.symbolProperty().set("rb2605");

        assertThat(vm.send()).isFalse();

        assertThat(sent).isEmpty();
        assertThat(vm.exchangeErrorProperty().get()).isEqualTo("Choose an exchange.");
        assertThat(vm.priceErrorProperty().get()).isEqualTo("Enter a price.");
        assertThat(vm.volumeErrorProperty().get()).isEqualTo("Enter a volume.");
        assertThat(vm.symbolErrorProperty().get()).isEmpty();
    }

    @Test
    void shouldShowNoErrorsBeforeTheUserTypesOrSends() {
        assertThat(vm.priceErrorProperty().get()).isEmpty();
        assertThat(vm.volumeErrorProperty().get()).isEmpty();
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void shouldRejectTextNegativeAndOffTickPricesAtTheField() {
        fillValid();
        vm.priceProperty().set("abc");
        assertThat(vm.priceErrorProperty().get()).isEqualTo("\"abc\" is not a number.");
        vm.priceProperty().set("-5");
        assertThat(vm.priceErrorProperty().get()).isEqualTo("The price must be above 0.");
        vm.priceProperty().set("3500.5");
        assertThat(vm.priceErrorProperty().get()).isEqualTo("The price must be a multiple of the price tick 1.");
        vm.priceProperty().set("NaN");
        assertThat(vm.priceErrorProperty().get()).isNotEmpty();

        assertThat(vm.send()).isFalse();
        assertThat(sent).isEmpty();

        vm.priceProperty().set("3501");
        assertThat(vm.priceErrorProperty().get()).isEmpty();
        assertThat(vm.send()).isTrue();
    }

    @Test
    void shouldRejectZeroAndFractionalLotVolumes() {
        fillValid();
        vm.volumeProperty().set("0");
        assertThat(vm.volumeErrorProperty().get()).isEqualTo("The volume must be above 0.");
        vm.volumeProperty().set("1.5");
        assertThat(vm.volumeErrorProperty().get()).isEqualTo("The volume must be a multiple of 1.");
        assertThat(vm.send()).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRejectSymbolsWithDotsAndUnknownGateways() {
        fillValid();
        vm.symbolProperty().set("rb2605.SHFE");
        assertThat(vm.symbolErrorProperty().get()).isEqualTo("A symbol has no spaces or dots.");
        vm.symbolProperty().set("rb2605");
        vm.gatewayProperty().set("CTP");
        assertThat(vm.gatewayErrorProperty().get()).isEqualTo("No gateway named CTP.");
        assertThat(vm.send()).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldAllowAnEmptyPriceForMarketOrders() {
        fillValid();
        vm.priceProperty().set("");
        vm.orderTypeProperty().set(OrderType.MARKET);
        assertThat(vm.send()).isTrue();
        assertThat(sent).containsExactly("SIM:rb2605.SHFE:LONG:0.0x2.0");
    }

    @Test
    void shouldCancelEveryActiveOrderThroughItsGateway() {
        active.add(Fixtures.order("7", Status.NOTTRADED));
        active.add(Fixtures.order("8", Status.PARTTRADED));

        assertThat(vm.cancelAll()).isEqualTo(2);

        assertThat(cancelled).containsExactly("SIM.7", "SIM.8");
    }

    @Test
    void shouldFillFromAContractSubscribeAndFollowOnlyThatSymbolsTicks() {
        vm.fillFrom(contracts.get("rb2605.SHFE"));

        assertThat(subscribed).containsExactly("SIM:rb2605.SHFE");
        vm.onTick(Fixtures.tick("hc2605", 1));
        assertThat(vm.currentTickProperty().get()).isNull();
        vm.onTick(Fixtures.tick("rb2605", 3512));
        assertThat(vm.currentTickProperty().get().lastPrice()).isEqualTo(3512);
    }
}
