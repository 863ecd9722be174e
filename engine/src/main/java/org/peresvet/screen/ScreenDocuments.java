package org.peresvet.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;

/**
 * Screens as the model stores them: documents of kind {@value ScreenDef#KIND}, the body written by
 * {@link ScreenCodec}. The one place that knows the storage.
 */
public final class ScreenDocuments {
    private ScreenDocuments() {
    }

    /** Every screen of the model, sorted by name. */
    public static List<ScreenDef> all(ModelSnapshot model) {
        List<ScreenDef> out = new ArrayList<>();
        for (DocumentDef d : model.documents(ScreenDef.KIND)) {
            out.add(read(d));
        }
        return out;
    }

    /** The screen with {@code id}, if there is one. */
    public static Optional<ScreenDef> get(ModelSnapshot model, UUID id) {
        return model.document(id).filter(d -> d.kind().equals(ScreenDef.KIND)).map(ScreenDocuments::read);
    }

    /** The screen called {@code name} (ignoring case), if there is one. */
    public static Optional<ScreenDef> byName(ModelSnapshot model, String name) {
        return all(model).stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The screen a document holds.
     *
     * @throws ModelException naming the screen and the JSON path when the body is not a screen
     */
    public static ScreenDef read(DocumentDef d) {
        try {
            return ScreenCodec.read(d.id(), d.name(), d.body());
        } catch (ModelException e) {
            throw new ModelException("screen " + d.name(), e.where(), e.reason());
        }
    }

    /** The document that stores {@code screen}. */
    public static DocumentDef document(ScreenDef screen) {
        return new DocumentDef(screen.id(), ScreenDef.KIND, screen.name(), ScreenCodec.write(screen));
    }

    /** The edit that stores {@code screen} (creates it, or replaces the one with its id). */
    public static ModelEdit put(ScreenDef screen) {
        return new ModelEdit.PutDocument(document(screen));
    }
}
