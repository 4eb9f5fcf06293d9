package io.jtrader.sim.exchange;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TradeData;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's binary format. Each record is framed as {@code [int length][int crc32c][payload]} (big endian),
 * the CRC covering the payload; the payload is a type byte and the record's fields (enums by name, so reordering an enum never misreads
 * an old journal). A frame whose length runs
 * past the end of the file or whose CRC does not match is a torn write. Not thread-safe (one per writer).
 */
public final class JournalCodec {
    static final int HEADER_BYTES = 8;
    static final int MAX_RECORD_BYTES = 1 << 20;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final byte SNAPSHOT = 1;
    private static final byte SESSION = 2;
    private static final byte NEW_ORDER = 3;
    private static final byte ORDER_UPDATE = 4;
    private static final byte TRADE = 5;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer out;

    /** Appends one framed record to {@code target}, growing it as needed; returns the (possibly new) buffer. */
    public ByteBuffer encode(JournalRecord record, ByteBuffer target) {
        out = target;
        while (true) {
            int start = out.position();
            if (out.remaining() > HEADER_BYTES) {
                try {
                    out.position(start + HEADER_BYTES);
                    writePayload(record);
                    int length = out.position() - start - HEADER_BYTES;
                    ByteBuffer payload = out.duplicate();
                    payload.position(start + HEADER_BYTES).limit(start + HEADER_BYTES + length);
                    crc.reset();
                    crc.update(payload);
                    out.putInt(start, length).putInt(start + 4, (int) crc.getValue());
                    ByteBuffer result = out;
                    out = null;
                    return result;
                } catch (BufferOverflowException e) {
                    out.position(start); // too small: grow and write the record again
                }
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, 1024));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    private void writeUTF(String s) {
        int n = s.length();
        int lengthAt = out.position();
        out.putShort((short) 0);
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out.put((byte) c);
                bytes += 1;
            } else if (c <= 0x07FF) {
                out.put((byte) (0xC0 | ((c >> 6) & 0x1F))).put((byte) (0x80 | (c & 0x3F)));
                bytes += 2;
            } else {
                out.put((byte) (0xE0 | ((c >> 12) & 0x0F))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
                        .put((byte) (0x80 | (c & 0x3F)));
                bytes += 3;
            }
        }
        if (bytes > 0xFFFF) {
            throw new IllegalArgumentException("journal string longer than 65535 bytes: " + s.substring(0, 40) + "...");
        }
        out.putShort(lengthAt, (short) bytes); // modified UTF-8, as DataInput.readUTF reads it
    }

    private void writeByte(int v) {
        out.put((byte) v);
    }

    private void writeInt(int v) {
        out.putInt(v);
    }

    private void writeLong(long v) {
        out.putLong(v);
    }

    private void writeDouble(double v) {
        out.putDouble(v);
    }

    private void writePayload(JournalRecord record) {
        if (record instanceof JournalRecord.Snapshot s) {
            writeByte(SNAPSHOT);
            writeLong(s.tradingDay().toEpochDay());
            writeLong(s.lastSessionId());
            writeDouble(s.staticBalance());
            writeInt(s.positions().size());
            for (JournalRecord.PositionSnapshot p : s.positions()) {
                writeUTF(p.vtSymbol());
                writeUTF(p.direction().name());
                writeLong(p.ydVolume());
                writeLong(p.tdVolume());
                writeDouble(p.cost());
            }
        } else if (record instanceof JournalRecord.Session s) {
            writeByte(SESSION);
            writeLong(s.sessionId());
            writeLong(s.tradingDay().toEpochDay());
        } else if (record instanceof JournalRecord.NewOrder n) {
            OrderData o = n.order();
            writeByte(NEW_ORDER);
            writeUTF(o.orderId());
            writeUTF(o.symbol());
            writeUTF(o.exchange().name());
            writeUTF(o.type().name());
            writeUTF(o.direction() == null ? "" : o.direction().name());
            writeUTF(o.offset().name());
            writeDouble(o.price());
            writeDouble(o.volume());
            writeDouble(o.traded());
            writeUTF(o.status().name());
            writeLong(o.datetime() == null ? Long.MIN_VALUE : o.datetime().toInstant().toEpochMilli());
            writeUTF(o.reference());
        } else if (record instanceof JournalRecord.OrderUpdate u) {
            writeByte(ORDER_UPDATE);
            writeUTF(u.orderId());
            writeDouble(u.traded());
            writeUTF(u.status().name());
            writeLong(u.datetime().toInstant().toEpochMilli());
        } else if (record instanceof JournalRecord.Trade t) {
            TradeData d = t.trade();
            writeByte(TRADE);
            writeUTF(d.tradeId());
            writeUTF(d.orderId());
            writeUTF(d.symbol());
            writeUTF(d.exchange().name());
            writeUTF(d.direction().name());
            writeUTF(d.offset().name());
            writeDouble(d.price());
            writeDouble(d.volume());
            writeLong(d.datetime().toInstant().toEpochMilli());
            writeDouble(t.commission());
            writeLong(t.closedYesterday());
        } else {
            throw new IllegalArgumentException("unknown journal record type " + record.getClass().getName());
        }
    }

    /** Decodes one payload (without its frame). */
    static JournalRecord decode(byte[] payload, String gatewayName) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        byte type = in.readByte();
        switch (type) {
            case SNAPSHOT: {
                LocalDate day = LocalDate.ofEpochDay(in.readLong());
                long lastSession = in.readLong();
                double balance = in.readDouble();
                int n = in.readInt();
                if (n < 0 || n > 100_000) {
                    throw new IOException("snapshot claims " + n + " positions");
                }
                List<JournalRecord.PositionSnapshot> positions = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    positions.add(new JournalRecord.PositionSnapshot(in.readUTF(), enumOf(Direction.class, in.readUTF()),
                            in.readLong(), in.readLong(), in.readDouble()));
                }
                return new JournalRecord.Snapshot(day, lastSession, balance, positions);
            }
            case SESSION:
                return new JournalRecord.Session(in.readLong(), LocalDate.ofEpochDay(in.readLong()));
            case NEW_ORDER: {
                String orderId = in.readUTF();
                String symbol = in.readUTF();
                Exchange exchange = enumOf(Exchange.class, in.readUTF());
                OrderType orderType = enumOf(OrderType.class, in.readUTF());
                String dir = in.readUTF();
                Direction direction = dir.isEmpty() ? null : enumOf(Direction.class, dir);
                Offset offset = enumOf(Offset.class, in.readUTF());
                double price = in.readDouble();
                double volume = in.readDouble();
                double traded = in.readDouble();
                Status status = enumOf(Status.class, in.readUTF());
                long millis = in.readLong();
                String reference = in.readUTF();
                return new JournalRecord.NewOrder(new OrderData(gatewayName, symbol, exchange, orderId, orderType,
                        direction, offset, price, volume, traded, status,
                        millis == Long.MIN_VALUE ? null : time(millis), reference));
            }
            case ORDER_UPDATE:
                return new JournalRecord.OrderUpdate(in.readUTF(), in.readDouble(), enumOf(Status.class, in.readUTF()),
                        time(in.readLong()));
            case TRADE: {
                String tradeId = in.readUTF();
                String orderId = in.readUTF();
                String symbol = in.readUTF();
                Exchange exchange = enumOf(Exchange.class, in.readUTF());
                Direction direction = enumOf(Direction.class, in.readUTF());
                Offset offset = enumOf(Offset.class, in.readUTF());
                double price = in.readDouble();
                double volume = in.readDouble();
                ZonedDateTime datetime = time(in.readLong());
                double commission = in.readDouble();
                long closedYesterday = in.readLong();
                return new JournalRecord.Trade(new TradeData(gatewayName, symbol, exchange, orderId, tradeId, direction,
                        offset, price, volume, datetime), commission, closedYesterday);
            }
            default:
                throw new IOException("unknown record type " + type);
        }
    }

    private static ZonedDateTime time(long millis) {
        return Instant.ofEpochMilli(millis).atZone(CHINA);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) throws IOException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + name + "' is not a " + type.getSimpleName(), e);
        }
    }
}
