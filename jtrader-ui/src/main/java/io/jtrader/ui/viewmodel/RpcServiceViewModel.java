package io.jtrader.ui.viewmodel;

import io.jtrader.core.event.EndOfBatchHandler;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventEngine;
import io.jtrader.core.event.EventHandler;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.LogData;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The RPC service window (vn.py's {@code RpcManager}): request and publish addresses (editable; saved by the
 * service when it starts), Start and Stop, the state, the connected clients when known, and the service's
 * {@code eRpcLog} lines as {@code time<TAB>message}.
 *
 * <p>Threading: the {@code eRpcLog} handler runs on {@code event-engine} and hands lines to the UI executor once
 * per batch; start and stop run on the command executor; everything observable is UI-thread only.
 */
public final class RpcServiceViewModel implements EventHandler, EndOfBatchHandler, AutoCloseable {
    /** Log lines kept in the window. */
    public static final int MAX_LOG_LINES = 2_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Messages messages;
    private final RpcServiceControl service;
    private final Executor commandExecutor;
    private final Executor uiExecutor;
    private EventEngine registeredOn;

    private final StringProperty repAddress = new SimpleStringProperty(this, "repAddress", "");
    private final StringProperty pubAddress = new SimpleStringProperty(this, "pubAddress", "");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper clients = new ReadOnlyStringWrapper(this, "clients", "");
    private final ObservableList<String> logLines = FXCollections.observableArrayList();

    private final Object lock = new Object();
    private List<String> pendingLines = new ArrayList<>();
    private final AtomicBoolean applyQueued = new AtomicBoolean();

    public RpcServiceViewModel(Messages messages, RpcServiceControl service, Executor commandExecutor,
            Executor uiExecutor) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.service = Objects.requireNonNull(service, "service");
        this.commandExecutor = Objects.requireNonNull(commandExecutor, "commandExecutor");
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
        repAddress.set(service.repAddress());
        pubAddress.set(service.pubAddress());
        refreshState();
    }

    /** Listens to {@code eRpcLog} on {@code eventEngine}. */
    public RpcServiceViewModel attach(EventEngine eventEngine) {
        if (registeredOn != null) {
            throw new IllegalStateException("the RPC service window is already attached to an event engine");
        }
        registeredOn = eventEngine;
        eventEngine.register(EventType.RPC_LOG, this);
        eventEngine.registerEndOfBatch(this);
        return this;
    }

    @Override
    public void close() {
        EventEngine engine = registeredOn;
        if (engine != null) {
            engine.unregister(EventType.RPC_LOG, this);
            engine.unregisterEndOfBatch(this);
            registeredOn = null;
        }
    }

    // ------------------------------------------------------------------------------------ commands

    /** Starts the service with the addresses in the fields (vn.py's 启动 button). */
    public void start() {
        String rep = repAddress.get() == null ? "" : repAddress.get().trim();
        String pub = pubAddress.get() == null ? "" : pubAddress.get().trim();
        if (rep.isEmpty() || pub.isEmpty()) {
            appendLine(LocalDateTime.now(), messages.get("rpc.error.addressRequired"));
            return;
        }
        runCommand(() -> service.start(rep, pub), "rpc.error.startFailed");
    }

    /** Stops the service (vn.py's 停止 button). */
    public void stop() {
        runCommand(service::stop, "rpc.error.stopFailed");
    }

    /**
     * Runs a start/stop on the command executor (it may block on sockets), then, on the UI executor, clears
     * {@code busy}, logs a failure with the message {@code failureKey} and refreshes the state.
     */
    private void runCommand(Runnable command, String failureKey) {
        busy.set(true);
        commandExecutor.execute(() -> {
            String failure = null;
            try {
                command.run();
            } catch (RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String problem = failure;
            uiExecutor.execute(() -> {
                busy.set(false);
                if (problem != null) {
                    appendLine(LocalDateTime.now(), messages.format(failureKey, problem));
                }
                refreshState();
            });
        });
    }

    /** Reads the service's state again (after start/stop, and on the window's timer for the clients count). */
    public void refreshState() {
        boolean isActive = service.isActive();
        active.set(isActive);
        state.set(isActive
                ? messages.format("rpc.state.running", service.boundRepEndpoint(), service.boundPubEndpoint())
                : messages.get("rpc.state.stopped"));
        OptionalInt count = service.connectedClients();
        clients.set(count.isPresent() ? Integer.toString(count.getAsInt()) : messages.get("rpc.clients.unknown"));
    }

    // ------------------------------------------------------------------------------------ eRpcLog

    @Override
    public void onEvent(Event event) {
        if (event.data() instanceof LogData log) {
            synchronized (lock) {
                pendingLines.add(log.time().format(TIME) + "\t" + log.msg());
            }
        }
    }

    @Override
    public void onEndOfBatch(int batchSize) {
        synchronized (lock) {
            if (pendingLines.isEmpty()) {
                return;
            }
        }
        if (applyQueued.compareAndSet(false, true)) {
            uiExecutor.execute(this::applyLines);
        }
    }

    private void applyLines() {
        applyQueued.set(false);
        List<String> lines;
        synchronized (lock) {
            lines = pendingLines;
            pendingLines = new ArrayList<>();
        }
        lines.forEach(this::addLine);
        refreshState();
    }

    private void appendLine(LocalDateTime time, String msg) {
        addLine(time.format(TIME) + "\t" + msg);
    }

    private void addLine(String line) {
        if (logLines.size() >= MAX_LOG_LINES) {
            logLines.remove(0);
        }
        logLines.add(line);
    }

    // ------------------------------------------------------------------------------------ properties

    public StringProperty repAddressProperty() {
        return repAddress;
    }

    public StringProperty pubAddressProperty() {
        return pubAddress;
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** True while a start or stop is in progress (both buttons are then disabled). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clientsProperty() {
        return clients.getReadOnlyProperty();
    }

    public ObservableList<String> logLines() {
        return logLines;
    }
}
