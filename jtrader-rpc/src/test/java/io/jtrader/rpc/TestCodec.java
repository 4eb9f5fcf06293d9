package io.jtrader.rpc;

import io.jtrader.rpc.pickle.PyTuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small tagged binary codec for transport tests, independent of the pickle codec: None, bool, int (long),
 * float, str, bytes, list, tuple, dict. Anything else fails to encode; unknown tags or truncation fail to decode.
 */
final class TestCodec implements FrameCodec {
    private static final byte MAGIC = (byte) 0xA5;

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte('N');
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? 'T' : 'F');
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeByte('I');
            out.writeLong(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.writeByte('D');
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte('S');
            out.writeUTF(s);
        } else if (value instanceof byte[] b) {
            out.writeByte('B');
            out.writeInt(b.length);
            out.write(b);
        } else if (value instanceof PyTuple t) {
            out.writeByte('U');
            out.writeInt(t.size());
            for (Object item : t.asList()) {
                write(out, item);
            }
        } else if (value instanceof List<?> list) {
            out.writeByte('L');
            out.writeInt(list.size());
            for (Object item : list) {
                write(out, item);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte('M');
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
        } else {
            throw new RpcEncodeException("TestCodec cannot encode " + value.getClass().getName());
        }
    }

    @Override
    public Object decode(byte[] frame) {
        if (frame.length == 0 || frame[0] != MAGIC) {
            throw new RpcDecodeException("not a test frame: " + Arrays.toString(Arrays.copyOf(frame, Math.min(4, frame.length))));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame, 1, frame.length - 1))) {
            Object value = read(in);
            if (in.available() > 0) {
                throw new RpcDecodeException(in.available() + " trailing byte(s)");
            }
            return value;
        } catch (IOException e) {
            throw new RpcDecodeException("truncated test frame: " + e, e);
        }
    }

    private Object read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 'N': return null;
            case 'T': return Boolean.TRUE;
            case 'F': return Boolean.FALSE;
            case 'I': return in.readLong();
            case 'D': return in.readDouble();
            case 'S': return in.readUTF();
            case 'B': {
                byte[] b = new byte[checkedSize(in.readInt(), in)];
                in.readFully(b);
                return b;
            }
            case 'U':
            case 'L': {
                int n = checkedSize(in.readInt(), in);
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return tag == 'U' ? PyTuple.copyOf(items) : items;
            }
            case 'M': {
                int n = checkedSize(in.readInt(), in);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(read(in), read(in));
                }
                return map;
            }
            default:
                throw new RpcDecodeException("unknown tag " + tag);
        }
    }

    private static int checkedSize(int n, DataInputStream in) throws IOException {
        if (n < 0 || n > in.available()) {
            throw new RpcDecodeException("length " + n + " exceeds the frame");
        }
        return n;
    }
}
