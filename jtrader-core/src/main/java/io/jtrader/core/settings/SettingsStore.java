package io.jtrader.core.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * JSON settings files in one folder (the {@code .jtrader/} home), read and written like vn.py's
 * {@code load_json}/{@code save_json}: UTF-8, pretty-printed with 4-space indents, non-ASCII kept as is.
 *
 * <ul>
 * <li>A missing file reads as the defaults; it is not created until something is saved.</li>
 * <li>A file that is not valid JSON, or not of the expected shape, is a {@link SettingsException} naming the
 * file, line and column. It never falls back to defaults silently and is never overwritten by a read.</li>
 * <li>{@link #save} is atomic: it writes a temporary file in the same folder, forces it to disk and renames it
 * over the old one with {@code ATOMIC_MOVE}, so a crash leaves either the old or the new file, never half of
 * one.</li>
 * </ul>
 *
 * <p>Threading: an instance is immutable and safe from any thread; concurrent saves of one file are each atomic
 * (the last rename wins).
 */
public final class SettingsStore {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {
    };

    private final Path homeDir;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    public SettingsStore(Path homeDir) {
        this.homeDir = Objects.requireNonNull(homeDir, "homeDir").toAbsolutePath().normalize();
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        this.writer = mapper.writer(printer);
    }

    /** The folder the files live in. */
    public Path homeDir() {
        return homeDir;
    }

    /** The path of {@code fileName} in the folder. */
    public Path path(String fileName) {
        requireFileName(fileName);
        return homeDir.resolve(fileName);
    }

    public boolean exists(String fileName) {
        return Files.isRegularFile(path(fileName));
    }

    /**
     * The file's top-level JSON object, keys in file order; an empty map when the file does not exist.
     *
     * @throws SettingsException naming the file (and line/column) when it cannot be read or is not a JSON object
     */
    public Map<String, Object> load(String fileName) {
        Path file = path(fileName);
        byte[] bytes = readOrNull(file);
        if (bytes == null) {
            return new LinkedHashMap<>();
        }
        if (isBlank(bytes)) {
            throw new SettingsException(file, 1, 1, "the file is empty; expected a JSON object such as {}"
                    + " (delete the file to use the defaults)", null);
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                JsonLocation at = parser.currentTokenLocation();
                throw new SettingsException(file, at.getLineNr(), at.getColumnNr(),
                        "expected a JSON object ({...}) at the top level, found " + parser.currentToken(), null);
            }
            return mapper.readValue(parser, MAP_TYPE);
        } catch (JsonProcessingException e) {
            throw corrupt(file, e);
        } catch (IOException e) {
            throw new SettingsException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * The file read as {@code type} (a record or bean with Jackson annotations as needed), or {@code defaults}
     * when the file does not exist. Unknown keys are an error, so a misspelt key is not silently ignored.
     *
     * @throws SettingsException naming the file, line and column when it is not valid JSON of that shape
     */
    public <T> T load(String fileName, Class<T> type, T defaults) {
        Path file = path(fileName);
        byte[] bytes = readOrNull(file);
        if (bytes == null) {
            return defaults;
        }
        if (isBlank(bytes)) {
            throw new SettingsException(file, 1, 1, "the file is empty; expected a JSON object"
                    + " (delete the file to use the defaults)", null);
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new SettingsException(file, 1, 1, "the file holds null; expected a JSON object", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw corrupt(file, e);
        } catch (IOException e) {
            throw new SettingsException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * Writes {@code data} (a map, record or bean) to the file atomically, creating the folder if needed.
     *
     * @throws SettingsException naming the file when it cannot be written; the old file is then untouched
     */
    public void save(String fileName, Object data) {
        Objects.requireNonNull(data, "data");
        Path file = path(fileName);
        byte[] bytes;
        try {
            bytes = writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SettingsException(file, "cannot be written: the data cannot be converted to JSON: "
                    + e.getOriginalMessage(), e);
        }
        writeAtomically(file, bytes);
    }

    private void writeAtomically(Path file, byte[] bytes) {
        JtraderHome.ensureExists(homeDir);
        Path temp = null;
        try {
            temp = Files.createTempFile(homeDir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                out.write(bytes);
                out.write('\n');
                out.flush();
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new SettingsException(file, "cannot be replaced atomically on this file system: " + e, e);
        } catch (IOException e) {
            throw new SettingsException(file, "cannot be written: " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The write already failed and that failure is being reported; the stray temp file is named
            // ".<file>.<random>.tmp" and harmless. Tell the user where it is.
            org.slf4j.LoggerFactory.getLogger(SettingsStore.class)
                    .warn("could not delete temporary settings file {}: {}", temp, e.toString());
        }
    }

    private static byte[] readOrNull(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new SettingsException(file, "cannot be read: " + e, e);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static SettingsException corrupt(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? -1 : at.getLineNr();
        int column = at == null ? -1 : at.getColumnNr();
        return new SettingsException(file, line, column, "not valid settings JSON: " + e.getOriginalMessage()
                + " (fix or delete the file; it was not changed)", e);
    }

    private static void requireFileName(String fileName) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("settings file name must be a plain file name, got '" + fileName + "'");
        }
    }
}
