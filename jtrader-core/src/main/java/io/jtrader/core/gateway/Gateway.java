package io.jtrader.core.gateway;

import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.QuoteRequest;
import io.jtrader.core.model.SubscribeRequest;

import java.util.List;
import java.util.Map;

/**
 * Commands into a trading interface (vn.py {@code BaseGateway}'s request side). What the interface reports
 * comes back through the {@link GatewayListener} the gateway was created with.
 *
 * <p>Every method may be called from any thread and returns promptly; outcomes (an order's fills, a reject)
 * arrive later as listener callbacks. A failure the caller must know about now is a {@link GatewayException}.
 */
public interface Gateway extends AutoCloseable {

    /** The gateway name this instance reports under, e.g. {@code SIM}, {@code RPC}. */
    String name();

    /**
     * The connect settings and their defaults, in display order, as vn.py's {@code default_setting}: each
     * value is a String, a Number, a Boolean, or a {@code List<String>} of choices (the first is the default).
     */
    Map<String, Object> defaultSettings();

    /** Exchanges this gateway can trade. */
    List<Exchange> exchanges();

    /** Connects and logs in; contracts, accounts, positions, orders and trades follow as callbacks. */
    void connect(GatewaySettings settings);

    /** Disconnects and releases threads and sockets. Idempotent. */
    @Override
    void close();

    void subscribe(SubscribeRequest request);

    /**
     * Sends an order and returns its vt_orderid ({@code NAME.localId}, exactly one dot). A refused order is
     * reported as a REJECTED order through the listener; the id is still returned.
     */
    String sendOrder(OrderRequest request);

    void cancelOrder(CancelRequest request);

    /** Sends a quote and returns its vt_quoteid; gateways without quoting refuse clearly. */
    default String sendQuote(QuoteRequest request) {
        throw new GatewayException(name() + " does not support quotes");
    }

    default void cancelQuote(CancelRequest request) {
        throw new GatewayException(name() + " does not support quotes");
    }

    /** Asks for a fresh account report (arrives as a callback). */
    void queryAccount();

    /** Asks for fresh position reports (arrive as callbacks). */
    void queryPosition();

    /**
     * Bars for the request's range; an empty list when there is none.
     *
     * @throws GatewayException for a request this gateway cannot serve (unsupported interval, unknown contract)
     */
    List<BarData> queryHistory(HistoryRequest request);
}
