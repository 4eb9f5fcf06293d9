package io.jtrader.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jtrader server} as scripts use it (DESIGN §1 command-line contract). */
class ServerCommandIT {
    static final Pattern READY = Pattern.compile("READY rep=tcp://127\\.0\\.0\\.1:(\\d+) pub=tcp://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path home;

    @Test
    @Timeout(90)
    void shouldPrintReadyAndStopWithStatusZeroOnSigtermReleasingBothPorts() throws Exception {
        int rep;
        int pub;
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            Matcher ready = server.awaitLine(READY);
            rep = Integer.parseInt(ready.group(1));
            pub = Integer.parseInt(ready.group(2));
            assertThat(server.lines()).first().asString().startsWith("READY");

            assertThat(server.terminate()).as(server.describe()).isZero();
        }
        for (int port : new int[] {rep, pub}) {
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
        assertThat(home.resolve("rpc_service_setting.json")).doesNotExist();   // --rep/--pub do not overwrite it
    }

    @Test
    @Timeout(90)
    void shouldSayInOneLineThatThePortIsInUse() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                     "--rep", "tcp://127.0.0.1:" + busy.getLocalPort(), "--pub", "tcp://127.0.0.1:0")) {
            assertThat(server.waitFor()).isNotZero();
            assertThat(server.stderr().lines().toList()).as(server.describe()).singleElement().asString()
                    .contains(String.valueOf(busy.getLocalPort())).contains("already in use");
            assertThat(server.lines()).isEmpty();
        }
    }

    @Test
    @Timeout(90)
    void shouldNameTheBadSettingsFileInOneLine() throws Exception {
        Path file = home.resolve("rpc_service_setting.json");
        Files.writeString(file, "{\"rep_address\": \"tcp://127.0.0.1:0\",");
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString())) {
            assertThat(server.waitFor()).isNotZero();
            assertThat(server.stderr().lines().toList()).as(server.describe()).singleElement().asString()
                    .contains(file.toString());
        }
    }

    @Test
    @Timeout(90)
    void shouldNameTheUnknownGatewayAndTheKnownOnesInOneLine() throws Exception {
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                "--gateway", "CTP", "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            assertThat(server.waitFor()).isNotZero();
            assertThat(server.stderr().lines().toList()).as(server.describe()).singleElement().asString()
                    .contains("unknown gateway 'CTP'").contains("SIM");
        }
    }

    @Test
    @Timeout(90)
    void shouldNameTheUnknownAppAndTheKnownOnesInOneLine() throws Exception {
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                "--app", "RpcService", "--app", "CtaStrategy", "--rep", "tcp://127.0.0.1:0", "--pub",
                "tcp://127.0.0.1:0")) {
            assertThat(server.waitFor()).isNotZero();
            assertThat(server.stderr().lines().toList()).as(server.describe()).singleElement().asString()
                    .contains("unknown app 'CtaStrategy'").contains("RpcService");
        }
    }

    @Test
    @Timeout(90)
    void shouldAcceptTheRpcServiceAppByNameAndServe() throws Exception {
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                "--app", "RpcService", "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            assertThat(server.awaitLine(READY).group(1)).isNotEqualTo("0");
            assertThat(server.terminate()).as(server.describe()).isZero();
        }
    }

    @Test
    @Timeout(90)
    void shouldNameABadConnectFileInOneLine() throws Exception {
        Path connect = home.resolve("my_sim.json");
        Files.writeString(connect, "[1, 2]");
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                "--connect", connect.toString(), "--rep", "tcp://127.0.0.1:0", "--pub", "tcp://127.0.0.1:0")) {
            assertThat(server.waitFor()).isNotZero();
            assertThat(server.stderr().lines().toList()).as(server.describe()).singleElement().asString()
                    .contains(connect.toString());
        }
    }

    @Test
    @Timeout(90)
    void shouldRefuseToBindAllInterfacesWithoutInsecure() throws Exception {
        try (JtraderProcess server = JtraderProcess.start("server", "server", "--home", home.toString(),
                "--rep", "tcp://*:0", "--pub", "tcp://127.0.0.1:0")) {
            assertThat(server.waitFor()).isNotZero();
            assertThat(server.stderr().lines().toList()).as(server.describe()).singleElement().asString()
                    .contains("--insecure");
        }
    }
}
