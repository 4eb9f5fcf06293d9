package io.jtrader.cli;

import io.jtrader.core.settings.JtraderHome;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** The global {@code --home DIR} option, inherited by every subcommand. */
public final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Settings folder (default: $JTRADER_HOME, else ./.jtrader if it exists, else ~/.jtrader).")
    Path home;

    /** The resolved settings folder. */
    public Path resolve() {
        return JtraderHome.resolve(home);
    }

    /**
     * Points the log file at {@code <settings folder>/log} before the first logger exists. Looks for
     * {@code --home DIR} or {@code --home=DIR} among the raw arguments.
     */
    static void prepareLogging(String[] args) {
        Path explicit = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                explicit = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--home=")) {
                explicit = Path.of(args[i].substring("--home=".length()));
            }
        }
        if (System.getProperty("jtrader.log.dir") == null) {
            System.setProperty("jtrader.log.dir", JtraderHome.logDir(JtraderHome.resolve(explicit)).toString());
        }
    }
}
