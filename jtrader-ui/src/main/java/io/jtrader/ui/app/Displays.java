package io.jtrader.ui.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Whether a window can be shown at all, checked before JavaFX starts (which would fail with a stack trace). */
public final class Displays {
    private Displays() {
    }

    /**
     * Empty when a window can be opened; else one line saying why not. On Linux and other X11 systems a display
     * needs {@code DISPLAY} or {@code WAYLAND_DISPLAY}; Monocle's headless platform ({@code -Dglass.platform=Monocle})
     * needs none. Windows and macOS always have one.
     */
    public static Optional<String> problem(Map<String, String> env, String osName, String glassPlatform) {
        if ("Monocle".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return Optional.empty();
        }
        if (notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("no display: DISPLAY and WAYLAND_DISPLAY are not set (run it on a desktop, with ssh -X,"
                + " or under Xvfb, e.g. DISPLAY=:99; use 'jtrader server' for a headless server)");
    }

    /** {@link #problem(Map, String, String)} for this process. */
    public static Optional<String> problem() {
        return problem(System.getenv(), System.getProperty("os.name"), System.getProperty("glass.platform"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
