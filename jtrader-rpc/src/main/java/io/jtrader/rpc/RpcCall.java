package io.jtrader.rpc;

import io.jtrader.rpc.pickle.PyTuple;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request as a function sees it: {@code name(*args, **kwargs)} from {@link #caller()}.
 * The argument helpers fail with {@link RpcCallException} {@code TypeError}s worded like Python's, so a
 * vn.py client sees the error it would see from a vn.py server.
 */
public final class RpcCall {
    private final String function;
    private final PyTuple args;
    private final Map<String, Object> kwargs;
    private final RpcCaller caller;

    public RpcCall(String function, PyTuple args, Map<String, Object> kwargs, RpcCaller caller) {
        this.function = Objects.requireNonNull(function, "function");
        this.args = args == null ? PyTuple.of() : args;
        this.kwargs = kwargs == null || kwargs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    public String function() {
        return function;
    }

    /** Positional arguments, as sent. */
    public PyTuple args() {
        return args;
    }

    /** Keyword arguments, as sent (unmodifiable; values may be null for Python's None). */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    public RpcCaller caller() {
        return caller;
    }

    public int argCount() {
        return args.size();
    }

    /** Requires exactly {@code count} positional arguments and no keyword arguments. */
    public RpcCall expectArgs(int count) {
        return expectArgs(count, count).expectKwargs(Set.of());
    }

    /** Requires between {@code min} and {@code max} positional arguments. */
    public RpcCall expectArgs(int min, int max) {
        int given = args.size();
        if (given < min) {
            int missing = min - given;
            throw RpcCallException.typeError(function + "() missing " + missing + " required positional argument"
                    + (missing == 1 ? "" : "s"));
        }
        if (given > max) {
            String takes = min == max ? String.valueOf(max) : "from " + min + " to " + max;
            throw RpcCallException.typeError(function + "() takes " + takes + " positional argument"
                    + (max == 1 && min == max ? "" : "s") + " but " + given + (given == 1 ? " was" : " were") + " given");
        }
        return this;
    }

    /** Requires every keyword argument to be one of {@code allowed}. */
    public RpcCall expectKwargs(Set<String> allowed) {
        for (String name : kwargs.keySet()) {
            if (!allowed.contains(name)) {
                throw RpcCallException.typeError(function + "() got an unexpected keyword argument " + PythonText.repr(name));
            }
        }
        return this;
    }

    /**
     * Positional argument {@code index} (0-based) as {@code type}. Ints are accepted for {@link Double}
     * (vn.py floats can arrive as ints); {@code null} (None) is returned as is.
     */
    public <T> T arg(int index, Class<T> type) {
        if (index < 0 || index >= args.size()) {
            throw RpcCallException.typeError(function + "() missing required positional argument " + (index + 1));
        }
        return convert(args.get(index), type, "argument " + (index + 1));
    }

    /** Like {@link #arg(int, Class)} but None is refused too. */
    public <T> T requiredArg(int index, Class<T> type) {
        T value = arg(index, type);
        if (value == null) {
            throw RpcCallException.typeError(function + "() argument " + (index + 1) + " must be "
                    + PythonText.typeName(type) + ", not NoneType");
        }
        return value;
    }

    /** Keyword argument {@code name} as {@code type}, or {@code defaultValue} when it was not sent. */
    public <T> T kwarg(String name, Class<T> type, T defaultValue) {
        if (!kwargs.containsKey(name)) {
            return defaultValue;
        }
        return convert(kwargs.get(name), type, "argument " + PythonText.repr(name));
    }

    private <T> T convert(Object value, Class<T> type, String what) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        boolean integral = value instanceof Long || value instanceof Integer || value instanceof BigInteger;
        if (type == Double.class && integral) {
            return type.cast(((Number) value).doubleValue());
        }
        if (type == Long.class && value instanceof Integer i) {
            return type.cast(i.longValue());
        }
        if (type == Integer.class && value instanceof Long l && l == l.intValue()) {
            return type.cast(l.intValue());
        }
        throw RpcCallException.typeError(function + "() " + what + " must be " + PythonText.typeName(type)
                + ", not " + PythonText.typeName(value));
    }

    @Override
    public String toString() {
        return function + args + (kwargs.isEmpty() ? "" : " " + kwargs) + " from " + caller;
    }
}
