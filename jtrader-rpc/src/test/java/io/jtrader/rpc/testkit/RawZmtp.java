package io.jtrader.rpc.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hostile peers at the transport level: raw TCP bytes and hand-made ZMTP 3.0 pieces (for this and other modules' tests). */
public final class RawZmtp {
    private RawZmtp() {
    }

    /**
     * Writes {@code chunks} on a plain TCP connection to a {@code tcp://host:port} endpoint on loopback and resets it
     * (the server may hang up first: the hostile peer is then gone, as intended).
     */
    public static void send(String endpoint, byte[]... chunks) throws IOException {
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            for (byte[] chunk : chunks) {
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    /** A ZMTP 3.0 greeting with the given version and mechanism (64 bytes). */
    public static byte[] greeting(int major, String mechanism) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) major).put((byte) 0);
        byte[] mech = mechanism.getBytes(StandardCharsets.US_ASCII);
        b.put(mech, 0, Math.min(20, mech.length));
        return b.array();
    }

    /** The NULL mechanism's READY command of a DEALER. */
    public static byte[] dealerReady() {
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = "DEALER".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(6 + 1 + name.length + 4 + value.length);
        body.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII)).put((byte) name.length).put(name)
                .putInt(value.length).put(value);
        ByteBuffer frame = ByteBuffer.allocate(2 + body.capacity());
        frame.put((byte) 0x04).put((byte) body.capacity()).put(body.array());
        return frame.array();
    }

    /** A message frame header declaring {@code size} bytes (long form), followed by a few bytes only. */
    public static byte[] hugeFrameHeader(long size) {
        return ByteBuffer.allocate(9 + 16).put((byte) 0x02).putLong(size).put(new byte[16]).array();
    }
}
