package org.peresvet.app.mnemonic.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * A picture file embedded in the screen as a data URI, so the screen travels with the project
 * (export, another PC) without a path that exists only here. Small pictures only: the screen's
 * document holds at most 4 MB and is rewritten on every change.
 */
final class ImageSource {
    /** The largest picture file embedded. */
    static final long MAX_BYTES = 256 * 1024;

    private ImageSource() {
    }

    /** "data:image/png;base64,…" for a PNG, JPEG, GIF or BMP file of at most {@link #MAX_BYTES}. */
    static String embed(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String mime = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg"
                : name.endsWith(".gif") ? "image/gif" : name.endsWith(".bmp") ? "image/bmp" : null;
        if (mime == null) {
            throw new IllegalArgumentException(EditorText.get("sheet.imageType", file.getFileName()));
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(EditorText.get("sheet.imageTooLarge", file.getFileName(), MAX_BYTES / 1024));
        }
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }
}
