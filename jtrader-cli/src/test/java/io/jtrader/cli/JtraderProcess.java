package io.jtrader.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code java -jar jtrader.jar ...} process as a user runs it: stdin to type into, stdout lines collected,
 * stderr in a file. {@link #close()} ends it (SIGTERM, then SIGKILL) whatever happened.
 */
final class JtraderProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path stderrFile;
    private final Writer stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private JtraderProcess(String name, List<String> command) {
        this(name, command, env -> { });
    }

    private JtraderProcess(String name, List<String> command, java.util.function.Consumer<java.util.Map<String, String>> env) {
        this.name = name;
        try {
            stderrFile = Files.createTempFile("jtrader-" + name + "-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrFile.toFile());
            env.accept(builder.environment());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = new Thread(this::readStdout, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The built CLI jar ({@code jtrader-cli/target/jtrader.jar}). */
    static Path jar() {
        Path root = Path.of(System.getProperty("jtrader.project.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("jtrader-cli/target/jtrader.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with 'mvn verify'");
        }
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code jtrader ARGS} with the same JDK as the test. */
    static JtraderProcess start(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new JtraderProcess(name, command);
    }

    /** Starts {@code jtrader ARGS} inside network namespace {@code netns} ({@code ip netns exec}; needs root). */
    static JtraderProcess startInNamespace(String netns, String name, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns, java(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new JtraderProcess(name, command);
    }

    /** Starts {@code jtrader ARGS} with the environment changed by {@code env} (e.g. no DISPLAY). */
    static JtraderProcess startWithEnv(String name, java.util.function.Consumer<java.util.Map<String, String>> env,
            String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new JtraderProcess(name, command, env);
    }

    /** Starts {@code java -cp CLASSPATH mainClass ARGS} (e.g. an example) with the test's class path. */
    static JtraderProcess startMain(String name, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new JtraderProcess(name, command);
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<stdout read failed: " + e + ">");
        }
    }

    /** Types one command line. */
    void type(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot write '" + line + "' to stdin (exited? " + describe() + ")", e);
        }
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Types a listing command of the client console ({@code orders}, {@code trades}, ...) and asserts that its
     * {@code = ...} lines are exactly {@code expected}, each formatted with {@code format}, in any order.
     */
    <T> void assertListing(String command, List<T> expected, Function<T, String> format) {
        int from = lines().size();
        type(command);
        Matcher end = awaitLine(from, Pattern.compile("= (\\d+) " + command));
        List<String> listed = lines().subList(from, lines().size()).stream()
                .filter(l -> l.startsWith("= ") && !l.equals(end.group(0)) && !l.matches("= \\d+ .*"))
                .map(l -> l.substring(2)).toList();
        assertThat(listed).as(command).containsExactlyInAnyOrderElementsOf(expected.stream().map(format).toList());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for a stdout line matching {@code pattern} that appears after line {@code from}; returns its match. */
    Matcher awaitLine(int from, Pattern pattern) {
        Matcher[] found = new Matcher[1];
        await().alias(name + " prints " + pattern).atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<String> current = lines();
            for (int i = from; i < current.size(); i++) {
                Matcher m = pattern.matcher(current.get(i));
                if (m.matches()) {
                    found[0] = m;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before printing " + pattern + ": " + describe());
            }
            return false;
        });
        return found[0];
    }

    Matcher awaitLine(Pattern pattern) {
        return awaitLine(0, pattern);
    }

    /** Lines after {@code from} that satisfy {@code filter}. */
    List<String> linesMatching(Predicate<String> filter) {
        return lines().stream().filter(filter).toList();
    }

    /** Sends SIGTERM (as Ctrl-C/kill does) and waits for the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + WAIT + " after SIGTERM: " + describe());
        }
        return process.exitValue();
    }

    /** Kills the process with SIGKILL ({@code kill -9}: no shutdown hook runs) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for " + WAIT);
        }
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + WAIT + ": " + describe());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<cannot read stderr: " + e + ">";
        }
    }

    String describe() {
        List<String> out = lines();
        return "\n--- stdout (" + out.size() + " lines, last 40) ---\n"
                + String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size()))
                + "\n--- stderr (last 4000 chars) ---\n" + tail(stderr(), 4000);
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderrFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
