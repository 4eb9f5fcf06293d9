package io.jtrader.rpc.pickle;

/**
 * A bare reference to a Python global (a class or function named by module and qualified name) that
 * appeared in a frame as a value. The decoder never imports or calls it; it is data.
 */
public record PyGlobal(String module, String name) {
    public PyGlobal {
        if (module == null || name == null) {
            throw new IllegalArgumentException("module and name are required, got " + module + "." + name);
        }
    }

    public String qualifiedName() {
        return module + "." + name;
    }
}
