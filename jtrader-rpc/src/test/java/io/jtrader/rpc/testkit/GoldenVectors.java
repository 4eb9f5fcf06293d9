package io.jtrader.rpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The vn.py golden wire vectors ({@code ../shared/vnpy-golden}): the folder is the system property
 * {@code jtrader.golden.dir} (set by the root pom for Surefire and Failsafe), else
 * {@code <project root>/../shared/vnpy-golden} found upwards from the working directory.
 */
public final class GoldenVectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile List<Case> cases;

    private GoldenVectors() {
    }

    /** One entry of {@code cases.json}. */
    public record Case(String file, String set, String kind, int protocol, JsonNode expected) {
        public byte[] bytes() {
            return GoldenVectors.bytes(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static Path dir() {
        String configured = System.getProperty("jtrader.golden.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/vnpy-golden").normalize();
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(candidate.resolve("cases.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("golden vectors not found: set -Djtrader.golden.dir (tried " + configured
                + " and ../shared/vnpy-golden above " + Path.of("").toAbsolutePath() + ")");
    }

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden vector " + file, e);
        }
    }

    public static List<Case> cases() {
        List<Case> c = cases;
        if (c == null) {
            try {
                JsonNode root = JSON.readTree(dir().resolve("cases.json").toFile());
                List<Case> list = new ArrayList<>();
                for (JsonNode n : root.get("cases")) {
                    list.add(new Case(n.get("file").asText(), n.get("set").asText(), n.get("kind").asText(),
                            n.path("pickle_protocol").asInt(-1), n.get("expected")));
                }
                c = List.copyOf(list);
                cases = c;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cases.json", e);
            }
        }
        return c;
    }

    public static Case find(String file) {
        return cases().stream().filter(c -> c.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden case " + file));
    }
}
