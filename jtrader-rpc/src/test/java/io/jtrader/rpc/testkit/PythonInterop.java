package io.jtrader.rpc.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a CPython that can {@code import zmq} and runs Python scripts for interop tests.
 *
 * <p>Search order: the {@code JTRADER_PYTHON} environment variable if set (it must work: a wrong explicit
 * setting is a failure, not a skip), else every {@code python3} on {@code PATH} in order, then Debian's
 * {@code /usr/bin/python3}. Where none can import zmq, {@link #requirePython()} skips the calling test
 * with a loud message, or fails it when the environment variable {@code JTRADER_REQUIRE_INTEROP=1}.
 *
 * <h2>Threading</h2>
 * Static methods are safe from any thread; the interpreter probe runs once and is cached. A
 * {@link PythonProcess} owns one daemon thread ({@code python-stdout-<pid>}) that reads its stdout.
 */
public final class PythonInterop {
    public static final String PYTHON_ENV = "JTRADER_PYTHON";
    public static final String REQUIRE_ENV = "JTRADER_REQUIRE_INTEROP";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private static volatile Probe probe;

    private PythonInterop() {
    }

    /** The outcome of a finished script. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("python exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** True when {@code JTRADER_REQUIRE_INTEROP=1}: a missing interpreter fails instead of skipping. */
    public static boolean interopRequired() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /** A python3 that can import zmq, if any. */
    public static Optional<Path> findPython() {
        return Optional.ofNullable(probe().python);
    }

    /**
     * The interpreter for an interop test. Skips the test (JUnit assumption, loud message on stderr) when
     * none is found, or fails it when interop is required or {@code JTRADER_PYTHON} names a broken one.
     */
    public static Path requirePython() {
        Probe p = probe();
        if (p.python != null) {
            return p.python;
        }
        String message = "No python3 that can 'import zmq' was found (tried " + p.tried + "). Install Debian's"
                + " python3-zmq or set " + PYTHON_ENV + ". " + p.detail;
        if (interopRequired() || p.explicitFailed) {
            Assertions.fail(message + (interopRequired() ? " (" + REQUIRE_ENV + "=1: interop tests may not be skipped)" : ""));
        }
        System.err.println("!!!! SKIPPING PYTHON INTEROP TEST: " + message);
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /** Writes {@code scriptText} to a temporary file and runs it with {@link #requirePython()}. */
    public static Result runScript(String scriptText, Duration timeout, String... args) {
        Path script = writeTempScript(scriptText);
        try {
            return run(requirePython(), script, timeout, args);
        } finally {
            deleteQuietly(script);
        }
    }

    /**
     * Runs {@code python script args...}, waits at most {@code timeout}, and returns exit code and output.
     * A script that outlives the timeout is killed (with its children) and reported as an AssertionError.
     */
    public static Result run(Path python, Path script, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.add(script.toString());
        command.addAll(List.of(args));
        return runCommand(command, timeout);
    }

    /** Starts a long-running script (a server, a subscriber); close the handle to stop it. */
    public static PythonProcess start(Path script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(requirePython().toString());
        command.add("-u");
        command.add(script.toString());
        command.addAll(List.of(args));
        return new PythonProcess(command);
    }

    /** Writes a script to a temporary {@code .py} file (caller deletes it, or leaves it in the temp dir). */
    public static Path writeTempScript(String scriptText) {
        try {
            Path script = Files.createTempFile("jtrader-interop-", ".py");
            Files.writeString(script, scriptText, UTF_8);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary python script", e);
        }
    }

    private static Result runCommand(List<String> command, Duration timeout) {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("jtrader-py-out-", ".txt");
            err = Files.createTempFile("jtrader-py-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("PYTHONIOENCODING", "utf-8");
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw new AssertionError("python did not finish within " + timeout + ": " + command
                        + "\nstdout so far:\n" + Files.readString(out, UTF_8) + "\nstderr so far:\n" + Files.readString(err, UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                destroyTree(process);
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static Probe probe() {
        Probe p = probe;
        if (p == null) {
            synchronized (PythonInterop.class) {
                p = probe;
                if (p == null) {
                    p = runProbe();
                    probe = p;
                }
            }
        }
        return p;
    }

    private static Probe runProbe() {
        String explicit = System.getenv(PYTHON_ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path candidate = Path.of(explicit);
            String failure = canImportZmq(candidate);
            return failure == null ? new Probe(candidate, List.of(candidate), false, "")
                    : new Probe(null, List.of(candidate), true, PYTHON_ENV + "=" + explicit + " cannot import zmq: " + failure);
        }
        Set<Path> candidates = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path c = Path.of(dir, "python3");
                    if (Files.isExecutable(c)) {
                        candidates.add(c);
                    }
                }
            }
        }
        candidates.add(Path.of("/usr/bin/python3"));
        StringBuilder detail = new StringBuilder();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            String failure = canImportZmq(candidate);
            if (failure == null) {
                return new Probe(candidate, List.copyOf(candidates), false, "");
            }
            detail.append(candidate).append(": ").append(failure).append("; ");
        }
        return new Probe(null, List.copyOf(candidates), false, detail.toString());
    }

    /** null when {@code python -c "import zmq"} works, else why not. */
    private static String canImportZmq(Path python) {
        try {
            Result r = runCommand(List.of(python.toString(), "-c", "import zmq, pickle; print(zmq.zmq_version())"), PROBE_TIMEOUT);
            return r.exitCode() == 0 ? null : lastLine(r.stderr());
        } catch (UncheckedIOException | AssertionError e) {
            return e.getMessage();
        }
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int nl = trimmed.lastIndexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(nl + 1);
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("PythonInterop: cannot delete temporary file " + file + ": " + e);
        }
    }

    private record Probe(Path python, List<Path> tried, boolean explicitFailed, String detail) {
    }

    /**
     * A running Python script. Its stdout is read line by line by a daemon thread; stderr goes to a file
     * that {@link #stderr()} returns. {@link #close()} kills the process and its children.
     */
    public static final class PythonProcess implements AutoCloseable {
        private static final String EOF = new String("<eof>");
        private final Process process;
        private final Path stderrFile;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        PythonProcess(List<String> command) {
            try {
                stderrFile = Files.createTempFile("jtrader-py-err-", ".txt");
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrFile.toFile());
                builder.environment().put("PYTHONIOENCODING", "utf-8");
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            reader = new Thread(this::readStdout, "python-stdout-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void readStdout() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<stdout read failed: " + e + ">");
            } finally {
                lines.add(EOF);
            }
        }

        /** The next stdout line, waiting at most {@code timeout}; AssertionError on timeout or end of output. */
        public String readLine(Duration timeout) {
            try {
                String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new AssertionError("no line from python within " + timeout + "; stderr:\n" + stderr());
                }
                if (line == EOF) {
                    lines.add(EOF);
                    throw new AssertionError("python ended its output (alive=" + process.isAlive() + "); stderr:\n" + stderr());
                }
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for python output", e);
            }
        }

        /** Waits for the process to end by itself, at most {@code timeout}; returns the exit code. */
        public int waitFor(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("python did not exit within " + timeout + "; stderr:\n" + stderr());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for python to exit", e);
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String stderr() {
            try {
                return Files.readString(stderrFile, UTF_8);
            } catch (IOException e) {
                return "<cannot read stderr: " + e + ">";
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                destroyTree(process);
            }
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteQuietly(stderrFile);
        }
    }
}
