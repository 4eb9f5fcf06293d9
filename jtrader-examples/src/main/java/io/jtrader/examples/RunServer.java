package io.jtrader.examples;

import io.jtrader.core.engine.MainEngine;
import io.jtrader.core.gateway.GatewaySettings;
import io.jtrader.rpcservice.server.RpcEngine;
import io.jtrader.rpcservice.server.RpcServiceApp;

/**
 * vn.py's {@code examples/client_server/run_server.py} in terminal mode ({@code main_terminal}): a main engine with
 * the simulated exchange, served to RPC clients. Settings come from the {@code .jtrader/} home
 * ({@code JTRADER_HOME}, else {@code ./.jtrader} if it exists, else {@code ~/.jtrader}).
 *
 * <pre>java -cp ... io.jtrader.examples.RunServer [REP_ADDRESS PUB_ADDRESS]</pre>
 *
 * Without arguments it binds the addresses in {@code rpc_service_setting.json} (default
 * {@code tcp://127.0.0.1:2014} and {@code tcp://127.0.0.1:4102}). Stop it with Ctrl-C.
 */
public final class RunServer {
    private RunServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        // tag::run-server[]
        MainEngine mainEngine = new MainEngine(new MainEngine.Context());
        mainEngine.addGateway("SIM");                                    // or "CTP" with its module on the class path
        RpcEngine rpcEngine = (RpcEngine) mainEngine.addApp(new RpcServiceApp());
        Runtime.getRuntime().addShutdownHook(new Thread(mainEngine::close, "run-server-shutdown"));

        mainEngine.connect(GatewaySettings.empty(), "SIM");              // vn.py: main_engine.connect(setting, "CTP")
        if (args.length == 2) {
            rpcEngine.start(args[0], args[1], false);
        } else {
            rpcEngine.start();                                           // rpc_service_setting.json or the defaults
        }
        System.out.println("READY rep=" + rpcEngine.boundRepEndpoint() + " pub=" + rpcEngine.boundPubEndpoint());
        Thread.currentThread().join();                                   // serve until Ctrl-C
        // end::run-server[]
    }
}
