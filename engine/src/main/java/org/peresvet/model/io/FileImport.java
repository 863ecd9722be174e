package org.peresvet.model.io;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;

/**
 * The workstation's import of a file: a project document ({@code .json}, added under an object)
 * or a tag list ({@code .csv}), read strictly from its bytes and checked against the model, so
 * what comes back can be applied as one edit. Nothing is changed here.
 */
public final class FileImport {
    private FileImport() {
    }

    /** True when the file name says tag CSV; anything else is read as a project document. */
    public static boolean isCsv(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * The edits importing the file would make, already checked against {@code model}.
     *
     * @param into parent of a document's top objects (null: the root); unused for CSV
     * @throws ModelException for the first problem, one line naming where it is (byte, line and
     *                        column, JSON path or CSV line and column)
     */
    public static List<ModelEdit> edits(ModelSnapshot model, String fileName, byte[] bytes, UUID into) {
        if (isCsv(fileName)) {
            return TagCsv.read(model, decode(bytes)).edits();
        }
        List<ModelEdit> edits = ProjectImport.edits(model, ProjectJson.read(bytes), into, false);
        model.apply(edits);
        return edits;
    }

    /** Strict UTF-8: a malformed or overlong sequence is refused with its byte offset, never replaced. */
    public static String decode(byte[] bytes) {
        try {
            return StrictJson.decodeUtf8(bytes);
        } catch (StrictJsonException e) {
            throw new ModelException(null, null, "the file is not UTF-8 text: " + e.reason());
        }
    }
}
