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
 * Library symbols as the model stores them: documents of kind {@value SymbolDef#KIND}, the body
 * written by {@link SymbolCodec}. The one place that knows the storage.
 */
public final class SymbolDocuments {
    private SymbolDocuments() {
    }

    /** Every symbol of the model, sorted by name. */
    public static List<SymbolDef> all(ModelSnapshot model) {
        List<SymbolDef> out = new ArrayList<>();
        for (DocumentDef d : model.documents(SymbolDef.KIND)) {
            out.add(read(d));
        }
        return out;
    }

    /** The symbol with {@code id}, if there is one. */
    public static Optional<SymbolDef> get(ModelSnapshot model, UUID id) {
        return model.document(id).filter(d -> d.kind().equals(SymbolDef.KIND)).map(SymbolDocuments::read);
    }

    /**
     * The symbol a document holds.
     *
     * @throws ModelException naming the symbol and the JSON path when the body is not a symbol
     */
    public static SymbolDef read(DocumentDef d) {
        try {
            return SymbolCodec.read(d.id(), d.name(), d.body());
        } catch (ModelException e) {
            throw new ModelException("symbol " + d.name(), e.where(), e.reason());
        }
    }

    /** The document that stores {@code symbol}. */
    public static DocumentDef document(SymbolDef symbol) {
        return new DocumentDef(symbol.id(), SymbolDef.KIND, symbol.name(), SymbolCodec.write(symbol));
    }

    /** The edit that stores {@code symbol} (creates it, or replaces the one with its id). */
    public static ModelEdit put(SymbolDef symbol) {
        return new ModelEdit.PutDocument(document(symbol));
    }
}
