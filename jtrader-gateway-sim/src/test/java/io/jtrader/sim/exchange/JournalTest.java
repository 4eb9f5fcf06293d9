package io.jtrader.sim.exchange;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TradeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {
    @TempDir
    Path dir;

    static final ZonedDateTime T = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, JournalCodec.CHINA);

    static List<JournalRecord> sample() {
        OrderData order = new OrderData("SIM", "rb2701", Exchange.SHFE, "5_1", OrderType.LIMIT, Direction.LONG,
                Offset.OPEN, 3200, 2, 0, Status.SUBMITTING, T, "ref");
        TradeData trade = new TradeData("SIM", "rb2701", Exchange.SHFE, "5_1", "T5_1", Direction.LONG, Offset.OPEN,
                3200, 2, T);
        return List.of(
                new JournalRecord.Snapshot(LocalDate.of(2026, 11, 25), 4, 1_000_000,
                        List.of(new JournalRecord.PositionSnapshot("cu2701.SHFE", Direction.SHORT, 1, 0, 86000))),
                new JournalRecord.Session(5, LocalDate.of(2026, 11, 25)),
                new JournalRecord.NewOrder(order),
                new JournalRecord.OrderUpdate("5_1", 2, Status.ALLTRADED, T),
                new JournalRecord.Trade(trade, 6.4, 0));
    }

    long write(List<JournalRecord> records) throws IOException {
        try (Journal j = Journal.open(dir, "SIM")) {
            JournalCodec codec = new JournalCodec();
            ByteBuffer buf = ByteBuffer.allocate(16);
            for (JournalRecord r : records) {
                buf = codec.encode(r, buf);
            }
            buf.flip();
            j.append(buf);
            j.force();
        }
        return Files.size(dir.resolve(Journal.FILE_NAME));
    }

    @Test
    void shouldReadBackEveryRecordItWrote() throws IOException {
        write(sample());
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThat(j.warning()).isNull();
            assertThat(j.records()).isEqualTo(sample());
        }
    }

    @Test
    void shouldSkipARecordCutShortAndTruncateTheFile() throws IOException {
        long whole = write(sample());
        long lastStart = whole - frameSize(sample().get(4));
        try (FileChannel ch = FileChannel.open(dir.resolve(Journal.FILE_NAME), StandardOpenOption.WRITE)) {
            ch.truncate(whole - 7);
        }
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThat(j.records()).isEqualTo(sample().subList(0, 4));
            assertThat(j.warning()).contains("has only").contains("at byte " + lastStart).contains("4 whole records");
        }
        assertThat(Files.size(dir.resolve(Journal.FILE_NAME))).isEqualTo(lastStart);
        // A second open finds a whole journal.
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThat(j.warning()).isNull();
        }
    }

    @Test
    void shouldSkipARecordWhoseChecksumDoesNotMatch() throws IOException {
        long whole = write(sample());
        try (FileChannel ch = FileChannel.open(dir.resolve(Journal.FILE_NAME), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0x5A}), whole - 3);
        }
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThat(j.records()).hasSize(4);
            assertThat(j.warning()).contains("checksum");
        }
    }

    @Test
    void shouldSkipAHalfWrittenHeader() throws IOException {
        long whole = write(sample());
        try (FileChannel ch = FileChannel.open(dir.resolve(Journal.FILE_NAME), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0}), whole);
        }
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThat(j.records()).hasSize(5);
            assertThat(j.warning()).contains("header is cut short");
        }
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameJournal() throws IOException {
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThatThrownBy(() -> Journal.open(dir, "SIM")).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void shouldReplaceTheJournalAtomicallyKeepingThePreviousDay() throws IOException {
        write(sample());
        try (Journal j = Journal.open(dir, "SIM")) {
            j.rewrite(List.of(sample().get(0)));
        }
        try (Journal j = Journal.open(dir, "SIM")) {
            assertThat(j.records()).containsExactly(sample().get(0));
        }
        assertThat(dir.resolve(Journal.FILE_NAME + ".prev")).exists();
    }

    @Test
    void shouldEncodeIntoBuffersOfAnySizeAndFill() throws IOException {
        JournalCodec codec = new JournalCodec();
        ByteBuffer reference = ByteBuffer.allocate(4096);
        for (JournalRecord r : sample()) {
            reference = codec.encode(r, reference);
        }
        reference.flip();
        for (int capacity = 0; capacity < 200; capacity++) {
            for (int used = 0; used <= Math.min(capacity, 12); used++) {
                ByteBuffer buf = ByteBuffer.allocate(capacity);
                buf.position(used);
                for (JournalRecord r : sample()) {
                    buf = codec.encode(r, buf);
                }
                buf.flip();
                buf.position(used);
                assertThat(buf.slice()).as("capacity %d, %d used", capacity, used).isEqualTo(reference.duplicate());
            }
        }
    }

    private static int frameSize(JournalRecord r) {
        return new JournalCodec().encode(r, ByteBuffer.allocate(16)).position();
    }
}
