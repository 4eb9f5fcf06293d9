package io.jtrader.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code ./jtrader} the way a user does, on the jars this build just made: {@code JTRADER_NO_BUILD=1}
 * makes the launcher fail instead of rebuilding, so a stale-jar bug in the launcher shows up here.
 */
@Timeout(120)
class LauncherIT {
    private static Path root;
    private static Path launcher;

    @BeforeAll
    static void findLauncher() {
        root = Path.of(System.getProperty("jtrader.project.root", "..")).toAbsolutePath().normalize();
        launcher = root.resolve("jtrader");
        assertThat(launcher).isExecutable();
    }

    @Test
    void shouldPrintVersionWithTheNewestInstalledJdkFromAnyDirectory(@TempDir Path cwd) throws Exception {
        Result r = run(cwd, Map.of("JTRADER_NO_BUILD", "1"), launcher.toString(), "--version");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).contains("jtrader 0.1.0");
        int newest = newestInstalledJdk();
        assertThat(r.stdout).as("runs on the newest JDK found").containsPattern("JVM: .* " + newest + "[.+]");
    }

    @Test
    void shouldListTheGlobalHomeOptionInHelp(@TempDir Path cwd) throws Exception {
        Result r = run(cwd, Map.of("JTRADER_NO_BUILD", "1"), launcher.toString(), "--help");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).contains("--home=DIR").contains("--version");
    }

    @Test
    void shouldSayInOneLineWhenNoJdkIsInstalled(@TempDir Path cwd) throws Exception {
        Path bin = toolsWithout(cwd, "java", "mvn");
        Result r = run(cwd, Map.of("PATH", bin.toString(), "JTRADER_JVM_DIRS", cwd.resolve("none").toString(),
                "JAVA_HOME", ""), launcher.toString(), "--version");

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.stderr.strip()).hasLineCount(1).startsWith("jtrader: no JDK 17 or newer found");
        assertThat(r.stderr).doesNotContain("Exception");
    }

    @Test
    void shouldSayInOneLineWhenTheFirstBuildNeedsMavenButThereIsNone(@TempDir Path tmp) throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Path copy = checkout.resolve("jtrader");
        Files.copy(launcher, copy);
        Path bin = toolsWithout(tmp, "mvn");
        Result r = run(tmp, Map.of("PATH", bin.toString()), copy.toString(), "--version");

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.stderr.strip()).hasLineCount(1).startsWith("jtrader: Maven is needed");
    }

    /** A bin folder with the tools the launcher uses, minus the named ones. */
    private static Path toolsWithout(Path dir, String... missing) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        List<String> skip = List.of(missing);
        for (String tool : List.of("bash", "sed", "head", "find", "basename", "dirname", "readlink", "mkdir", "flock",
                "java", "mvn")) {
            if (skip.contains(tool)) {
                continue;
            }
            for (String d : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
                Path p = Path.of(d, tool);
                if (Files.isExecutable(p)) {
                    Files.createSymbolicLink(bin.resolve(tool), p);
                    break;
                }
            }
        }
        return bin;
    }

    private static int newestInstalledJdk() throws IOException {
        int best = Runtime.version().feature();
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                for (Path jdk : (Iterable<Path>) s::iterator) {
                    Path release = jdk.resolve("release");
                    if (!Files.isSymbolicLink(jdk) && Files.isRegularFile(release)) {
                        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                            if (line.startsWith("JAVA_VERSION=")) {
                                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                                best = Math.max(best, Integer.parseInt(v.split("[.+-]")[0]));
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(cwd.toFile());
        pb.environment().remove("JTRADER_HOME");
        env.forEach((k, v) -> {
            if (v.isEmpty()) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish in 90 s: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
