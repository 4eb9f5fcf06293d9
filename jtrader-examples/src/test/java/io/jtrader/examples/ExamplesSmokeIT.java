package io.jtrader.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs each example's main in its own JVM, as a user would, with a timeout. */
class ExamplesSmokeIT {
    private static final Pattern READY = Pattern.compile("READY rep=(\\S+) pub=(\\S+)");

    @TempDir
    Path home;

    private Process start(Path out, String mainClass, String... args) throws IOException {
        return start(out, List.of(), mainClass, args);
    }

    private Process start(Path out, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("JTRADER_HOME", home.toString());
        return builder.start();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @Timeout(120)
    void shouldRunTheServerAndTheClientExamplesAgainstEachOther() throws Exception {
        Path serverOut = home.resolve("server.out");
        Path clientOut = home.resolve("client.out");
        Process server = start(serverOut, RunServer.class.getName(), "tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
        try {
            Matcher[] ready = new Matcher[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Matcher m = READY.matcher(read(serverOut));
                if (!server.isAlive()) {
                    throw new AssertionError("RunServer exited: " + read(serverOut));
                }
                return (ready[0] = m).find();
            });
            Process client = start(clientOut, RunClient.class.getName(), ready[0].group(1), ready[0].group(2));
            try {
                assertThat(client.waitFor(90, TimeUnit.SECONDS)).as(read(clientOut)).isTrue();
                assertThat(client.exitValue()).as(read(clientOut)).isZero();
                String output = read(clientOut);
                assertThat(output).contains("tick ").containsPattern("sent RPC\\.\\S+").contains("NOTTRADED")
                        .contains("CANCELLED").contains("done");
            } finally {
                client.destroyForcibly();
            }
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as(read(serverOut)).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    /** RunServer's GUI mode on Monocle's headless platform: the window opens with the service started and serving. */
    @Test
    @Timeout(120)
    void shouldOpenTheWindowWithTheRpcServiceStartedInGuiMode() throws Exception {
        Path serverOut = home.resolve("server-gui.out");
        Path clientOut = home.resolve("client-gui.out");
        Process server = start(serverOut, List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dheadless.geometry=1600x1000-32"), RunServer.class.getName(), "--gui",
                "tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
        try {
            Matcher[] ready = new Matcher[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                if (!server.isAlive()) {
                    throw new AssertionError("RunServer --gui exited: " + read(serverOut));
                }
                Matcher m = READY.matcher(read(serverOut));
                return (ready[0] = m).find() && read(serverOut).contains("trader window open");
            });
            assertThat(read(serverOut)).contains("RPC服务启动成功").contains("apps [RpcService]");
            Process client = start(clientOut, RunClient.class.getName(), ready[0].group(1), ready[0].group(2));
            try {
                assertThat(client.waitFor(90, TimeUnit.SECONDS)).as(read(clientOut)).isTrue();
                assertThat(client.exitValue()).as(read(clientOut)).isZero();
                assertThat(read(clientOut)).contains("NOTTRADED").contains("CANCELLED").contains("done");
            } finally {
                client.destroyForcibly();
            }
            assertThat(server.isAlive()).as(read(serverOut)).isTrue();
            assertThat(read(serverOut)).doesNotContain("Exception");
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as(read(serverOut)).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }
}
