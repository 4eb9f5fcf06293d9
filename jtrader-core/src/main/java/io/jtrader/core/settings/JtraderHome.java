package io.jtrader.core.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the {@code .jtrader/} settings folder is (DESIGN §1): the explicit {@code --home} path if given, else
 * the environment variable {@value #ENV_VAR} if set and not blank, else {@code ./.jtrader} if that folder exists
 * in the working directory, else {@code ~/.jtrader}. Resolving never creates anything;
 * {@link #ensureExists(Path)} does, when something is about to be saved.
 */
public final class JtraderHome {
    /** Environment variable naming the settings folder. */
    public static final String ENV_VAR = "JTRADER_HOME";
    /** The folder's name under the working directory or the user's home. */
    public static final String FOLDER_NAME = ".jtrader";
    /** Sub-folder for log files. */
    public static final String LOG_FOLDER_NAME = "log";

    private JtraderHome() {
    }

    /**
     * Resolves the settings folder from explicit inputs (unit-testable).
     *
     * @param explicitHome the {@code --home} argument, or null
     * @param env          the environment (only {@value #ENV_VAR} is read)
     * @param workingDir   the current working directory
     * @param userHome     the user's home directory
     * @return an absolute, normalised path; it may not exist yet
     */
    public static Path resolve(Path explicitHome, Map<String, String> env, Path workingDir, Path userHome) {
        if (explicitHome != null) {
            return workingDir.resolve(explicitHome).toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return workingDir.resolve(fromEnv.trim()).toAbsolutePath().normalize();
        }
        Path local = workingDir.resolve(FOLDER_NAME);
        if (Files.isDirectory(local)) {
            return local.toAbsolutePath().normalize();
        }
        return userHome.resolve(FOLDER_NAME).toAbsolutePath().normalize();
    }

    /** Resolves with this process's environment, working directory and {@code user.home}. */
    public static Path resolve(Path explicitHome) {
        return resolve(explicitHome, System.getenv(), Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("user.home")));
    }

    /** The log folder under {@code home} ({@code home/log}); not created. */
    public static Path logDir(Path home) {
        return home.resolve(LOG_FOLDER_NAME);
    }

    /**
     * Creates {@code dir} (and its parents) if missing and returns it.
     *
     * @throws SettingsException naming the folder when it cannot be created
     */
    public static Path ensureExists(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SettingsException(dir, "cannot create the folder: " + e, e);
        }
    }
}
