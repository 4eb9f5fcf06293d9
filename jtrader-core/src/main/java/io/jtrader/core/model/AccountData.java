package io.jtrader.core.model;

/**
 * Funds of one account (vn.py {@code AccountData}). vn.py derives {@code available = balance - frozen}; a broker
 * may report a different figure (CTP's {@code Available}), so it is kept as reported.
 */
public record AccountData(String gatewayName, String accountId, double balance, double frozen, double available)
        implements BaseData {

    public AccountData {
        Checks.required(gatewayName, "AccountData", "gatewayName");
        Checks.requiredText(accountId, "AccountData", "accountId");
        Checks.finite(balance, "AccountData", "balance");
        Checks.finite(frozen, "AccountData", "frozen");
        Checks.finite(available, "AccountData", "available");
    }

    /** An account whose available funds are {@code balance - frozen}, as vn.py computes them. */
    public AccountData(String gatewayName, String accountId, double balance, double frozen) {
        this(gatewayName, accountId, balance, frozen, balance - frozen);
    }

    public String vtAccountId() {
        return VtIds.qualified(gatewayName, accountId);
    }

    @Override
    public AccountData withGatewayName(String gatewayName) {
        return new AccountData(gatewayName, accountId, balance, frozen, available);
    }
}
