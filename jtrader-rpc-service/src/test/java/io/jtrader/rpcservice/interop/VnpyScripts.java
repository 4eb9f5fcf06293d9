package io.jtrader.rpcservice.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Our own Python stand-ins of vn.py's RPC peers (never vn.py's code), shipped in this module's test-jar:
 * {@code vnpy_standins.py} (the wire classes), {@code vnpy_server.py} (an RpcEngine-shaped server) and
 * {@code vnpy_client.py} (an RpcGateway-shaped client).
 */
public final class VnpyScripts {
    private static final String[] FILES = {"vnpy_standins.py", "vnpy_server.py", "vnpy_client.py"};

    private VnpyScripts() {
    }

    /** Copies the scripts into {@code dir} (they import each other from there) and returns it. */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String file : FILES) {
                try (InputStream in = VnpyScripts.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException(file + " is not on the test class path next to " + VnpyScripts.class);
                    }
                    Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the Python stand-ins to " + dir, e);
        }
    }
}
