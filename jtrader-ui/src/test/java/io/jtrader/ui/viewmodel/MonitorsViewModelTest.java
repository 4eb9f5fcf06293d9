package io.jtrader.ui.viewmodel;

import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jtrader.ui.viewmodel.Fixtures.order;
import static io.jtrader.ui.viewmodel.Fixtures.orderEvent;
import static io.jtrader.ui.viewmodel.Fixtures.tick;
import static io.jtrader.ui.viewmodel.Fixtures.tickEvent;
import static org.assertj.core.api.Assertions.assertThat;

class MonitorsViewModelTest {

    @Test
    void shouldApplyNothingUntilTheEndOfTheBatch() {
        List<Runnable> queued = new ArrayList<>();
        MonitorsViewModel vm = new MonitorsViewModel(queued::add);

        vm.onEvent(tickEvent(tick("rb2605", 3500)));

        assertThat(queued).isEmpty();
        assertThat(vm.ticks()).isEmpty();
    }

    @Test
    void shouldCoalesceManyTicksOfOneSymbolIntoOneRowUpdate() {
        MonitorsViewModel vm = new MonitorsViewModel(Runnable::run);
        int[] changes = {0};
        vm.ticks().addListener((javafx.collections.ListChangeListener<Object>) c -> changes[0]++);

        for (int i = 0; i < 1_000; i++) {
            vm.onEvent(tickEvent(tick("rb2605", 3000 + i)));
        }
        vm.onEndOfBatch(1_000);

        assertThat(vm.ticks()).hasSize(1);
        assertThat(vm.ticks().get(0).lastPrice()).isEqualTo(3999);
        assertThat(changes[0]).isEqualTo(1);
    }

    @Test
    void shouldQueueAtMostOneApplyWhileOneIsPending() {
        List<Runnable> queued = new ArrayList<>();
        MonitorsViewModel vm = new MonitorsViewModel(queued::add);

        for (int batch = 0; batch < 50; batch++) {
            vm.onEvent(tickEvent(tick("s" + batch, 100 + batch)));
            vm.onEndOfBatch(1);
        }
        assertThat(queued).hasSize(1);

        queued.remove(0).run();
        assertThat(vm.ticks()).hasSize(50);

        vm.onEvent(tickEvent(tick("s0", 1)));
        vm.onEndOfBatch(1);
        assertThat(queued).hasSize(1);
    }

    @Test
    void shouldReplaceTheRowInPlaceKeepingFirstSeenOrder() {
        MonitorsViewModel vm = new MonitorsViewModel(Runnable::run);
        vm.onEvent(tickEvent(tick("a", 1)));
        vm.onEvent(tickEvent(tick("b", 2)));
        vm.onEndOfBatch(2);
        vm.onEvent(tickEvent(tick("a", 10)));
        vm.onEndOfBatch(1);

        assertThat(vm.ticks()).extracting(t -> t.symbol() + "=" + t.lastPrice()).containsExactly("a=10.0", "b=2.0");
    }

    @Test
    void shouldDropAnOrderFromActiveOrdersWhenItIsDoneButKeepItInAllOrders() {
        MonitorsViewModel vm = new MonitorsViewModel(Runnable::run);
        vm.onEvent(orderEvent(order("1", Status.NOTTRADED)));
        vm.onEvent(orderEvent(order("2", Status.NOTTRADED)));
        vm.onEvent(orderEvent(order("3", Status.SUBMITTING)));
        vm.onEndOfBatch(3);
        assertThat(vm.activeOrders()).hasSize(3);

        vm.onEvent(orderEvent(order("1", Status.CANCELLED)));
        vm.onEvent(orderEvent(order("2", Status.ALLTRADED)));
        vm.onEndOfBatch(2);

        assertThat(vm.activeOrders()).extracting(o -> o.orderId()).containsExactly("3");
        assertThat(vm.orders()).extracting(o -> o.status()).containsExactly(Status.CANCELLED, Status.ALLTRADED,
                Status.SUBMITTING);

        vm.onEvent(orderEvent(order("3", Status.NOTTRADED)));
        vm.onEndOfBatch(1);
        assertThat(vm.activeOrders()).extracting(o -> o.status()).containsExactly(Status.NOTTRADED);
    }

    @Test
    void shouldKeepOnlyTheNewestLogRows() {
        MonitorsViewModel vm = new MonitorsViewModel(Runnable::run);
        for (int i = 0; i < MonitorsViewModel.MAX_LOG_ROWS + 10; i++) {
            vm.onEvent(new Event(EventType.LOG, new LogData("SIM", "line " + i)));
        }
        vm.onEndOfBatch(1);
        vm.onEvent(new Event(EventType.LOG, new LogData("SIM", "last")));
        vm.onEndOfBatch(1);

        assertThat(vm.logs()).hasSize(MonitorsViewModel.MAX_LOG_ROWS);
        assertThat(vm.logs().get(vm.logs().size() - 1).msg()).isEqualTo("last");
        assertThat(vm.logs().get(0).msg()).isEqualTo("line 11");
    }

    @Test
    void shouldReportHowLongTheOldestUpdateWaited() {
        List<Runnable> queued = new ArrayList<>();
        long[] now = {1_000};
        MonitorsViewModel vm = new MonitorsViewModel(queued::add, () -> now[0]);
        long[] reported = new long[2];
        vm.applyObserver((updates, oldestWait, applyTime) -> {
            reported[0] = updates;
            reported[1] = oldestWait;
        });

        vm.onEvent(tickEvent(tick("a", 1)));
        now[0] = 5_000;
        vm.onEvent(tickEvent(tick("a", 2)));
        vm.onEndOfBatch(2);
        now[0] = 9_000;
        queued.remove(0).run();

        assertThat(reported).containsExactly(2, 8_000);
    }

    @Test
    void shouldFormatPricesToTheContractsPricetick() {
        MonitorsViewModel vm = new MonitorsViewModel(Runnable::run);
        vm.onEvent(new Event(EventType.CONTRACT, Fixtures.contract("rb2605", 1, 1)));
        vm.onEvent(new Event(EventType.CONTRACT, Fixtures.contract("au2606", 0.02, 1)));
        vm.onEndOfBatch(2);

        assertThat(vm.formatPrice("rb2605.SHFE", 3512.0)).isEqualTo("3512");
        assertThat(vm.formatPrice("au2606.SHFE", 612.3)).isEqualTo("612.30");
        assertThat(vm.formatPrice("unknown.SHFE", 1.5)).isEqualTo("1.50");
    }

    @Test
    void shouldTellTickWatchersOfEveryAppliedTick() {
        MonitorsViewModel vm = new MonitorsViewModel(Runnable::run);
        List<String> seen = new ArrayList<>();
        vm.addTickWatcher(t -> seen.add(t.symbol()));
        vm.onEvent(tickEvent(tick("a", 1)));
        vm.onEvent(tickEvent(tick("b", 1)));
        vm.onEvent(tickEvent(tick("a", 2)));
        vm.onEndOfBatch(3);

        assertThat(seen).containsExactly("a", "b");
    }
}
