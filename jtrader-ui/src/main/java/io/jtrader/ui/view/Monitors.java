package io.jtrader.ui.view;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.ui.viewmodel.Messages;
import io.jtrader.ui.viewmodel.MonitorsViewModel;
import io.jtrader.ui.viewmodel.PriceFormat;
import io.jtrader.ui.viewmodel.UiLanguage;
import io.jtrader.ui.widget.MonitorTable;
import javafx.collections.ObservableList;
import javafx.scene.control.TableView;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** The monitor tables of the main window, built on {@link MonitorsViewModel}'s rows. */
final class Monitors {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Messages m;
    private final MonitorsViewModel vm;

    Monitors(Messages messages, MonitorsViewModel viewModel) {
        this.m = messages;
        this.vm = viewModel;
    }

    TableView<TickData> ticks() {
        return new MonitorTable<>("ticks", vm.ticks())
                .text(m.get("col.symbol"), TickData::symbol)
                .text(m.get("col.exchange"), t -> t.exchange().value())
                .text(m.get("col.name"), TickData::name)
                .number(m.get("col.lastPrice"), t -> price(t.vtSymbol(), t.lastPrice()))
                .number(m.get("col.volume"), t -> PriceFormat.volume(t.volume()))
                .number(m.get("col.openPrice"), t -> price(t.vtSymbol(), t.openPrice()))
                .number(m.get("col.highPrice"), t -> price(t.vtSymbol(), t.highPrice()))
                .number(m.get("col.lowPrice"), t -> price(t.vtSymbol(), t.lowPrice()))
                .styled(m.get("col.bidPrice1"), t -> price(t.vtSymbol(), t.bidPrice1()), t -> "long", true)
                .number(m.get("col.bidVolume1"), t -> PriceFormat.volume(t.bidVolume1()))
                .styled(m.get("col.askPrice1"), t -> price(t.vtSymbol(), t.askPrice1()), t -> "short", true)
                .number(m.get("col.askVolume1"), t -> PriceFormat.volume(t.askVolume1()))
                .text(m.get("col.time"), t -> time(t.datetime()))
                .text(m.get("col.gateway"), TickData::gatewayName)
                .table();
    }

    TableView<OrderData> orders(String id, ObservableList<OrderData> rows) {
        return new MonitorTable<>(id, rows)
                .wide(m.get("col.orderId"), OrderData::orderId, 150)
                .text(m.get("col.reference"), OrderData::reference)
                .text(m.get("col.symbol"), OrderData::symbol)
                .text(m.get("col.exchange"), o -> o.exchange().value())
                .text(m.get("col.type"), o -> local(o.type().value(), o.type().englishValue()))
                .styled(m.get("col.direction"), o -> EnumTexts.direction(m, o.direction()),
                        o -> EnumTexts.directionStyle(o.direction()), false)
                .text(m.get("col.offset"), o -> EnumTexts.offset(m, o.offset()))
                .number(m.get("col.price"), o -> price(o.vtSymbol(), o.price()))
                .number(m.get("col.totalVolume"), o -> PriceFormat.volume(o.volume()))
                .number(m.get("col.traded"), o -> PriceFormat.volume(o.traded()))
                .text(m.get("col.status"), o -> EnumTexts.status(m, o.status()))
                .text(m.get("col.time"), o -> time(o.datetime()))
                .text(m.get("col.gateway"), OrderData::gatewayName)
                .table();
    }

    TableView<TradeData> trades() {
        return new MonitorTable<>("trades", vm.trades())
                .wide(m.get("col.tradeId"), TradeData::tradeId, 150)
                .wide(m.get("col.orderId"), TradeData::orderId, 150)
                .text(m.get("col.symbol"), TradeData::symbol)
                .text(m.get("col.exchange"), t -> t.exchange().value())
                .styled(m.get("col.direction"), t -> EnumTexts.direction(m, t.direction()),
                        t -> EnumTexts.directionStyle(t.direction()), false)
                .text(m.get("col.offset"), t -> EnumTexts.offset(m, t.offset()))
                .number(m.get("col.price"), t -> price(t.vtSymbol(), t.price()))
                .number(m.get("col.quantity"), t -> PriceFormat.volume(t.volume()))
                .text(m.get("col.time"), t -> time(t.datetime()))
                .text(m.get("col.gateway"), TradeData::gatewayName)
                .table();
    }

    TableView<PositionData> positions() {
        return new MonitorTable<>("positions", vm.positions())
                .text(m.get("col.symbol"), PositionData::symbol)
                .text(m.get("col.exchange"), p -> p.exchange().value())
                .styled(m.get("col.direction"), p -> EnumTexts.direction(m, p.direction()),
                        p -> EnumTexts.directionStyle(p.direction()), false)
                .number(m.get("col.quantity"), p -> PriceFormat.volume(p.volume()))
                .number(m.get("col.ydVolume"), p -> PriceFormat.volume(p.ydVolume()))
                .number(m.get("col.frozen"), p -> PriceFormat.volume(p.frozen()))
                .number(m.get("col.positionPrice"), p -> price(p.vtSymbol(), p.price()))
                .styled(m.get("col.pnl"), p -> PriceFormat.money(p.pnl()), p -> EnumTexts.pnlStyle(p.pnl()), true)
                .text(m.get("col.gateway"), PositionData::gatewayName)
                .table();
    }

    TableView<AccountData> accounts() {
        return new MonitorTable<>("accounts", vm.accounts())
                .text(m.get("col.accountId"), AccountData::accountId)
                .number(m.get("col.balance"), a -> PriceFormat.money(a.balance()))
                .number(m.get("col.frozen"), a -> PriceFormat.money(a.frozen()))
                .number(m.get("col.available"), a -> PriceFormat.money(a.available()))
                .text(m.get("col.gateway"), AccountData::gatewayName)
                .table();
    }

    TableView<LogData> logs() {
        return new MonitorTable<>("logs", vm.logs())
                .text(m.get("col.time"), l -> time(l.time()))
                .wide(m.get("col.message"), LogData::msg, 640)
                .text(m.get("col.gateway"), LogData::gatewayName)
                .table();
    }

    TableView<ContractData> contracts(ObservableList<ContractData> rows) {
        return new MonitorTable<>("contracts", rows)
                .text(m.get("col.symbol"), ContractData::symbol)
                .text(m.get("col.exchange"), c -> c.exchange().value())
                .text(m.get("col.name"), ContractData::name)
                .text(m.get("col.product"), c -> local(c.product().value(), c.product().englishValue()))
                .number(m.get("col.size"), c -> PriceFormat.volume(c.size()))
                .number(m.get("col.pricetick"), c -> PriceFormat.format(c.pricetick(), c.pricetick()))
                .number(m.get("col.minVolume"), c -> PriceFormat.volume(c.minVolume()))
                .text(m.get("col.gateway"), ContractData::gatewayName)
                .table();
    }

    private String price(String vtSymbol, double price) {
        return vm.formatPrice(vtSymbol, price);
    }

    private String local(String chinese, String english) {
        return m.language() == UiLanguage.CHINESE ? chinese : english;
    }

    private static String time(TemporalAccessor t) {
        return t == null ? "" : TIME.format(t);
    }
}
