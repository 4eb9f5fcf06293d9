package io.jtrader.sim.exchange;

import io.jtrader.core.gateway.GatewayException;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.Interval;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryGeneratorTest {
    final ManualClock clock = ManualClock.at("2026-11-25T16:00:00");
    final InstrumentCatalog catalog = InstrumentCatalog.defaults(LocalDate.of(2026, 11, 25));

    List<BarData> query(long seed, String symbol, Exchange exchange, String start, String end, Interval interval) {
        return new HistoryGenerator("SIM", catalog, seed, clock).query(new HistoryRequest(symbol, exchange,
                t(start), end == null ? null : t(end), interval));
    }

    static ZonedDateTime t(String isoLocal) {
        return java.time.LocalDateTime.parse(isoLocal).atZone(JournalCodec.CHINA);
    }

    @Test
    void shouldServeOneMinuteBarsOfTheDaySessionOnTheGrid() {
        List<BarData> bars = query(42, "rb2701", Exchange.SHFE, "2026-11-24T00:00:00", "2026-11-24T23:59:00", Interval.MINUTE);
        assertThat(bars).hasSize(225); // 09:00-10:15, 10:30-11:30, 13:30-15:00
        assertThat(bars.get(0).datetime()).isEqualTo(t("2026-11-24T09:00:00"));
        assertThat(bars).allSatisfy(b -> {
            assertThat(b.interval()).isEqualTo(Interval.MINUTE);
            assertThat(b.lowPrice()).isLessThanOrEqualTo(Math.min(b.openPrice(), b.closePrice()));
            assertThat(b.highPrice()).isGreaterThanOrEqualTo(Math.max(b.openPrice(), b.closePrice()));
            assertThat(b.closePrice() % 1.0).isZero();
            assertThat(b.closePrice()).isBetween(1600.0, 6400.0); // rb's scale around 3200
            assertThat(b.volume()).isPositive();
        });
    }

    @Test
    void shouldAggregateHoursAndDaysFromTheSameMinutes() {
        String s = "2026-11-23T00:00:00", e = "2026-11-24T23:59:00";
        List<BarData> minutes = query(42, "IF2612", Exchange.CFFEX, s, e, Interval.MINUTE);
        List<BarData> hours = query(42, "IF2612", Exchange.CFFEX, s, e, Interval.HOUR);
        List<BarData> days = query(42, "IF2612", Exchange.CFFEX, s, e, Interval.DAILY);
        assertThat(days).hasSize(2);
        assertThat(days.get(0).datetime()).isEqualTo(t("2026-11-23T00:00:00"));
        assertThat(days.stream().mapToDouble(BarData::volume).sum())
                .isEqualTo(minutes.stream().mapToDouble(BarData::volume).sum());
        assertThat(hours.stream().mapToDouble(BarData::volume).sum())
                .isEqualTo(minutes.stream().mapToDouble(BarData::volume).sum());
        assertThat(days.get(1).closePrice()).isEqualTo(minutes.get(minutes.size() - 1).closePrice());
        assertThat(days.get(0).openPrice()).isEqualTo(minutes.get(0).openPrice());
    }

    @Test
    void shouldBeDeterministicForASeed() {
        String s = "2026-10-01T00:00:00", e = "2026-11-24T00:00:00";
        assertThat(query(7, "cu2701", Exchange.SHFE, s, e, Interval.DAILY))
                .isEqualTo(query(7, "cu2701", Exchange.SHFE, s, e, Interval.DAILY))
                .isNotEqualTo(query(8, "cu2701", Exchange.SHFE, s, e, Interval.DAILY));
    }

    @Test
    void shouldReturnAnEmptyListForARangeWithoutTrading() {
        assertThat(query(42, "rb2701", Exchange.SHFE, "2026-11-21T00:00:00", "2026-11-22T23:59:00", Interval.MINUTE))
                .isEmpty(); // a weekend
        assertThat(query(42, "rb2701", Exchange.SHFE, "2026-11-26T00:00:00", null, Interval.DAILY)).isEmpty(); // future
    }

    @Test
    void shouldRefuseUnsupportedIntervalsAndUnknownContracts() {
        assertThatThrownBy(() -> query(42, "rb2701", Exchange.SHFE, "2026-11-24T00:00:00", null, Interval.TICK))
                .isInstanceOf(GatewayException.class).hasMessageContaining("1m, 1h and d").hasMessageContaining("TICK");
        assertThatThrownBy(() -> query(42, "zz2701", Exchange.SHFE, "2026-11-24T00:00:00", null, Interval.MINUTE))
                .isInstanceOf(GatewayException.class).hasMessageContaining("zz2701.SHFE");
    }
}
