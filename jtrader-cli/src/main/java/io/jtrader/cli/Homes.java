package io.jtrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the settings folder is: {@code --home}, else {@code $JTRADER_HOME}, else {@code ./.jtrader} if it exists, else {@code ~/.jtrader}. */
final class Homes {
    private Homes() {
    }

    static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String env = System.getenv("JTRADER_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path local = Path.of("").toAbsolutePath().resolve(".jtrader");
        if (Files.isDirectory(local)) {
            return local;
        }
        return Path.of(System.getProperty("user.home"), ".jtrader").toAbsolutePath().normalize();
    }
}
