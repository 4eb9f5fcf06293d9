package io.jtrader.rpc.pickle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pluggable, immutable mapping between Python classes/enums and Java types that a {@link PickleCodec}
 * uses. The RPC layer knows no trading types: a higher module (jtrader-rpc-service) registers vn.py's.
 *
 * <p>Besides registered enums, members of <em>unknown</em> enum classes from the lenient module prefixes
 * ({@link #generic()} has {@code vnpy}: other vn.py apps publish their own enums, e.g.
 * {@code vnpy_ctastrategy.base.StopOrderStatus}) decode as {@link PyEnum}; a call of any other unknown
 * callable is refused.
 *
 * <p>Thread-safe: built once, read by every codec thread.
 */
public final class PickleTypeRegistry {
    private final Map<String, Map<String, ClassEntry>> classes;
    private final Map<String, Map<String, EnumEntry>> enums;
    private final Map<Class<?>, Object> byJavaType;
    private final List<String> lenientEnumModulePrefixes;
    private final List<ClassEntry> encodeOnly;
    private final List<String> knownStrings;
    /** Open-addressing table of canonical (usually interned literal) strings, by Latin-1 hash. */
    private final String[] canonical;
    private final ClassValue<Object> encoderLookup = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Object entry = byJavaType.get(c);
                if (entry != null) {
                    return entry;
                }
            }
            return NONE;
        }
    };
    private static final Object NONE = new Object();

    private PickleTypeRegistry(Builder b) {
        this.classes = freeze(b.classes);
        this.enums = freeze(b.enums);
        this.byJavaType = Map.copyOf(b.byJavaType);
        this.lenientEnumModulePrefixes = List.copyOf(b.lenientPrefixes);
        this.encodeOnly = List.copyOf(b.encodeOnly);
        java.util.LinkedHashSet<String> known = new java.util.LinkedHashSet<>(b.knownStrings);
        b.classes.forEach((m, byName) -> {
            known.add(m);
            known.addAll(byName.keySet());
            byName.values().forEach(e -> {
                if (e.fieldMapper != null) {
                    known.addAll(e.fieldMapper.stateKeys());
                }
            });
        });
        b.enums.forEach((m, byName) -> {
            known.add(m);
            known.addAll(byName.keySet());
        });
        known.removeIf(k -> k.length() > 64 || !k.chars().allMatch(c -> c < 0x80));
        this.knownStrings = List.copyOf(known);
        this.canonical = new String[Math.max(64, Integer.highestOneBit(Math.max(1, known.size()) * 4) * 2)];
        for (String k : known) {
            int slot = k.hashCode() & (canonical.length - 1);
            while (canonical[slot] != null) {
                slot = (slot + 1) & (canonical.length - 1);
            }
            canonical[slot] = k;
        }
    }

    /**
     * The canonical instance of a known ASCII string (a registered state key or class name) equal to
     * {@code buf[start, start+n)} whose Latin-1 {@link String#hashCode()} is {@code hash}, or null. Decoded keys
     * that are the very instances a mapper's {@code switch} compares against make that switch cheap.
     */
    String canonical(byte[] buf, int start, int n, int hash) {
        int mask = canonical.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            String k = canonical[slot];
            if (k == null) {
                return null;
            }
            if (k.length() == n && k.hashCode() == hash) {
                boolean same = true;
                for (int j = 0; j < n && same; j++) {
                    same = k.charAt(j) == buf[start + j];
                }
                if (same) {
                    return k;
                }
            }
        }
    }

    /** No registered types; unknown enums of {@code vnpy*} modules decode as {@link PyEnum}. */
    public static PickleTypeRegistry generic() {
        return builder().lenientEnumModulePrefix("vnpy").build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with this registry's mappings, to extend it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        classes.values().forEach(m -> m.values().forEach(e -> b.addClass(e.mapper)));
        enums.values().forEach(m -> m.values().forEach(e -> b.addEnumEntry(e)));
        encodeOnly.forEach(e -> b.addEncoder(e.mapper));
        b.knownStrings(knownStrings);
        lenientEnumModulePrefixes.forEach(b::lenientEnumModulePrefix);
        return b;
    }

    public List<String> lenientEnumModulePrefixes() {
        return lenientEnumModulePrefixes;
    }

    ClassEntry classFor(String module, String name) {
        Map<String, ClassEntry> m = classes.get(module);
        return m == null ? null : m.get(name);
    }

    EnumEntry enumFor(String module, String name) {
        Map<String, EnumEntry> m = enums.get(module);
        return m == null ? null : m.get(name);
    }

    boolean isLenientEnumModule(String module) {
        for (String prefix : lenientEnumModulePrefixes) {
            if (module.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A {@link ClassEntry}, an {@link EnumEntry}, or null when the Java type is not registered. */
    Object encoderFor(Class<?> type) {
        Object entry = encoderLookup.get(type);
        return entry == NONE ? null : entry;
    }

    private static <E> Map<String, Map<String, E>> freeze(Map<String, Map<String, E>> source) {
        Map<String, Map<String, E>> copy = new HashMap<>();
        source.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return Map.copyOf(copy);
    }

    /** Collects mappings; {@link #build()} checks that Python names and Java types are unique. */
    public static final class Builder {
        private final Map<String, Map<String, ClassEntry>> classes = new HashMap<>();
        private final Map<String, Map<String, EnumEntry>> enums = new HashMap<>();
        private final Map<Class<?>, Object> byJavaType = new HashMap<>();
        private final List<String> lenientPrefixes = new ArrayList<>();
        private final List<ClassEntry> encodeOnly = new ArrayList<>();
        private final List<String> knownStrings = new ArrayList<>();

        private Builder() {
        }

        /**
         * Strings that recur in frames (state keys, member names): the decoder returns these very instances, so
         * pass the literals a mapper switches on. Optional; a speed hint only.
         */
        public Builder knownStrings(java.util.Collection<String> strings) {
            strings.forEach(k -> {
                if (k != null && !k.isEmpty()) {
                    knownStrings.add(k);
                }
            });
            return this;
        }

        public Builder addClass(PickleClassMapper<?> mapper) {
            ClassEntry entry = new ClassEntry(mapper);
            checkUnique(entry.module, entry.name, mapper.javaType());
            classes.computeIfAbsent(entry.module, k -> new HashMap<>()).put(entry.name, entry);
            byJavaType.put(mapper.javaType(), entry);
            return this;
        }

        /**
         * Registers a mapper for encoding only: values of its Java type are written as its Python class, while
         * decoding that class keeps using the mapper added with {@link #addClass} (e.g. a core type and a
         * richer wire type for the same Python class).
         */
        public Builder addEncoder(PickleClassMapper<?> mapper) {
            ClassEntry entry = new ClassEntry(mapper);
            if (byJavaType.containsKey(mapper.javaType())) {
                throw new IllegalArgumentException("Java type " + mapper.javaType().getName() + " is registered twice");
            }
            byJavaType.put(mapper.javaType(), entry);
            encodeOnly.add(entry);
            return this;
        }

        public <E extends Enum<E>> Builder addEnum(PickleEnumMapper<E> mapper) {
            return addEnumEntry(new EnumEntry(mapper));
        }

        private Builder addEnumEntry(EnumEntry entry) {
            checkUnique(entry.module, entry.name, entry.mapper.javaType());
            enums.computeIfAbsent(entry.module, k -> new HashMap<>()).put(entry.name, entry);
            byJavaType.put(entry.mapper.javaType(), entry);
            return this;
        }

        /** Unknown enum classes whose module starts with {@code prefix} decode as {@link PyEnum}. */
        public Builder lenientEnumModulePrefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("a lenient enum module prefix must not be empty");
            }
            if (!lenientPrefixes.contains(prefix)) {
                lenientPrefixes.add(prefix);
            }
            return this;
        }

        public PickleTypeRegistry build() {
            return new PickleTypeRegistry(this);
        }

        private void checkUnique(String module, String name, Class<?> javaType) {
            if (module == null || module.isEmpty() || name == null || name.isEmpty() || javaType == null) {
                throw new IllegalArgumentException("a pickle mapping needs a module, a name and a Java type, got "
                        + module + "." + name + " -> " + javaType);
            }
            Map<String, ClassEntry> c = classes.get(module);
            Map<String, EnumEntry> e = enums.get(module);
            if ((c != null && c.containsKey(name)) || (e != null && e.containsKey(name))) {
                throw new IllegalArgumentException("Python class " + module + "." + name + " is registered twice");
            }
            if (byJavaType.containsKey(javaType)) {
                throw new IllegalArgumentException("Java type " + javaType.getName() + " is registered twice");
            }
        }
    }

    /**
     * A registered class with its pre-pickled header (module, name, STACK_GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT,
     * MARK) and, for a {@link PickleFieldMapper}, its declared state keys (else null).
     */
    static final class ClassEntry {
        final PickleClassMapper<Object> mapper;
        final String module;
        final String name;
        final byte[] header;
        final PickleFields.StateKeys keys;
        final PickleFieldMapper<Object> fieldMapper;

        @SuppressWarnings("unchecked")
        ClassEntry(PickleClassMapper<?> mapper) {
            this.mapper = (PickleClassMapper<Object>) mapper;
            this.module = mapper.module();
            this.name = mapper.name();
            if (mapper instanceof PickleFieldMapper<?> fields) {
                this.fieldMapper = (PickleFieldMapper<Object>) fields;
                this.keys = new PickleFields.StateKeys(fields.stateKeys(), module + "." + name);
            } else {
                this.fieldMapper = null;
                this.keys = null;
            }
            PickleWriter w = PickleWriter.scratch();
            w.writeStackGlobal(module, name);
            w.writeOpcode(Opcodes.EMPTY_TUPLE);
            w.writeOpcode(Opcodes.NEWOBJ);
            w.writeOpcode(Opcodes.EMPTY_DICT);
            w.writeOpcode(Opcodes.MARK);
            this.header = w.toByteArray();
        }
    }

    /** A registered enum with each member pre-pickled by name: getattr(Cls, 'NAME'). */
    static final class EnumEntry {
        final PickleEnumMapper<?> mapper;
        final String module;
        final String name;
        final byte[][] byOrdinal;

        @SuppressWarnings({"unchecked", "rawtypes"})
        EnumEntry(PickleEnumMapper<?> mapper) {
            this.mapper = mapper;
            this.module = mapper.module();
            this.name = mapper.name();
            Enum<?>[] members = mapper.javaType().getEnumConstants();
            byOrdinal = new byte[members.length][];
            for (Enum<?> member : members) {
                String memberName = ((PickleEnumMapper) mapper).nameOf(member);
                if (memberName == null || memberName.isEmpty()) {
                    throw new IllegalArgumentException(module + "." + name + " has no Python name for " + member);
                }
                PickleWriter w = PickleWriter.scratch();
                w.writeStackGlobal("builtins", "getattr");
                w.writeStackGlobal(module, name);
                w.writeString(memberName);
                w.writeOpcode(Opcodes.TUPLE2);
                w.writeOpcode(Opcodes.REDUCE);
                byOrdinal[member.ordinal()] = w.toByteArray();
            }
        }

        Object fromValue(Object value) {
            return mapper.fromValue(value);
        }

        Object fromName(String memberName) {
            return mapper.fromName(memberName);
        }
    }
}
