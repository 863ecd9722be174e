package org.peresvet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;

/** Reading input files and writing results, with errors a user can act on (exit code 3). */
final class CliFiles {
    private CliFiles() {
    }

    /** The file as text, decoded strictly: a byte that is not UTF-8 is refused with its offset. */
    static String read(Path file) {
        byte[] bytes = readBytes(file);
        try {
            return StrictJson.decodeUtf8(bytes);
        } catch (StrictJsonException e) {
            throw CliException.invalidInput("cannot read " + file + ": it is not UTF-8 text (" + e.reason() + ")");
        }
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliException.invalidInput("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw CliException.invalidInput("cannot read " + file + ": " + describe(e));
        }
    }

    /** Prints the text, or writes it to the file when one is given. */
    static void output(String text, Path file, PrintWriter out) {
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.invalidInput("cannot write " + file + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (msg == null ? "" : " " + msg);
    }
}
