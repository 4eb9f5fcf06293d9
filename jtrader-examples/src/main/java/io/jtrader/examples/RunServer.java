package io.jtrader.examples;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;
import io.jtrader.ui.app.Displays;
import io.jtrader.ui.app.GuiException;
import io.jtrader.ui.app.TraderGui;

import java.util.ArrayList;
import java.util.List;

/**
 * vn.py's {@code examples/client_server/run_server.py}: a main engine with the simulated exchange, served to RPC
 * clients, in terminal mode ({@code main_terminal}) or GUI mode ({@code main_ui}, {@code --gui}: the trader window
 * with its RPC service window open and the service already started). Settings come from the {@code .jtrader/} home
 * ({@code JTRADER_HOME}, else {@code ./.jtrader} if it exists, else {@code ~/.jtrader}).
 *
 * <pre>java -cp ... io.jtrader.examples.RunServer [--gui] [REP_ADDRESS PUB_ADDRESS]</pre>
 *
 * Without addresses it binds those in {@code rpc_service_setting.json} (default {@code tcp://127.0.0.1:2014} and
 * {@code tcp://127.0.0.1:4102}). Stop it with Ctrl-C, or in GUI mode by closing the window.
 */
public final class RunServer {
    private RunServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> addresses = new ArrayList<>(List.of(args));
        boolean gui = addresses.remove("--gui");
        if (addresses.size() != 0 && addresses.size() != 2) {
            System.err.println("usage: RunServer [--gui] [REP_ADDRESS PUB_ADDRESS]");
            System.exit(2);
        }
        if (gui && Displays.problem().isPresent()) {                      // refuse before anything binds
            System.err.println("RunServer --gui: " + Displays.problem().get());
            System.exit(1);
        }
        // tag::run-server[]
        MainEngine mainEngine = new MainEngine(new MainEngine.Context());
        mainEngine.addGateway("SIM");                                    // or "CTP" with its module on the class path
        RpcEngine rpcEngine = (RpcEngine) mainEngine.addApp(new RpcServiceApp());
        Runtime.getRuntime().addShutdownHook(new Thread(mainEngine::close, "run-server-shutdown"));

        mainEngine.connect(GatewaySettings.empty(), "SIM");              // vn.py: main_engine.connect(setting, "CTP")
        if (addresses.size() == 2) {
            rpcEngine.start(addresses.get(0), addresses.get(1), false);
        } else {
            rpcEngine.start();                                           // rpc_service_setting.json or the defaults
        }
        System.out.println("READY rep=" + rpcEngine.boundRepEndpoint() + " pub=" + rpcEngine.boundPubEndpoint());
        if (gui) {
            openWindow(mainEngine);                                      // vn.py's main_ui
        } else {
            Thread.currentThread().join();                               // serve until Ctrl-C
        }
        // end::run-server[]
    }

    /** The trader window with the RPC service window open (the service is running); closing it ends the process. */
    private static void openWindow(MainEngine mainEngine) {
        // tag::run-server-gui[]
        try {
            TraderGui.run(mainEngine, TraderGui.languageOf(mainEngine.settings()), true);
        } catch (GuiException e) {                                       // e.g. no display: one line
            System.err.println("RunServer --gui: " + e.getMessage());
            mainEngine.close();
            System.exit(1);
        }
        System.exit(0);                                                  // closing the window closed the engine
        // end::run-server-gui[]
    }
}
