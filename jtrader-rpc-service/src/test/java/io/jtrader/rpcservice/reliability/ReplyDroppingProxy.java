package io.jtrader.rpcservice.reliability;

import io.jtrader.rpc.FrameCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request/reply proxy between a client and an RPC server that drops the replies to the next N calls of one
 * function on purpose (as a lost network packet or a crashed link would). Its thread owns both sockets.
 */
final class ReplyDroppingProxy implements AutoCloseable {
    private final ZContext zmq = new ZContext();
    private final String frontEndpoint;
    private final Thread thread;
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger requestsSeen = new AtomicInteger();
    private volatile boolean running = true;

    ReplyDroppingProxy(String serverRepEndpoint, String function, FrameCodec codec) {
        ZMQ.Socket front = zmq.createSocket(SocketType.ROUTER);
        front.setLinger(0);
        front.bind("tcp://127.0.0.1:*");
        frontEndpoint = front.getLastEndpoint();
        ZMQ.Socket back = zmq.createSocket(SocketType.DEALER);
        back.setLinger(0);
        back.connect(serverRepEndpoint);
        thread = new Thread(() -> run(front, back, function, codec), "reply-dropping-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    String endpoint() {
        return frontEndpoint;
    }

    /** Drops the replies to the next {@code n} calls of the function. */
    void dropNextReplies(int n) {
        dropsLeft.set(n);
    }

    int dropped() {
        return dropped.get();
    }

    int requestsSeen() {
        return requestsSeen.get();
    }

    private void run(ZMQ.Socket front, ZMQ.Socket back, String function, FrameCodec codec) {
        Set<ByteBuffer> toDrop = new HashSet<>();
        try (ZMQ.Poller poller = zmq.createPoller(2)) {
            poller.register(front, ZMQ.Poller.POLLIN);
            poller.register(back, ZMQ.Poller.POLLIN);
            while (running && !Thread.currentThread().isInterrupted()) {
                if (poller.poll(50) <= 0) {
                    continue;
                }
                if (poller.pollin(0)) {
                    ZMsg request = ZMsg.recvMsg(front);
                    // [routing id, correlation id, "", pickle]
                    byte[] body = request.getLast().getData();
                    Object decoded = codec.decode(body);
                    if (decoded instanceof List<?> call && function.equals(call.get(0))) {
                        requestsSeen.incrementAndGet();
                        if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            toDrop.add(ByteBuffer.wrap(frameAt(request, 1)));
                        }
                    }
                    request.send(back);
                }
                if (poller.pollin(1)) {
                    ZMsg reply = ZMsg.recvMsg(back);
                    if (reply.size() >= 2 && toDrop.remove(ByteBuffer.wrap(frameAt(reply, 1)))) {
                        dropped.incrementAndGet();
                        reply.destroy();
                    } else {
                        reply.send(front);
                    }
                }
            }
        } finally {
            front.close();
            back.close();
        }
    }

    private static byte[] frameAt(ZMsg msg, int index) {
        int i = 0;
        for (org.zeromq.ZFrame frame : msg) {
            if (i++ == index) {
                return frame.getData();
            }
        }
        return new byte[0];
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        zmq.close();
    }
}
