package io.jtrader.rpc.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtrader.rpc.testkit.GoldenVectors;
import io.jtrader.rpc.testkit.TypedJson;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden frame of cases.json decodes, with the generic registry, to the value CPython decoded. */
class GoldenVectorDecodeTest {
    private final PickleCodec codec = PickleCodec.generic();

    static Stream<GoldenVectors.Case> cases() {
        return GoldenVectors.cases().stream();
    }

    @Test
    void shouldCoverAllSetsOfTheGoldenVectors() {
        List<GoldenVectors.Case> all = GoldenVectors.cases();
        assertThat(all).hasSize(110);
        assertThat(all).extracting(GoldenVectors.Case::set).contains("primary", "py311-byname", "legacy-v2", "writer-reference");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldDecodeGoldenFrameToTheExpectedValue(GoldenVectors.Case c) {
        Object decoded = codec.decode(c.bytes());
        TypedJson.assertMatches(c.expected(), decoded);
    }

    @ParameterizedTest(name = "{0} as protocol 5")
    @MethodSource("cases")
    void shouldDecodeTheProtocol5FormOfEveryFrame(GoldenVectors.Case c) {
        byte[] frame = c.bytes();
        frame[1] = 5; // CPython 3.14 output differs only in this byte for these objects
        TypedJson.assertMatches(c.expected(), codec.decode(frame));
    }

    @ParameterizedTest(name = "{0} re-encoded")
    @MethodSource("cases")
    void shouldReEncodeEveryGoldenValueToAnEqualValue(GoldenVectors.Case c) {
        Object decoded = codec.decode(c.bytes());
        Object again = codec.decode(codec.encode(decoded));
        assertThat(again).isEqualTo(decoded);
        TypedJson.assertMatches(c.expected(), again);
    }
}
