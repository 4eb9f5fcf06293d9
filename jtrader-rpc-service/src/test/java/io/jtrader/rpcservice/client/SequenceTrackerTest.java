package io.jtrader.rpcservice.client;

import org.junit.jupiter.api.Test;

import static io.jtrader.rpcservice.client.SequenceTracker.Verdict.DUPLICATE;
import static io.jtrader.rpcservice.client.SequenceTracker.Verdict.FIRST;
import static io.jtrader.rpcservice.client.SequenceTracker.Verdict.GAP;
import static io.jtrader.rpcservice.client.SequenceTracker.Verdict.IN_ORDER;
import static io.jtrader.rpcservice.client.SequenceTracker.Verdict.NEW_SESSION;
import static io.jtrader.rpcservice.client.SequenceTracker.Verdict.UNNUMBERED;
import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {
    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void shouldReportNothingForUnnumberedEventsOfAVnpyServer() {
        assertThat(tracker.onEvent(null, 0)).isEqualTo(UNNUMBERED);
        assertThat(tracker.onEvent(null, 0)).isEqualTo(UNNUMBERED);
    }

    @Test
    void shouldFindAGapBetweenEventsAndDropDuplicates() {
        assertThat(tracker.onEvent("a", 7)).isEqualTo(FIRST);
        assertThat(tracker.onEvent("a", 8)).isEqualTo(IN_ORDER);
        assertThat(tracker.onEvent("a", 12)).isEqualTo(GAP);
        assertThat(tracker.gapFrom()).isEqualTo(9);
        assertThat(tracker.gapTo()).isEqualTo(11);
        assertThat(tracker.onEvent("a", 10)).isEqualTo(DUPLICATE);
        assertThat(tracker.onEvent("a", 13)).isEqualTo(IN_ORDER);
    }

    @Test
    void shouldFindANewSessionFromAnEventOrACheck() {
        tracker.onEvent("a", 1);
        assertThat(tracker.onEvent("b", 5)).isEqualTo(NEW_SESSION);
        assertThat(tracker.onEvent("b", 6)).isEqualTo(IN_ORDER);
        assertThat(tracker.onCheck("c", 100)).isEqualTo(NEW_SESSION);
        assertThat(tracker.onEvent("c", 101)).isEqualTo(FIRST);
    }

    @Test
    void shouldFindTailLossOnlyAfterOneCheckIntervalOfGrace() {
        tracker.onEvent("a", 1);
        assertThat(tracker.onCheck("a", 5)).as("2..5 may still be in flight").isEqualTo(IN_ORDER);
        tracker.onEvent("a", 2);
        assertThat(tracker.onCheck("a", 5)).isEqualTo(GAP);
        assertThat(tracker.gapFrom()).isEqualTo(3);
        assertThat(tracker.gapTo()).isEqualTo(5);
        assertThat(tracker.onEvent("a", 4)).isEqualTo(DUPLICATE);
        assertThat(tracker.onCheck("a", 5)).isEqualTo(IN_ORDER);
    }

    @Test
    void shouldNotReportEventsCoveredByTheRequeryAfterACheckFoundANewSession() {
        tracker.onEvent("a", 3);
        assertThat(tracker.onCheck("b", 40)).isEqualTo(NEW_SESSION);
        assertThat(tracker.onCheck("b", 40)).isEqualTo(IN_ORDER);
        assertThat(tracker.onCheck("b", 45)).isEqualTo(IN_ORDER);
        assertThat(tracker.onCheck("b", 45)).isEqualTo(GAP);
        assertThat(tracker.gapFrom()).isEqualTo(41);
        assertThat(tracker.gapTo()).isEqualTo(45);
    }
}
