package io.jtrader.sim.exchange;

import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.TradeData;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final CRC32C crc = new CRC32C();

    /** Appends one framed record to {@code target}, growing it as needed; returns the (possibly new) buffer. */
    public ByteBuffer encode(JournalRecord record, ByteBuffer target) {
        bytes.reset();
        try {
            writePayload(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode journal record " + record, e);
        }
        int length = bytes.size();
        byte[] payload = bytes.toByteArray();
        crc.reset();
        crc.update(payload, 0, length);
        ByteBuffer buf = target;
        if (buf.remaining() < HEADER_BYTES + length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + HEADER_BYTES + length));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        buf.putInt(length).putInt((int) crc.getValue()).put(payload, 0, length);
        return buf;
    }

    private void writePayload(JournalRecord record) throws IOException {
        if (record instanceof JournalRecord.Snapshot s) {
            out.writeByte(SNAPSHOT);
            out.writeLong(s.tradingDay().toEpochDay());
            out.writeLong(s.lastSessionId());
            out.writeDouble(s.staticBalance());
            out.writeInt(s.positions().size());
            for (JournalRecord.PositionSnapshot p : s.positions()) {
                out.writeUTF(p.vtSymbol());
                out.writeUTF(p.direction().name());
                out.writeLong(p.ydVolume());
                out.writeLong(p.tdVolume());
                out.writeDouble(p.cost());
            }
        } else if (record instanceof JournalRecord.Session s) {
            out.writeByte(SESSION);
            out.writeLong(s.sessionId());
            out.writeLong(s.tradingDay().toEpochDay());
        } else if (record instanceof JournalRecord.NewOrder n) {
            OrderData o = n.order();
            out.writeByte(NEW_ORDER);
            out.writeUTF(o.orderId());
            out.writeUTF(o.symbol());
            out.writeUTF(o.exchange().name());
            out.writeUTF(o.type().name());
            out.writeUTF(o.direction() == null ? "" : o.direction().name());
            out.writeUTF(o.offset().name());
            out.writeDouble(o.price());
            out.writeDouble(o.volume());
            out.writeDouble(o.traded());
            out.writeUTF(o.status().name());
            out.writeLong(o.datetime() == null ? Long.MIN_VALUE : o.datetime().toInstant().toEpochMilli());
            out.writeUTF(o.reference());
        } else if (record instanceof JournalRecord.OrderUpdate u) {
            out.writeByte(ORDER_UPDATE);
            out.writeUTF(u.orderId());
            out.writeDouble(u.traded());
            out.writeUTF(u.status().name());
            out.writeLong(u.datetime().toInstant().toEpochMilli());
        } else if (record instanceof JournalRecord.Trade t) {
            TradeData d = t.trade();
            out.writeByte(TRADE);
            out.writeUTF(d.tradeId());
            out.writeUTF(d.orderId());
            out.writeUTF(d.symbol());
            out.writeUTF(d.exchange().name());
            out.writeUTF(d.direction().name());
            out.writeUTF(d.offset().name());
            out.writeDouble(d.price());
            out.writeDouble(d.volume());
            out.writeLong(d.datetime().toInstant().toEpochMilli());
            out.writeDouble(t.commission());
            out.writeLong(t.closedYesterday());
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
