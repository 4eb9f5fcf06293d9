package io.jtrader.core.settings;

import java.nio.file.Path;

/**
 * A settings file could not be read or written. The message names the file and, for a file that is not valid
 * JSON of the expected shape, the line and column (1-based) where reading stopped.
 */
public class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;

    public SettingsException(Path file, String message, Throwable cause) {
        this(file, -1, -1, message, cause);
    }

    public SettingsException(Path file, int line, int column, String message, Throwable cause) {
        super(describe(file, line, column, message), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }

    /** 1-based line of the error, or -1 when not about a position in the file. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, or -1 when not about a position in the file. */
    public int column() {
        return column;
    }

    private static String describe(Path file, int line, int column, String message) {
        String where = line > 0 ? file + ":" + line + ":" + column : String.valueOf(file);
        return "settings file " + where + ": " + message;
    }
}
