package io.jtrader.rpc.internal;

import io.jtrader.rpc.security.ClientAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ZeroMQ's authentication protocol (ZAP, RFC 27) for one server context: a REP socket on
 * {@code inproc://zeromq.zap.01} that answers each CURVE handshake with 200 (the client's Z85 public key becomes
 * the connection's User-Id, readable on every message it sends) or 400 (refused; the client's handshake fails).
 * Any other mechanism than CURVE is refused. The socket is bound by the constructor, before the server binds
 * its own sockets, so no connection is ever accepted without an answer from here.
 *
 * <p>Threading: constructed on the thread that binds the server; from {@link #start()} on, the {@code rpc-zap}
 * thread alone owns the socket and closes it when {@link #stop()} is called.
 */
public final class ZapHandler implements Runnable {
    public static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";
    private static final Logger LOG = LoggerFactory.getLogger(ZapHandler.class);
    private static final long POLL_MS = 100;

    private final ZMQ.Socket socket;
    private final ClientAuthenticator authenticator;
    private final Thread thread;
    private final AtomicLong admitted;
    private final AtomicLong refused;
    private volatile boolean stopRequested;

    public ZapHandler(ZContext zmq, ClientAuthenticator authenticator, AtomicLong admitted, AtomicLong refused) {
        this.authenticator = authenticator;
        this.admitted = admitted;
        this.refused = refused;
        this.socket = zmq.createSocket(SocketType.REP);
        this.socket.setLinger(0);
        this.socket.setReceiveTimeOut((int) POLL_MS);
        this.socket.bind(ZAP_ENDPOINT);
        this.thread = new Thread(this, "rpc-zap");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the thread and waits for it to close the socket (bounded). */
    public void stop() {
        stopRequested = true;
        try {
            thread.join(POLL_MS * 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("rpc-zap thread did not stop within {} ms", POLL_MS * 20);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopRequested) {
                List<byte[]> request = receive();
                if (request != null) {
                    answer(request);
                }
            }
        } catch (RuntimeException e) {
            if (!stopRequested) {
                LOG.error("rpc-zap thread failed: new CurveZMQ connections can no longer be admitted", e);
            }
        } finally {
            socket.close();
        }
    }

    private List<byte[]> receive() {
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(7);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private void answer(List<byte[]> request) {
        // [version, request id, domain, address, routing id, mechanism, credentials...]
        byte[] requestId = request.size() > 1 ? request.get(1) : new byte[0];
        if (request.size() < 6 || !"1.0".equals(text(request.get(0)))) {
            reply(requestId, "400", "malformed ZAP request", "");
            refused.incrementAndGet();
            return;
        }
        String address = text(request.get(3));
        String mechanism = text(request.get(5));
        if (!"CURVE".equals(mechanism) || request.size() < 7 || request.get(6).length != ZMQ.Curve.KEY_SIZE) {
            refused.incrementAndGet();
            LOG.warn("refused a {} connection from {}: this server admits CurveZMQ clients only", mechanism, address);
            reply(requestId, "400", "CURVE required", "");
            return;
        }
        String clientKey = ZMQ.Curve.z85Encode(request.get(6));
        String reason;
        try {
            reason = authenticator.refusalReason(clientKey, address);
        } catch (RuntimeException e) {
            reason = "the authenticator failed: " + e;
            LOG.error("client authenticator failed for key {} from {}", clientKey, address, e);
        }
        if (reason == null) {
            admitted.incrementAndGet();
            LOG.debug("admitted CurveZMQ client {} from {}", clientKey, address);
            reply(requestId, "200", "OK", clientKey);
        } else {
            refused.incrementAndGet();
            LOG.warn("refused CurveZMQ client {} from {}: {}", clientKey, address, reason);
            reply(requestId, "400", reason, "");
        }
    }

    private void reply(byte[] requestId, String status, String statusText, String userId) {
        socket.sendMore("1.0");
        socket.sendMore(requestId);
        socket.sendMore(status);
        socket.sendMore(statusText);
        socket.sendMore(userId);
        socket.send(new byte[0], 0);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
