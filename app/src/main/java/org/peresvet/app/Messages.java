package org.peresvet.app;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The user-facing strings of the app ({@code org/peresvet/app/messages.properties}).
 * No JavaFX here: the launcher uses it before deciding whether to start the toolkit.
 */
public final class Messages {

    public static final String BUNDLE = "org.peresvet.app.messages";

    private Messages() {
    }

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE);
    }

    /** The string for {@code key}, or {@code fallback} when the bundle has none. */
    public static String getOrDefault(String key, String fallback) {
        ResourceBundle b = bundle();
        return b.containsKey(key) ? b.getString(key) : fallback;
    }

    /** The string for {@code key}, with {@code args} filled in by {@link MessageFormat} when given. */
    public static String get(String key, Object... args) {
        String pattern = bundle().getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }
}
