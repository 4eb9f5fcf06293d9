package io.jtrader.rpc.pickle;

/**
 * A member of a Python enum class the type registry does not know, as sent: by value
 * ({@code Cls(value)}, {@code byName == false}) or by name ({@code getattr(Cls, 'NAME')}).
 */
public record PyEnum(String module, String name, Object valueOrName, boolean byName) {
}
