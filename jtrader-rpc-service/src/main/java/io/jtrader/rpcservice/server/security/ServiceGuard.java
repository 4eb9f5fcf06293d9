package io.jtrader.rpcservice.server.security;

import io.jtrader.rpcservice.vnpy.KeyedOrderRequest;
import io.jtrader.rpcservice.vnpy.Reliability;
import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.event.Event;
import io.jtrader.core.event.EventType;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.Status;
import io.jtrader.rpc.RpcCall;
import io.jtrader.rpc.RpcCallException;
import io.jtrader.rpc.RpcCaller;
import io.jtrader.rpc.RpcFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands between the RPC server and the main engine: who may call what ({@link Role}s from the
 * {@link ClientAllowList}), pre-trade risk checks ({@link RiskManager}) and the {@link AuditLog}.
 *
 * <ul>
 *   <li>Every served function is wrapped by {@link #wrap(String, RpcFunction)}. A call the caller's role does not
 *       allow is answered {@code [False, "...PermissionError: ..."]} and never reaches the main engine.</li>
 *   <li>{@code send_order} passes the risk checks first; a refused order never reaches a gateway: it becomes a
 *       REJECTED {@link OrderData} (order id {@code riskN}, published like any order event) whose vt_orderid is the
 *       call's result, and an {@code eLog} from {@value #LOG_SOURCE} names the rule.</li>
 *   <li>{@code cancel_order} by a {@code trade} client is refused for orders it did not send itself; a cancel over
 *       {@code max_cancels_per_day} is answered {@code [False, "...RiskRefused: risk rule max_cancels_per_day: ..."]}.</li>
 *   <li>{@value #KILL_SWITCH_FUNCTION}{@code (on: bool, cancel_all: bool = False)} (admin only) turns the kill switch
 *       on or off and can cancel every active order; it returns {@code {"kill_switch": bool, "cancelled": [ids]}}.</li>
 * </ul>
 *
 * <p>Identity: a client of a CurveZMQ server is its public key ({@code key:<Z85>}); a client of a server without
 * CURVE (loopback, or {@code --insecure}) is {@code local:<routing id>} and an admin, as every vn.py client is.
 *
 * <p>Threading: safe from any thread; functions run on the RPC server's workers.
 */
public final class ServiceGuard {
    public static final String LOG_SOURCE = "RiskManager";
    public static final String KILL_SWITCH_FUNCTION = "kill_switch";
    public static final Set<String> TRADING_FUNCTIONS = Set.of("send_order", "cancel_order", KILL_SWITCH_FUNCTION);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceGuard.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Who is calling: {@code id} for rate limits, ownership and audit; {@code name} from the allow-list. */
    public record Identity(String id, String name, Role role) {
    }

    private final MainEngine mainEngine;
    private final RiskManager risk;
    private final AuditLog audit;
    private volatile ClientAllowList allowList;
    private volatile Function<String, String> placedOrders = key -> null;
    private final Map<String, String> orderOwners = new ConcurrentHashMap<>();
    private final AtomicLong nextRejectId = new AtomicLong();
    private final AtomicLong riskRejections = new AtomicLong();
    private final AtomicLong permissionRefusals = new AtomicLong();
    private final String rejectPrefix = "risk" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + "x";

    /**
     * @param audit null = no audit log
     */
    public ServiceGuard(MainEngine mainEngine, RiskManager risk, AuditLog audit) {
        this.mainEngine = Objects.requireNonNull(mainEngine, "mainEngine");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.audit = audit;
    }

    /**
     * How to look up the order an idempotency key placed before (the engine's key journal), so that a retried
     * keyed send_order returns the original without being counted or refused by the risk rules again.
     */
    public void placedOrders(Function<String, String> lookup) {
        this.placedOrders = Objects.requireNonNull(lookup, "lookup");
    }

    /** The allow-list of a CurveZMQ server, or null when the server runs without CURVE (everyone local is admin). */
    public void allowList(ClientAllowList allowList) {
        this.allowList = allowList;
    }

    public RiskManager risk() {
        return risk;
    }

    public AuditLog audit() {
        return audit;
    }

    public long riskRejections() {
        return riskRejections.get();
    }

    public long permissionRefusals() {
        return permissionRefusals.get();
    }

    /**
     * The role a function needs: {@code read} for queries and the reliability extensions' sequence and replay
     * calls, {@code trade} to send and cancel, else {@code admin}.
     */
    public static Role requiredRole(String function) {
        if (function.equals("send_order") || function.equals("cancel_order")) {
            return Role.TRADE;
        }
        if (function.equals("subscribe") || function.startsWith("get_") || function.startsWith("query_")
                || function.equals(Reliability.LAST_SEQUENCE_FUNCTION) || function.equals(Reliability.REPLAY_FUNCTION)) {
            return Role.READ;
        }
        return Role.ADMIN;
    }

    /** {@code function} behind the role check, and for trading functions the risk checks and the audit log. */
    public RpcFunction wrap(String name, RpcFunction function) {
        Role required = requiredRole(name);
        boolean trading = TRADING_FUNCTIONS.contains(name);
        return call -> {
            Identity who = identify(call.caller());
            if (!who.role().allows(required)) {
                permissionRefusals.incrementAndGet();
                String message = name + "() needs the '" + required.key() + "' role; client " + who.name()
                        + " has '" + who.role().key() + "'";
                audit(who, call, "refused", message, trading);
                throw new RpcCallException("PermissionError", message);
            }
            if (!trading) {
                return function.call(call);
            }
            try {
                Object result;
                if (name.equals("send_order")) {
                    result = sendOrder(who, call, function);
                } else if (name.equals("cancel_order")) {
                    result = cancelOrder(who, call, function);
                } else {
                    result = function.call(call);
                    audit(who, call, "ok", result, true);
                }
                return result;
            } catch (GuardRefusal refusal) {
                audit(who, call, refusal.outcome, refusal.getMessage(), true);
                throw new RpcCallException(refusal.pythonType, refusal.getMessage());
            } catch (RuntimeException e) {
                audit(who, call, "error", e.getClass().getSimpleName() + ": " + e.getMessage(), true);
                throw e;
            } catch (Exception e) {
                audit(who, call, "error", e.getClass().getSimpleName() + ": " + e.getMessage(), true);
                throw e;
            }
        };
    }

    /** The admin function {@value #KILL_SWITCH_FUNCTION}(on, cancel_all=False); register it wrapped. */
    public Object killSwitch(RpcCall call) {
        call.expectArgs(1, 2).expectKwargs(Set.of("cancel_all"));
        boolean on = call.requiredArg(0, Boolean.class);
        boolean cancelAll = call.argCount() == 2 ? call.requiredArg(1, Boolean.class)
                : call.kwarg("cancel_all", Boolean.class, Boolean.FALSE);
        risk.killSwitch(on);
        List<String> cancelled = new ArrayList<>();
        if (cancelAll) {
            for (OrderData order : mainEngine.oms().getAllActiveOrders()) {
                mainEngine.cancelOrder(order.createCancelRequest(), order.gatewayName());
                cancelled.add(order.vtOrderId());
            }
        }
        String msg = "kill switch " + (on ? "ON: new orders are rejected" : "OFF: orders are accepted again")
                + (cancelAll ? "; cancel requested for " + cancelled.size() + " active order(s)" : "")
                + " (by " + identify(call.caller()).name() + ")";
        LOG.warn(msg);
        mainEngine.writeLog(msg, LOG_SOURCE, LogData.WARNING);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kill_switch", on);
        result.put("cancelled", cancelled);
        return result;
    }

    /** The caller's identity and role; refuses a caller whose key is not (or no longer) on the allow-list. */
    public Identity identify(RpcCaller caller) {
        String key = caller.clientKey();
        ClientAllowList list = allowList;
        if (key == null) {
            if (list != null) {
                permissionRefusals.incrementAndGet();
                throw new RpcCallException("PermissionError", "this server requires CurveZMQ client keys");
            }
            return new Identity("local:" + caller.routingIdHex(), "local:" + caller.routingIdHex(), Role.ADMIN);
        }
        ClientAllowList.Entry entry = list == null ? null : list.lookup(key);
        if (entry == null) {
            permissionRefusals.incrementAndGet();
            throw new RpcCallException("PermissionError", "client key " + key + " is not (or no longer) on the"
                    + " allow-list" + (list == null ? "" : " " + list.file()));
        }
        return new Identity("key:" + key, entry.name(), entry.role());
    }

    private Object sendOrder(Identity who, RpcCall call, RpcFunction function) throws Exception {
        call.expectArgs(2);
        KeyedOrderRequest keyed = call.args().get(0) instanceof KeyedOrderRequest k ? k : null;
        OrderRequest request = keyed != null ? keyed.request() : call.requiredArg(0, OrderRequest.class);
        String gatewayName = call.arg(1, String.class);
        if (keyed != null && keyed.idempotencyKey() != null && placedOrders.apply(keyed.idempotencyKey()) != null) {
            // A retry of an order its key placed before: the engine answers the original id and places nothing.
            Object result = function.call(call);
            audit(who, call, "ok", result, true);
            return result;
        }
        RiskManager.Refusal refusal = risk.checkOrder(who.id(), request, System.nanoTime());
        if (refusal != null) {
            String vtOrderId = reject(who, request, gatewayName, refusal);
            audit(who, call, "rejected", Map.of("vt_orderid", vtOrderId, "rule", refusal.rule(),
                    "reason", refusal.message()), true);
            return vtOrderId;
        }
        Object result = function.call(call);
        if (who.role() != Role.ADMIN && result instanceof String vtOrderId && !vtOrderId.isEmpty()) {
            orderOwners.put(vtOrderId, who.id());
        }
        audit(who, call, "ok", result, true);
        return result;
    }

    private Object cancelOrder(Identity who, RpcCall call, RpcFunction function) throws Exception {
        call.expectArgs(2);
        CancelRequest request = call.requiredArg(0, CancelRequest.class);
        String gatewayName = call.arg(1, String.class);
        if (who.role() != Role.ADMIN) {
            String vtOrderId = (gatewayName == null ? "" : gatewayName) + "." + request.orderId();
            if (!who.id().equals(orderOwners.get(vtOrderId))) {
                permissionRefusals.incrementAndGet();
                throw new GuardRefusal("refused", "PermissionError", "cancel_order(" + vtOrderId + "): a '"
                        + who.role().key() + "' client may cancel only orders it sent itself");
            }
        }
        RiskManager.Refusal refusal = risk.checkCancel();
        if (refusal != null) {
            riskRejections.incrementAndGet();
            logRefusal(who, refusal, "cancel " + request.orderId());
            throw new GuardRefusal("rejected", "RiskRefused", refusal.toString());
        }
        Object result = function.call(call);
        audit(who, call, "ok", result, true);
        return result;
    }

    /** The refused order as a REJECTED order event (never sent to a gateway); returns its vt_orderid. */
    private String reject(Identity who, OrderRequest request, String gatewayName, RiskManager.Refusal refusal) {
        riskRejections.incrementAndGet();
        String gateway = gatewayName == null || gatewayName.isBlank() ? LOG_SOURCE : gatewayName;
        String orderId = rejectPrefix + nextRejectId.incrementAndGet();
        ZonedDateTime now = ZonedDateTime.now(CHINA);
        OrderData order = request.createOrderData(orderId, gateway, now).withStatus(Status.REJECTED, now);
        logRefusal(who, refusal, "order " + order.vtOrderId() + " " + request.direction() + " "
                + request.volume() + " " + request.vtSymbol());
        mainEngine.eventEngine().put(new Event(EventType.ORDER, order));
        mainEngine.eventEngine().put(new Event(EventType.orderOf(order.vtOrderId()), order));
        return order.vtOrderId();
    }

    private void logRefusal(Identity who, RiskManager.Refusal refusal, String what) {
        String msg = "风控拒单 REJECTED " + what + " from " + who.name() + ": " + refusal;
        LOG.warn(msg);
        mainEngine.writeLog(msg, LOG_SOURCE, LogData.WARNING);
    }

    private void audit(Identity who, RpcCall call, String outcome, Object result, boolean trading) {
        if (audit == null || !trading) {
            return;
        }
        List<Object> args = new ArrayList<>(call.args().asList());
        if (!call.kwargs().isEmpty()) {
            args.add(call.kwargs());
        }
        audit.write(who.id(), who.name(), who.role(), call.function(), args, outcome, result);
    }

    /** A refusal decided here, audited with {@code outcome} and answered with {@code pythonType}. */
    private static final class GuardRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String outcome;
        final String pythonType;

        GuardRefusal(String outcome, String pythonType, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
            this.pythonType = pythonType;
        }
    }
}
