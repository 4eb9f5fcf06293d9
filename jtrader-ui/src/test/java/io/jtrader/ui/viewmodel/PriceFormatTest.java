package io.jtrader.ui.viewmodel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceFormatTest {
    @Test
    void shouldUseAsManyDecimalsAsThePricetickHas() {
        assertThat(PriceFormat.decimalsOf(1)).isZero();
        assertThat(PriceFormat.decimalsOf(0.2)).isEqualTo(1);
        assertThat(PriceFormat.decimalsOf(0.05)).isEqualTo(2);
        assertThat(PriceFormat.decimalsOf(0.0001)).isEqualTo(4);
        assertThat(PriceFormat.decimalsOf(0)).isEqualTo(PriceFormat.DEFAULT_DECIMALS);
        assertThat(PriceFormat.format(3512.4999999, 1)).isEqualTo("3512");
        assertThat(PriceFormat.format(4.1, 0.05)).isEqualTo("4.10");
        assertThat(PriceFormat.format(Double.NaN, 1)).isEmpty();
    }

    @Test
    void shouldShowWholeVolumesWithoutDecimals() {
        assertThat(PriceFormat.volume(3)).isEqualTo("3");
        assertThat(PriceFormat.volume(0.5)).isEqualTo("0.5");
    }

    @Test
    void shouldTellWhetherAPriceIsOnThePriceGrid() {
        assertThat(PriceFormat.isMultipleOf(3512, 1)).isTrue();
        assertThat(PriceFormat.isMultipleOf(3512.5, 1)).isFalse();
        assertThat(PriceFormat.isMultipleOf(612.32, 0.02)).isTrue();
        assertThat(PriceFormat.isMultipleOf(612.33, 0.02)).isFalse();
    }
}
