package io.jtrader.cli;

import io.jtrader.rpc.security.CurveKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jtrader keys}: makes a CurveZMQ key pair as ZeroMQ certificate files ({@code NAME.key} public,
 * {@code NAME.key_secret} secret, owner-only) and prints the public key (Z85) as the one line on stdout.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = JtraderCli.Version.class,
        description = {
            "Create a CurveZMQ key pair (ZeroMQ certificate files, Z85 text).",
            "",
            "Writes <dir>/NAME.key (public) and <dir>/NAME.key_secret (secret, owner-only),",
            "and prints the public key on stdout. Never overwrites existing files.",
            "Server: 'jtrader keys --name server', then 'jtrader server --curve'.",
            "Client: 'jtrader keys --name desk1', add the printed key to the server's",
            "<home>/rpc_allow_list.json with a role (read, trade, admin).",
            ""})
final class KeysCommand implements Callable<Integer> {
    @ParentCommand
    JtraderCli parent;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "client",
            description = "Base name of the files (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write them (default: <home>/keys).")
    Path dir;

    @Override
    public Integer call() {
        Path target = dir != null ? dir : parent.homeOption.resolve().resolve("keys");
        CurveKeys keys = CurveKeys.generate();
        List<Path> files;
        try {
            files = keys.writeCertificates(target, name);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("cannot write the key pair '" + name + "' in " + target + ": " + e.getMessage());
        }
        System.err.println("public key:  " + files.get(0));
        System.err.println("secret key:  " + files.get(1) + " (owner-only; never share it)");
        System.out.println(keys.publicKey());
        System.out.flush();
        return 0;
    }
}
