package io.jtrader.rpc.pickle;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps one Python {@code enum.Enum} class to one Java enum. Python sends a member by value
 * ({@code Cls(value)}) or by name ({@code getattr(Cls, 'NAME')}); the codec always writes by name.
 * Implementations must be thread-safe.
 *
 * @param <E> the Java enum
 */
public interface PickleEnumMapper<E extends Enum<E>> {

    String module();

    String name();

    Class<E> javaType();

    /** The member with this Python value, or null when none has it. */
    E fromValue(Object value);

    /** The member with this Python member name, or null when none has it. */
    E fromName(String memberName);

    /** The Python member name written for {@code member}. */
    String nameOf(E member);

    /**
     * A table-driven mapper: each Java constant has one Python member name and any number of accepted
     * values (e.g. a Chinese and an English one). Values and names must be unique within the enum.
     */
    static <E extends Enum<E>> PickleEnumMapper<E> of(String module, String name, Class<E> javaType,
            Function<E, String> pythonName, Function<E, ? extends Collection<?>> pythonValues) {
        Map<Object, E> byValue = new HashMap<>();
        Map<String, E> byName = new HashMap<>();
        String[] names = new String[javaType.getEnumConstants().length];
        for (E member : javaType.getEnumConstants()) {
            String n = pythonName.apply(member);
            if (n == null || byName.put(n, member) != null) {
                throw new IllegalArgumentException(module + "." + name + ": Python name '" + n + "' of " + member
                        + " is missing or not unique");
            }
            names[member.ordinal()] = n;
            for (Object v : pythonValues.apply(member)) {
                E previous = byValue.put(v, member);
                if (previous != null && previous != member) {
                    throw new IllegalArgumentException(module + "." + name + ": value '" + v + "' belongs to both "
                            + previous + " and " + member);
                }
            }
        }
        Map<Object, E> values = Map.copyOf(byValue);
        Map<String, E> namesMap = Map.copyOf(byName);
        return new PickleEnumMapper<>() {
            @Override
            public String module() {
                return module;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<E> javaType() {
                return javaType;
            }

            @Override
            public E fromValue(Object value) {
                return value == null ? null : values.get(value);
            }

            @Override
            public E fromName(String memberName) {
                return memberName == null ? null : namesMap.get(memberName);
            }

            @Override
            public String nameOf(E member) {
                return names[member.ordinal()];
            }
        };
    }
}
