package io.jtrader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code jtrader} command. {@code main} resolves the settings folder before anything logs, so that the log
 * file lands in {@code <settings folder>/log/}, then hands the arguments to picocli.
 */
@Command(name = "jtrader",
        mixinStandardHelpOptions = true,
        versionProvider = JtraderCli.Version.class,
        description = "jtrader: a Java trading platform whose RPC service speaks vn.py's wire protocol.",
        subcommands = {ServerCommand.class, ClientCommand.class, GuiCommand.class, KeysCommand.class,
                KillSwitchCommand.class, CommandLine.HelpCommand.class})
public final class JtraderCli implements Runnable {

    @CommandLine.Mixin
    HomeOption homeOption;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit status (0 on a clean stop). */
    public static int run(String[] args) {
        HomeOption.prepareLogging(args);
        CommandLine cli = new CommandLine(new JtraderCli());
        cli.setExecutionExceptionHandler(JtraderCli::reportFailure);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A failure while running a command is one clear line on stderr and a non-zero status, no stack trace. */
    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("jtrader " + cli.getCommandName() + ": " + message);
        err.flush();
        org.slf4j.LoggerFactory.getLogger(JtraderCli.class).debug("command failed", e);
        return e instanceof StartupException se ? se.exitCode() : 1;
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = JtraderCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "jtrader " + p.getProperty("version", "unknown"),
                "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()
                        + " (" + System.getProperty("java.vendor") + ")",
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            };
        }
    }
}
