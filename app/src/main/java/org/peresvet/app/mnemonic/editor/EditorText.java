package org.peresvet.app.mnemonic.editor;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The screen editor's user-facing text, from its own bundle so a translation can follow. */
final class EditorText {
    private static final String BUNDLE = "org.peresvet.app.mnemonic.editor.editor";

    private EditorText() {
    }

    static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault()).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
