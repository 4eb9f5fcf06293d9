package io.jtrader.rpc;

import io.jtrader.rpc.pickle.PyEnum;
import io.jtrader.rpc.pickle.PyObject;
import io.jtrader.rpc.pickle.PyTuple;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python-looking text for error replies: reprs, type names and the traceback shape vn.py clients print. */
final class PythonText {
    private PythonText() {
    }

    /** Python's {@code repr(str)}: single quotes unless the text holds a single quote and no double quote. */
    static String repr(String text) {
        if (text == null) {
            return "None";
        }
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** The Python type name a value arrives as, for {@code TypeError} texts. */
    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            return "int";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof PyTuple) {
            return "tuple";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Set) {
            return "set";
        }
        if (value instanceof PyObject o) {
            return o.name();
        }
        if (value instanceof PyEnum e) {
            return e.name();
        }
        return value.getClass().getSimpleName();
    }

    /** The Python type name a Java parameter type stands for. */
    static String typeName(Class<?> type) {
        if (type == String.class) {
            return "str";
        }
        if (type == Boolean.class) {
            return "bool";
        }
        if (type == Long.class || type == Integer.class || type == BigInteger.class) {
            return "int";
        }
        if (type == Double.class) {
            return "float";
        }
        if (type == byte[].class) {
            return "bytes";
        }
        if (type == PyTuple.class) {
            return "tuple";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "dict";
        }
        return type.getSimpleName();
    }

    /**
     * The text of a {@code [False, text]} reply: shaped like {@code traceback.format_exc()}, whose last line
     * {@code Type: message} is what vn.py clients and {@link RpcRemoteException#errorLine()} show.
     */
    static String traceback(String function, String pythonType, String message) {
        String last = message == null || message.isEmpty() ? pythonType : pythonType + ": " + message;
        return "Traceback (most recent call last):\n"
                + "  File \"jtrader-rpc\", in " + (function == null ? "<request>" : function) + "\n"
                + last + "\n";
    }
}
