package io.jtrader.rpcservice.vnpy;

import io.jtrader.rpc.pickle.PickleFieldMapper;

/** A field mapper with its Python module/name and Java type fixed at construction. Stateless. */
abstract class VnpyClassMapper<T> implements PickleFieldMapper<T> {
    private final String module;
    private final String name;
    private final Class<T> javaType;

    VnpyClassMapper(String module, String name, Class<T> javaType) {
        this.module = module;
        this.name = name;
        this.javaType = javaType;
    }

    @Override
    public final String module() {
        return module;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Class<T> javaType() {
        return javaType;
    }
}
